// GNU parallel's xargs mode and argument counts (issue 27.2) and its small ones (27.7), each case
// run through parallel itself and through procdeck-cli: the same standard output byte for byte
// and the same exit status.
#include "paralleltest.h"

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {

/// 1 to 30,000, a line each: lines of -X and -m longer than parallel's.
QByteArray manyValues()
{
    QByteArray values;
    for (int i = 1; i <= 30000; ++i)
        values += QByteArray::number(i) + '\n';
    return values;
}

/// A row of the data tables that run `args` with `input` on standard input.
void row(const char *name, const QStringList &args, const QByteArray &input = QByteArray())
{
    QTest::newRow(name) << args << input;
}

} // namespace

class TestParallelXargs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void tagCountsInTheLength_data();
    void tagCountsInTheLength();
    void tooLongStopsAfterTheJobsBefore_data();
    void tooLongStopsAfterTheJobsBefore();
    void optionErrorsNameTheOption_data();
    void optionErrorsNameTheOption();
    void retriesAreSilentAsParallel();
    void maxCharsOverTheLengthWarnsAsParallel();

private:
    Bench m_bench;
};

void TestParallelXargs::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QVERIFY(m_bench.write(QStringLiteral("lines.txt"), "1\n2\n3\n"));
    QVERIFY(m_bench.write(QStringLiteral("long.txt"), "a\nb\nverylonginput\nc\n"));
}

void TestParallelXargs::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    // -n0, -N0 (issue 27.7): once per input line, the values replaced by nothing (not '').
    row("-n0", {"-k", "-n0", "echo", "x", ":::", "1", "2", "3"});
    row("-N0 with {} and {#}", {"-k", "-N0", "echo", "a{}b", "{1}", "{#}", ":::", "1", "2"});
    row("-N0 dry run", {"--dry-run", "-k", "-N0", "echo", ":::", "1", "2"});
    row("-N0 from stdin", {"-k", "-N0", "echo", "line"}, "a\nb\n");
    row("-N2 from stdin after -k", {"-k", "-N2", "echo"}, "a\nb\nc\n");
    row("-N0 --tag", {"-k", "-N0", "--tag", "echo", "{}", ":::", "a", "b"});
    row("--tag of an empty value", {"-k", "--tag", "echo", "x", ":::", "", "a"});

    // xargs mode and argument counts (issue 27.2).
    const QStringList five{":::", "1", "2", "3", "4", "5"};
    row("-N2 replaces in context", QStringList{"--dry-run", "-k", "-N2", "echo", "a{}b"} + five);
    row("-N2 positional", QStringList{"-k", "-N2", "echo", "{2}-{1}"} + five);
    row("-n2 replaces all at once", QStringList{"--dry-run", "-k", "-n2", "echo", "a{}b"} + five);
    row("-m -N2 still in context", QStringList{"--dry-run", "-k", "-m", "-N2", "echo", "a{}b"} + five);
    row("-X spread over -j2", QStringList{"-j2", "-k", "-X", "echo", "a{}b"} + five);
    row("-X spread over -j4", QStringList{"-j4", "-k", "-X", "echo"} + five);
    row("-X -j1 one line", QStringList{"-j1", "-k", "-X", "--dry-run", "echo", "a{}b"} + five);
    row("-X {#} once", QStringList{"-j2", "-k", "-X", "echo", "{#}-{}"} + five);
    row("-X a word with a tab", {"-j2", "-k", "-X", "--dry-run", "echo a{}b{.}c\td{}", ":::",
                                 "a.x", "b.y", "c"});
    row("-X quoted values", {"-j1", "-k", "-X", "echo", "[{}]", ":::", "a b", "it's", "$x"});
    row("-X two sources", {"-j2", "-k", "-X", "echo", "{2}", "{1}", "{}", ":::", "a", "b", "c",
                           ":::", "1", "2"});
    row("-m spread over -j3", QStringList{"-j3", "-k", "-m", "echo", "{#}:{}"} + five);
    row("-m -j1", QStringList{"-j1", "-k", "-m", "--dry-run", "echo", "a{}b"} + five);
    row("-X -n2", QStringList{"-j2", "-k", "-X", "-n2", "echo", "a{}b"} + five);
    row("--xargs", QStringList{"-j3", "-k", "--xargs", "echo"} + five);
    row("-L2", QStringList{"-k", "-L2", "--dry-run", "echo", "a{}b"} + five);
    row("-l2 (not in context)", QStringList{"-k", "-l2", "--dry-run", "echo", "a{}b"} + five);
    row("-l alone", QStringList{"-k", "-l", "echo"} + five);
    row("--max-lines=2 -m", QStringList{"-k", "--max-lines=2", "-m", "echo", "a{}b"} + five);
    QStringList twelve{":::"};
    for (int i = 1; i <= 12; ++i)
        twelve << QString::number(i);
    for (const char *chars : {"10", "20", "25"}) {
        for (const QStringList &mode : QList<QStringList>{{"-X"}, {"-m"}, {"-n3"}, {}}) {
            const QString name = QStringLiteral("-s %1 %2").arg(QLatin1String(chars),
                                                                mode.join(QLatin1Char(' ')));
            QTest::newRow(qPrintable(name))
                    << QStringList{"-j1", "-k", "-s", chars} + mode
                            + QStringList{"--dry-run", "echo", "a{}b"} + twelve
                    << QByteArray();
        }
    }
    row("-s 30 -X over -j3", QStringList{"-j3", "-k", "-s", "30", "-X", "echo", "a{}b"} + twelve);
    // -x: parallel 20221122 reads it and does nothing with it.
    const QByteArray longOne = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n1234\n12\n13\n";
    row("-x -m -s 10", {"-j1", "-k", "-m", "-s", "10", "-x", "echo"}, longOne);
    row("-x -X -s 10", {"-j1", "-kX", "-s", "10", "-x", "echo"}, longOne);
    // Lines as long as parallel's (63,664 bytes): many values break where its lines do, and
    // spread over the job slots as its do; -s over that length is that length.
    const QByteArray many = manyValues();
    row("-X 30,000 values over -j2", {"-j2", "-k", "-X", "echo"}, many);
    row("-m 30,000 values over -j3", {"-j3", "-k", "-m", "echo", "x{}"}, many);
    row("-s over parallel's length", {"-j2", "-k", "-X", "-s", "70000", "echo"}, many);
    row("-n2 -s26 -x", {"-k", "-n2", "-s26", "-x", "echo", ":::", "a", "bb", "ccc", "dddd"});
    row("-E on values", {"-k", "-E", "stop", "echo", ":::", "a", "stop", "b", ":::", "1", "stop"});
    row("-E on stdin", {"-k", "-E", "_", "echo"}, "a\nb\n_\nc\n");
    row("-E 0 ends nothing", {"-k", "-E", "0", "echo"}, "a\n0\nc\n");
    row("--eof takes the next word", {"-k", "--eof", "-k", "echo"}, "a\n\nb\n");
    row("-N2 -E", {"-k", "-N2", "-E", "c", "echo", ":::", "a", "b", "c", "d"});
    row("-i alone", {"-k", "-i", "echo", "x{}y", ":::", "a"});
    row("-i takes the next word", {"-k", "-i", "echo", "{}", ":::", "a"});
    row("-i@@", {"-k", "-i@@", "echo", "x@@y{}", ":::", "a"});
    row("--replace=@@", {"-k", "--replace=@@", "echo", "x@@y{}", ":::", "a"});
    row("--arg-sep", {"-k", "--arg-sep", ",,", "echo", ",,", "a", ":::", "b"});
    row("--arg-file-sep", {"-k", "--arg-file-sep", "//", "--arg-sep", ",,", "echo", "//",
                           "lines.txt", ",,", "b", ":::", "x"});
}

