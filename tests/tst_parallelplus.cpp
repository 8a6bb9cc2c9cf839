// GNU parallel's replacement strings written in perl (issue 27.2): --plus's, --rpl's and
// {= perl expression =}, each case run through parallel itself and through procdeck-cli: the same
// standard output byte for byte and the same exit status. And the issue's rule: one perl for the
// whole run, never one per job.
#include "paralleltest.h"

using paralleltest::Bench;
using paralleltest::Outcome;

class TestParallelPlus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void onePerlForTheRun();

private:
    Bench m_bench;
};

void TestParallelPlus::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
}

void TestParallelPlus::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    const auto row = [](const char *name, const QStringList &args) {
        QTest::newRow(name) << args;
    };
    // Values with a space, a quote, a newline, bytes that are not UTF-8, an empty one, paths.
    const QStringList odd{":::", "a b", "it's", "x\ny", "\xe9t\xe9.\xe9", "", "d/s.tar.gz",
                          "a b/c.d.e.f", "/x/.y", "no/"};
    row("--plus a path's parts", QStringList{"-k", "--plus", "echo", "{+/}|{+.}|{+..}|{+...}",
                                             "{..}|{...}|{/..}|{/...}"} + odd);
    row("--plus {} is its parts", QStringList{"-k", "--plus", "echo", "{+/}/{/}", "{.}.{+.}",
                                              "{..}.{+..}", "{}"} + odd);
    row("--plus {##} {0#} -j1 {0%}", QStringList{"-j1", "-k", "--plus", "echo", "{##} {0#} {0%}",
                                                  ":::", "1", "2", "3", "4", "5", "6", "7", "8",
                                                  "9", "10", "11"});
    row("--plus bash's ${a:-x} ${a:2} ${a:1:2}", QStringList{"-k", "--plus", "echo", "{:-none}",
                                                           "{:2}", "{:1:2}"} + odd);
    row("--plus bash's # ## % %%", QStringList{"-k", "--plus", "echo", "{#a}", "{##*.}", "{%.e}",
                                               "{%%.*}", "{#?}"} + odd);
    row("--plus bash's /re/new", QStringList{"-k", "--plus", "echo", "{/a/X}", "{/#a/X}",
                                             "{/%f/X}", "{//./_}", "{/ /}"} + odd);
    row("--plus bash's ^ ^^ , ,,", QStringList{"-k", "--plus", "echo", "{^a}", "{^^[a-e]}",
                                               "{,A}", "{,,[A-Z]}"} + odd);
    row("--plus positional", {"-k", "--plus", "echo", "{2+/}", "{1..}", "{-1/...}", "{2%.e}",
                              ":::", "a b.c.d", "it's.x", ":::", "p/q.e", "r s/t"});
    row("--plus -X", {"-j1", "-k", "-X", "--plus", "echo", "x{+.}", "{##}", ":::", "a.b", "c d.e",
                      "f"});
    row("--plus -N2", {"-k", "-N2", "--plus", "echo", "{..}", "{2+.}", ":::", "a.b.c", "d e.f",
                       "g.h"});
    row("--plus {slot} {host} in --dry-run", {"-j1", "--dry-run", "--plus", "echo", "{slot}",
                                              "{host}", ":::", "a"});
    row("--plus {choose_k} --dry-run", {"-k", "--dry-run", "--plus", "echo", "{choose_k}", ":::",
                                        "a", "b", "c", ":::", "a", "b", "c"});
    row("--plus {uniq} runs", {"-k", "--plus", "echo", "{uniq}", ":::", "a", "b", ":::", "a",
                               "b"});
    row("--plus with --tagstring", QStringList{"-k", "--plus", "--tagstring", "{/..}:", "echo",
                                               "{..}"} + odd);

    row("--rpl", QStringList{"-k", "--rpl", "{r} s/a/A/g", "--rpl", "{ab} $_ = \"<$_>\"", "echo",
                             "{r}", "{ab}"} + odd);
    row("--rpl with groups", {"-k", "--rpl", "{x(\\d+)} $_ x= $$1", "--rpl",
                              "{s(.)(.)} s/$$1/$$2/g", "echo", "{x3}", "{sab}", "{s b}", ":::",
                              "a b", "banana", ""});
    row("--rpl positional", {"-k", "--rpl", "{r} s/a/A/g", "--rpl", "{x(\\d+)} $_ x= $$1", "echo",
                             "{2r}", "{-1x2}", "{1r}", ":::", "a b", "ca", ":::", "da", "e'a"});
    row("--rpl the last of a name wins", {"-k", "--rpl", "{r} s/a/A/g", "--rpl", "{r} s/b/B/g",
                                          "echo", "{r}", ":::", "abab", "b a"});
    row("--rpl over --plus's", {"-k", "--plus", "--rpl", "{..} $_ = \"dots\"", "echo", "{..}",
                                "{+..}", ":::", "a.b.c"});
    row("--rpl -N2 each value", {"-k", "-N2", "--rpl", "{u} $_ = uc", "echo", "x{u}y", ":::",
                                 "a b", "c", "d"});
    row("--rpl without a {", {"-k", "--rpl", "%% s/a/X/", "echo", "%%", "x%%", ":::", "abc",
                              "a b"});

    // --er, --bnr, --dnr, --bner, --seqreplace, --slotreplace: another name for {.} … {%}, the
    // old one text from then on; a new name in braces has its positional forms.
    row("--er", {"-k", "--er", "X", "echo", "X", "{.}", ":::", "a.b", "c/d.e"});
    row("--bnr -X", {"-j1", "-k", "-X", "--bnr", "FOO", "echo", "FOO", ":::", "/a/b.c", "a/b.c",
                     "b.c", "/a/b", "a/b", "b"});
    row("--dirnamereplace", {"-k", "--dirnamereplace", "II", "echo", "II", "{}", ":::", "a",
                             "a/b", "a/b/c"});
    row("--bner in braces, positional", {"-k", "--bner", "{b}", "echo", "{b}", "{2b}", "{/.}",
                                         ":::", "/x/y.z", ":::", "p/q.r"});
    row("--seqreplace --slotreplace", {"-j1", "-k", "--seqreplace", "N", "--slotreplace", "S",
                                       "echo", "N", "S", "{#}", "{%}", ":::", "a", "b"});
    row("--bnr in --tagstring", {"-k", "--bnr", "B", "--tagstring", "B:", "echo", ":::", "/a/b",
                                 "c/d"});
    row("{= =} changes $_", QStringList{"-k", "echo", "{= $_ .= \"x\" =}", "{=s/a/b/g=}"} + odd);
    row("{= =} in words the shell split", {"-k", "echo", "{=", "s/a/b/", "=}", "{=", "$_", "=",
                                           "length", "=}", ":::", "a a", "it's"});
    row("{=N =} positional", {"-k", "echo", "{=2 s/./X/ =}", "{=-1 $_ .= 1 =}", "{=1 =}", ":::",
                              "a b", "c'd", ":::", "e f", ""});
    row("{= =} uq() and Q()", {"-k", "echo", "{= uq() =}", "{= $_ = Q($_); uq() =}",
                               "{= $_ = Q($_) =}", ":::", "a b", "it's", "$HOME"});
    row("{= =} seq and slot at -j1", {"-j1", "-k", "echo", "{= $_ = $job->seq() =}",
                                      "{= $_ = $job->slot() . seq() . slot() =}", ":::", "a",
                                      "b", "c"});
    row("{= =} $arg[N]", {"-k", "echo", "{= $_ = $arg[2] =}", "{= $_ = \"@arg[1..$#arg]\" =}",
                          ":::", "a b", "c", ":::", "d", "e'f"});
    row("{= =} skip()", {"-k", "echo", "{= $_ eq \"b\" and skip() =}", ":::", "a", "b", "c", "b"});
    row("{= =} skip() --dry-run", {"-k", "--dry-run", "echo", "{= /b/ and skip() =}", ":::", "a",
                                   "b c"});
    row("{= =} is the command", {"-k", "{= $_ = \"echo \" . $_ =}", ":::", "a b", "c"});
    row("{= =} -X", {"-j1", "-k", "-X", "echo", "x{= $_ .= \"y\" =}", "{=1 $_ = seq() =}", ":::",
                     "a", "b c", "d"});
    row("{= =} -m", {"-j2", "-k", "-m", "echo", "{= $_ = uc =}", ":::", "a", "b c", "d"});
    row("{= =} -q", {"-k", "-q", "echo", "{= $_ .= \" z\" =}", "x{=1 $_ =}y", ":::", "a b",
                     "it's"});
    row("{= =} --tagstring", QStringList{"-k", "--tagstring", "{= $_ = uc =}", "echo"} + odd);
    row("{= =} --colsep --trim", {"-k", "--colsep", ",", "--trim", "lr", "echo",
                                  "{=1 $_ .= \"|\" =}", "{= $_ = \"<$_>\" =}", ":::", " a , b ",
                                  "c,d"});
    row("{= =} -n0 sees parallel's no-value", {"-k", "--dry-run", "-n0", "--plus", "echo",
                                                "{= $_ .= \"x\" =}", "{= uq() =}", "{+/}", ":::",
                                                "a", "b"});
    row("{= =} -I", {"-k", "-I", "@@", "echo", "@@", "{= $_ = length =}", ":::", "a b", "cd"});
    row("{= =} nested {==}", {"-k", "echo", "{= $_ = \"{==}\" =}", ":::", "a"});
    row("{= =} a syntax error", {"echo", "{= $_ .= =}", ":::", "a"});
    row("{= =} from standard input", {"-k", "-a", "-", "echo", "{= tr/a-z/A-Z/ =}"});
}

