// GNU parallel's quoting and printing of commands (issue 27.2: -q, --shellquote, -v, -t), each
// case run through parallel itself and through procdeck-cli: the same standard output byte for
// byte, the same exit status, and with -t the same standard error.
#include "paralleltest.h"

using paralleltest::Bench;
using paralleltest::Outcome;

class TestParallelQuote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();

private:
    Bench m_bench;
};

void TestParallelQuote::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
}

void TestParallelQuote::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("sameStderr");
    const auto row = [](const char *name, const QStringList &args, const QByteArray &input = {},
                        bool sameStderr = false) {
        QTest::newRow(name) << args << input << sameStderr;
    };
    // Values with a space, a quote, a newline, a byte that is not UTF-8, and an empty one.
    const QStringList odd{":::", "a b", "it's", "x\ny", "\xe9t\xe9", ""};
    const QByteArray oddLines("a b\nit's\n\xe9t\xe9\n\n");
    row("-q each word quoted whole", QStringList{"-k", "-q", "printf", "[%s]\\n", "a {}.z", "{}"}
                + odd);
    row("-q dry run", QStringList{"-k", "-q", "--dry-run", "echo", "{}.sh", "{} q", "", "'"} + odd);
    row("-q a command of one word", {"-k", "-q", "--dry-run", "echo {}", ":::", "a b"});
    row("-q the value is the command", {"-k", "-q", "--dry-run", "{}", ":::", "echo a"});
    row("-q sh -c", {"-k", "-q", "sh", "-c", "echo \"$1\"; exit 3", "sh"}, oddLines);
    row("-q {#} {%} at -j1", QStringList{"-j1", "-k", "-q", "echo", "{#} {%}", "x{%}"} + odd);
    row("-q positional", {"-k", "-q", "echo", "{2}/{1}", "{3}", ":::", "a b", "c", ":::", "d'e"});
    row("-q -N2 a value each", {"-k", "-q", "-N2", "--dry-run", "echo", "x{}y", "{2}", ":::",
                                "a", "b c", "d"});
    row("-q -X copies", {"-j1", "-k", "-q", "-X", "--dry-run", "echo", "x{}", ":::", "a", "b c",
                         "d'e"});
    row("-q -X a word with spaces", {"-j1", "-k", "-q", "-X", "--dry-run", "echo", "x {}y z",
                                     ":::", "a", "b c"});
    row("-q -X a word with a tab", {"-j1", "-k", "-q", "-m", "--dry-run", "echo", "x\t{}y",
                                    ":::", "a", "b c"});
    row("-q -n0", {"-k", "-q", "-n0", "--dry-run", "echo", "{}", "x", ":::", "a", "b"});
    row("-q --tag", QStringList{"-k", "-q", "--tag", "echo"} + odd);
    row("--shellquote", QStringList{"-k", "--shellquote"} + odd);
    row("--shellquote twice -q", QStringList{"-k", "--shellquote", "--shellquote", "-q", "echo",
                                             "{} x"} + odd);
    row("-v", QStringList{"-k", "-v", "echo"} + odd);
    row("-v a command of its own", QStringList{"-k", "-v", "echo {}; exit 2"} + odd);
    row("-v no output", {"-j1", "-v", "true", ":::", "a", "b"});
    row("-v --tag", {"-k", "-v", "--tag", "echo {}; echo e >&2", ":::", "a", "b c"});
    row("-v -q", QStringList{"-k", "-v", "-q", "sh", "-c", "echo \"$0\""} + odd);
    row("-v -v", {"-k", "-v", "-v", "echo", ":::", "a"});
    row("-v --dry-run prints once", {"-k", "-v", "--dry-run", "echo", ":::", "a", "b c"});
    row("-v -j1 {%}", {"-j1", "-v", "echo {%} {#}", ":::", "a", "b"});
    row("-t", QStringList{"-j1", "-t", "echo"} + odd, {}, true);
    row("--verbose -k --tag", {"-j1", "-k", "--verbose", "--tag", "echo", ":::", "a", "b"}, {},
        true);
    row("-t --dry-run", QStringList{"-t", "--dry-run", "--tag", "echo"} + odd, {}, true);
    row("-t -v -q", {"-j1", "-t", "-v", "-q", "echo", "{} z", ":::", "a b"}, {}, true);
}

void TestParallelQuote::sameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(bool, sameStderr);
    paralleltest::compareWithParallel(m_bench, args, input, sameStderr);
}

QTEST_GUILESS_MAIN(TestParallelQuote)
#include "tst_parallelquote.moc"