void TestParallelXargs::sameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    paralleltest::compareWithParallel(m_bench, args, input);
}

void TestParallelXargs::tagCountsInTheLength_data()
{
    // parallel counts a --tag's or --tagstring's replacement strings in -s's length, once each,
    // when the command does not hold them (a command with none: its appended {} and the tag's).
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const QStringList letters{":::", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    row("-X --tag, no {}", QStringList{"-j1", "-k", "-s", "20", "-X", "--tag", "echo"} + letters);
    row("-X --tag, {} in the command",
        QStringList{"-j1", "-k", "-s", "20", "-X", "--tag", "echo", "{}"} + letters);
    row("-X --tagstring T{}: copied for each value too",
        {"-j1", "-k", "-s", "30", "-X", "--tagstring", "T{}", "echo", ":::", "aa", "bb", "cc", "dd",
         "ee", "ff", "gg"});
    const QStringList values{":::", "ab", "cde", "fg", "hij", "k", "l"};
    row("-n3 --tagstring {.}, quoted values",
        QStringList{"-j1", "-k", "-s", "30", "-n3", "--tagstring", "x{.}y", "echo", "{}", ":::",
                    "a b", "c'd", "e", "f g h", "i", "j"});
    row("-m --tagstring {#} {%}",
        QStringList{"-j1", "-k", "-s", "20", "-m", "--tagstring", "{#}:{%}", "echo", "{}"} + values);
    row("-m --tagstring {1}",
        QStringList{"-j1", "-k", "-s", "19", "-m", "--tagstring", "{1}", "echo", "{}"} + values);
    row("-m --tagstring perl",
        {"-j1", "-k", "-s", "21", "-m", "--tagstring", "{=$_.=\"xx\"=}", "echo", "{}", ":::",
         "a b", "c", "d  e", "f", "ghi"});
}

void TestParallelXargs::tagCountsInTheLength()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    paralleltest::compareWithParallel(m_bench, args, input, true);
}