void TestParallelPlus::sameAsParallel()
{
    QFETCH(QStringList, args);
    const QByteArray input("a b\nit's\n\xe9t\xe9\n\n");
    paralleltest::compareWithParallel(m_bench, args, input);
}

void TestParallelPlus::onePerlForTheRun()
{
    // A `perl` first on PATH that writes a line for each start and then runs perl.
    QVERIFY(QDir().mkpath(m_bench.path(QStringLiteral("bin"))));
    const QString starts = m_bench.path(QStringLiteral("perl-starts"));
    const QString perl = QStandardPaths::findExecutable(QStringLiteral("perl"));
    QVERIFY(!perl.isEmpty());
    QVERIFY(m_bench.write(QStringLiteral("bin/perl"),
                          QStringLiteral("#!/bin/sh\necho $$ >> '%1'\nexec '%2' \"$@\"\n")
                                  .arg(starts, perl)
                                  .toUtf8()));
    QVERIFY(QFile::setPermissions(m_bench.path(QStringLiteral("bin/perl")),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QStringList args{"-j4", "-k", "--plus", "echo", "{= $_ .= \"x\" =}", "{..}", ":::"};
    QByteArray expected;
    for (int i = 1; i <= 200; ++i) {
        args << QString::number(i) + QStringLiteral(".a.b");
        expected += QByteArray::number(i) + ".a.bx " + QByteArray::number(i) + '\n';
    }
    QProcess cli;
    QProcessEnvironment env = m_bench.environment();
    env.insert(QStringLiteral("PATH"),
               m_bench.path(QStringLiteral("bin")) + QLatin1Char(':') + env.value("PATH"));
    cli.setProcessEnvironment(env);
    cli.setWorkingDirectory(m_bench.path(QString()));
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), args);
    cli.closeWriteChannel();
    const Outcome o = Bench::finish(&cli);
    QCOMPARE(o.exitCode, 0);
    QCOMPARE(o.out, expected);
    QFile count(starts);
    QVERIFY(count.open(QIODevice::ReadOnly));
    QCOMPARE(count.readAll().count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestParallelPlus)
#include "tst_parallelplus.moc"