void TestParallelXargs::tooLongStopsAfterTheJobsBefore_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const QByteArray lines = "a\nb\nverylonginput\nc\n";
    row("-s 10, inputs before and after", {"-j1", "-s", "10", "echo"}, lines);
    row("-s 10 -k", {"-j1", "-k", "-s", "10", "echo"}, lines);
    row("-X -s 12", {"-j1", "-X", "-s", "12", "echo", ":::", "a", "b", "verylonginput", "c"});
    // --tag counts the value a second time: 21 >= 12 where the command alone is 13.
    row("--tag -s 12", {"-j1", "-k", "-s", "12", "--tag", "echo", ":::", "ab", "abcdefgh", "c"});
    row("-m -s 10 -a", {"-j1", "-m", "-s", "10", "-a", "long.txt", "echo"});
    row("-N2 -s 10", {"-j1", "-N2", "-s", "10", "echo", ":::", "a", "b", "c", "verylonginput"});
    row("two sources", {"-j1", "-s", "10", "echo", ":::", "a", "b", ":::", "x", "verylong"});
    row("the first one: nothing runs", {"-j1", "-s", "10", "echo"}, "verylonginput\na\n");
    row("cut after 50 characters", {"-s", "12", "echo", ":::", QString(60, QLatin1Char('x'))});
    row("--dry-run", {"-j1", "-s", "10", "--dry-run", "echo", ":::", "a", "verylonginput"});
    // Its turn comes when the jobs before it have started and a slot is free: the ones still
    // running are killed, unprinted (they would sleep for 30 s).
    const QString longOne(40, QLatin1Char('y'));
    row("-j3: the running ones killed", {"-j3", "-s", "30", "sleep 30; echo", ":::", "a", "b",
                                         longOne});
    row("-j2 -k: the one before killed", {"-j2", "-k", "-s", "60",
                                          "case {} in b) sleep 30;; esac; echo", ":::", "a", "b",
                                          longOne});
}

void TestParallelXargs::tooLongStopsAfterTheJobsBefore()
{
    // Issue 27.2, -s: parallel runs the jobs before an input whose command alone is too long,
    // then says "Command line too long (18 >= 10) at input 0: …" and ends with 255.
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    const auto [expected, actual] = paralleltest::runBoth(m_bench, args, input);
    QCOMPARE(expected.exitCode, 255);
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, expected.exitCode);
    QVERIFY2(expected.err.startsWith("parallel: Error: Command line too long ("), expected.err);
    QCOMPARE(actual.err, "procdeck-cli: " + expected.err.mid(int(qstrlen("parallel: Error: "))));
}

void TestParallelXargs::optionErrorsNameTheOption_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown after -k, no :::") << QStringList{"-k", "-Q", "echo"} << "-Q";
    QTest::newRow("unknown long after -k") << QStringList{"-k", "--foo", "echo"} << "--foo";
    QTest::newRow("glued value of an unknown") << QStringList{"-k", "-Z2", "echo"} << "-Z";
    QTest::newRow("unknown with :::") << QStringList{"-k", "-Q", "echo", ":::", "a"} << "-Q";
}

void TestParallelXargs::optionErrorsNameTheOption()
{
    // Issue 27.7: an option parallel does not know is named alone, as parallel's "Unknown
    // option: Q" (ProcDeck's own reader said "Unknown options: k, Q." and took -N2's 2 for one).
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const auto [expected, actual] = paralleltest::runBoth(m_bench, args, "a\n");
    QCOMPARE(actual.exitCode, expected.exitCode); // parallel's usage text is not copied
    QCOMPARE(actual.err, QByteArray("procdeck-cli: unknown option '") + named.toUtf8() + "'\n");
}

void TestParallelXargs::retriesAreSilentAsParallel()
{
    // Issue 27.7: a try that failed and is tried again says nothing on stderr, as in parallel
    // (procdeck-cli said "... ended failed (attempt 1 of 3); trying again").
    QList<Outcome> outcomes;
    for (const QString &program : {m_bench.parallel(), QStringLiteral(PROCDECK_CLI_PATH)}) {
        const QString dir = m_bench.path(QStringLiteral("retries %1").arg(outcomes.size()));
        QVERIFY(QDir().mkpath(dir));
        QProcess p;
        m_bench.start(&p, program, {"-j1", "-k", "--retries", "3",
                            "[ -e {}.tried ] || { touch {}.tried; exit 1; }; echo {}", ":::",
                            "a", "b"}, {}, dir);
        outcomes << Bench::finish(&p);
    }
    QCOMPARE(outcomes.at(0).out, QByteArray("a\nb\n"));
    QCOMPARE(outcomes.at(1).out, outcomes.at(0).out);
    QCOMPARE(outcomes.at(1).err, outcomes.at(0).err);
    QCOMPARE(outcomes.at(1).exitCode, outcomes.at(0).exitCode);
}

void TestParallelXargs::maxCharsOverTheLengthWarnsAsParallel()
{
    // parallel's words, its length kept (the lines are compared in sameAsParallel).
    const auto [expected, actual] = paralleltest::runBoth(m_bench, {"-k", "-X", "-s", "70000",
                                                                   "echo", ":::", "a"}, {});
    const QByteArray words = "Value for option -s should be < 63664.\n";
    QCOMPARE(expected.err, "parallel: Warning: " + words);
    QCOMPARE(actual.err, "procdeck-cli: warning: " + words);
    QCOMPARE(actual.out, expected.out);
}

QTEST_GUILESS_MAIN(TestParallelXargs)
#include "tst_parallelxargs.moc"
