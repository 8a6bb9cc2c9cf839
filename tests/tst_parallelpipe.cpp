// GNU parallel's --pipe family (issue 27.3): standard input cut into blocks, each case run
// through parallel itself and through procdeck-cli: the same standard output byte for byte and
// the same exit status.
#include "paralleltest.h"

#include <QRegularExpression>

#include <algorithm>

using paralleltest::Bench;
using paralleltest::Outcome;

class TestParallelPipe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void streamsAsParallel_data();
    void streamsAsParallel();
    void readsAsJobsNeedBlocks();
    void leavesNoBlockFiles();
    void roundRobinGivesEveryRecordOnce();
    void refusesWhatItDoesNotDo();

private:
    static QByteArray lines(int from, int to);
    Bench m_bench;
};

QByteArray TestParallelPipe::lines(int from, int to)
{
    QByteArray bytes;
    for (int i = from; i <= to; ++i)
        bytes += QByteArray::number(i) + '\n';
    return bytes;
}

void TestParallelPipe::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QVERIFY(m_bench.write(QStringLiteral("lines.txt"), lines(1, 20000)));
    QVERIFY(m_bench.write(QStringLiteral("table.csv"), "name,n\n" + lines(1, 3000)));
    QVERIFY(m_bench.write(QStringLiteral("values.txt"), "a b\n2\n\n'4'\n5\n"));
}

void TestParallelPipe::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const auto row = [](const char *name, const QStringList &args, const QByteArray &input) {
        QTest::newRow(name) << args << input;
    };
    const QByteArray many = lines(1, 20000);
    const QByteArray fasta = ">a\nACGT\nAC\n>b\nGG\n>c\nTTTT\n>d\nA\n";
    row("block 10k", {"-k", "--pipe", "--block", "10k", "wc", "-l"}, many);
    row("block 1K, bytes", {"-k", "--pipe", "--block", "1K", "wc", "-c"}, many);
    row("default block", {"-k", "--pipe", "wc"}, many + many + many);
    row("no final newline", {"-k", "--pipe", "-N1", "echo [; cat; echo ]"}, "a\nb\nlast");
    row("empty input", {"-k", "--pipe", "echo ran; cat"}, "");
    row("one byte", {"-k", "--pipe", "od -c"}, "x");
    row("records longer than the block", {"-k", "--pipe", "--block", "100", "wc", "-c"},
        QByteArray(450, 'x') + "\n" + QByteArray(90, 'y') + "\nz\n" + QByteArray(300, 'w'));
    row("-N 3", {"-k", "--pipe", "-N", "3", "echo {#}; cat"}, lines(1, 10));
    row("-N3 small block", {"-k", "--pipe", "--block", "5", "-N3", "wc", "-l"}, lines(1, 40));
    row("--header 1 -N 2", {"-k", "--pipe", "--header", "1", "-N", "2", "cat; echo --"},
        "name\n1\n2\n3\n4\n5\n");
    row("--header 2 block", {"-k", "--pipe", "--header", "2", "--block", "20", "head -3"},
        "h1\nh2\n" + lines(1, 30));
    row("--header regexp", {"-k", "--pipe", "--header", "#.*\\n", "-N2", "cat; echo --"},
        "# c\n1\n2\n3\n");
    row("--recstart", {"-k", "--pipe", "--recstart", ">", "-N1", "cat; echo --"}, fasta);
    row("--recstart --recend", {"-k", "--pipe", "--recstart", ">", "--recend", "\\n", "-N2",
                                "cat; echo --"}, fasta);
    row("--recend only", {"-k", "--pipe", "--recend", ";", "-N2", "cat; echo"}, "a;b;c;d;e");
    row("--recend '' ", {"-k", "--pipe", "--block", "3", "--recend", "", "cat; echo"},
        "abcdefgh");
    row("--recstart block", {"-k", "--pipe", "--recstart", ">", "--block", "12", "cat; echo --"},
        fasta);
    row("--regexp -N1", {"-k", "--pipe", "--regexp", "--recstart", ">[a-c]", "-N1",
                         "cat; echo --"}, fasta);
    row("--regexp block", {"-k", "--pipe", "--regexp", "--recend", "[0-9]\\n", "--block", "8",
                           "cat; echo --"}, "a1\nb\nc2\nd3\ne\nf4\n");
    row("--cat", {"-k", "--pipe", "--block", "30k", "--cat", "wc -l < {}"}, many);
    row("--fifo", {"-k", "--pipe", "--block", "30k", "--fifo", "wc -l < {}"}, many);
    // --rrs: each block without the separators between its records, nor at its ends.
    row("--rrs --recend -N1", {"-k", "--pipe", "--rrs", "--recend", "+", "-N1", "cat; echo end"},
        "a+b+c+d+e+");
    row("--rrs lines, a final newline", {"-k", "--pipe", "--rrs", "-N2", "cat; echo end"},
        "1\n2\n3\n4\n5\n");
    row("--rrs --recstart --recend", {"-k", "--pipe", "--rrs", "--recstart", ">", "--recend",
                                      "\\n", "-N2", "cat; echo end"}, fasta);
    row("--rrs --header", {"-k", "--pipe", "--rrs", "--header", "1", "-N2", "cat; echo end"},
        "h\n1\n2\n3\n4\n5\n");
    row("--rrs --regexp", {"-k", "--pipe", "--rrs", "--regexp", "--recend", "[0-9]",
                           "--recstart", "y", "-N1", "cat; echo end"}, "x1y2x3y4x5y\n");
    row("--rrs: a separator before the final newline", {"-k", "--pipe", "--rrs", "--recend",
                                                        "+", "cat; echo end"}, "a+b+\n");
    row("{#} and {%}", {"-k", "-j2", "--pipe", "--block", "20k", "echo {#}; wc -l"}, many);
    row("failing jobs", {"-k", "--pipe", "--block", "10", "-N1", "false"}, lines(1, 7));
    row("--pipepart", {"-k", "--pipepart", "-a", "lines.txt", "--block", "10k", "wc", "-l"}, "");
    row("--pipepart default block", {"-k", "-j3", "--pipepart", "-a", "lines.txt", "wc -l"}, "");
    row("--pipepart --header", {"-k", "-j2", "--pipepart", "-a", "table.csv", "--header", "1",
                                "--block", "2k", "head -2"}, "");
    row("--pipepart --recstart", {"-k", "--pipepart", "-a", "lines.txt", "--recstart", "1",
                                  "--block", "20k", "head -1"}, "");
}

void TestParallelPipe::sameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    paralleltest::compareWithParallel(m_bench, args, input);
}

void TestParallelPipe::streamsAsParallel_data()
{
    // A function of their own: Qt's watchdog (300 s) counts a function's rows together.
    // --round-robin, --tee and --pipe -a.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const auto row = [](const char *name, const QStringList &args, const QByteArray &input) {
        QTest::newRow(name) << args << input;
    };
    const QByteArray many = lines(1, 20000);
    // --tee: every job (a value each) given all of standard input, through a pipe.
    row("--tee", {"-k", "--pipe", "--tee", "grep {}", ":::", "1", "2", "3"}, lines(1, 10));
    row("--tee --tag two sources", {"-k", "--pipe", "--tee", "--tag", "grep {1} | wc {2}", ":::",
                                    "1", "2", "0", ":::", "-l", "-c"}, many);
    row("--tee beyond a chunk", {"-k", "--pipe", "--tee", "wc", ":::", "-l", "-c"},
        many + many + many);
    row("--tee failing jobs", {"-k", "--pipe", "--tee", "grep -q {}", ":::", "1", "x", "y"},
        lines(1, 10));
    row("--tee a job that stops reading", {"-k", "--pipe", "--tee", "{}", ":::", "head -1",
                                           "wc -l"}, many + many + many);
    row("--tee -j too low", {"-j1", "--pipe", "--tee", "cat", ":::", "a", "b"}, "x\n");
    row("--pipepart --tee", {"-k", "--pipepart", "--tee", "-a", "lines.txt", "grep -c {}", ":::",
                             "1", "2"}, "");
    // --round-robin: parallel starts a job a block up to -j; which job gets which of the later
    // blocks depends on which has taken its last, so these are the cases where that is fixed,
    // and -k, which gives them in turn (a slow first job does not lose its share).
    row("--round-robin -k in turn, a slow job", {"-k", "-j2", "--pipe", "--round-robin",
                                                 "--block", "10k",
                                                 "if [ {#} = 1 ]; then sleep 1; fi; wc -l"},
        lines(1, 200000));
    row("--round-robin jobs", {"-k", "-j3", "--pipe", "--round-robin", "--block", "10k",
                               "echo job {#} {%}; cat >/dev/null"}, many);
    row("--round-robin one block", {"-k", "-j4", "--pipe", "--round-robin", "echo {#}; wc -l"},
        lines(1, 3));
    row("--round-robin empty input", {"-k", "-j4", "--pipe", "--round-robin", "echo ran"}, "");
    row("--round-robin in turn", {"-k", "-j4", "--pipe", "--round-robin", "--block", "10k",
                                  "wc", "-l"}, lines(1, 8500));
    row("--round-robin --header", {"-k", "-j2", "--pipe", "--round-robin", "--header", "1",
                                   "--block", "1k", "grep -c name"}, "name\n" + lines(1, 3000));
    row("--pipepart --round-robin", {"-k", "-j2", "--pipepart", "-a", "lines.txt",
                                     "--round-robin", "wc", "-l"}, "");
    // --pipe -a FILE: standard input is still what is cut; the file gives each block's {}.
    row("--pipe -a: a line a block as {}", {"-k", "--pipe", "--block", "10", "-a", "values.txt",
                                            "echo [{}]; wc -l"}, lines(1, 20));
    row("--pipe -a: more lines than blocks", {"-k", "--pipe", "-a", "values.txt",
                                              "echo [{}]; wc -l"}, lines(1, 3));
    row("--pipe -a: no {}", {"-k", "--pipe", "--block", "10", "-a", "values.txt", "wc", "-l"},
        lines(1, 20));
}

void TestParallelPipe::streamsAsParallel()
{
    sameAsParallel();
}

void TestParallelPipe::readsAsJobsNeedBlocks()
{
    // Standard input is read as blocks are needed, not all of it first: with the input still
    // open, the first blocks' jobs run and print.
    QProcess open;
    open.setProcessEnvironment(m_bench.environment());
    open.setWorkingDirectory(m_bench.path(QString()));
    open.start(QStringLiteral(PROCDECK_CLI_PATH),
               {"-k", "-j1", "--pipe", "--block", "10", "-N1", "cat"});
    QVERIFY(open.waitForStarted(paralleltest::kDeadlineMs));
    open.write("a\nb\nc\nd\ne\nf\ng\n");
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += open.readAllStandardOutput()).startsWith("a\nb\n"),
                             paralleltest::kDeadlineMs);
    QCOMPARE(open.state(), QProcess::Running); // it waits for the rest of the input
    open.closeWriteChannel();
    QVERIFY(open.waitForFinished(paralleltest::kDeadlineMs));
    out += open.readAllStandardOutput();
    QCOMPARE(out, QByteArray("a\nb\nc\nd\ne\nf\ng\n"));
    QCOMPARE(open.exitCode(), 0);
}

void TestParallelPipe::leavesNoBlockFiles()
{
    // Each block's file goes when its job has ended; the folder when the run does.
    const QString tmp = m_bench.path(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(tmp));
    QProcess p;
    QProcessEnvironment env = m_bench.environment();
    env.insert(QStringLiteral("TMPDIR"), tmp);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_bench.path(QString()));
    p.start(QStringLiteral(PROCDECK_CLI_PATH),
            {"-j2", "--pipe", "--block", "1k", "--cat", "test -s {} && wc -l < {}"});
    QVERIFY(p.waitForStarted(paralleltest::kDeadlineMs));
    p.write(lines(1, 5000));
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(paralleltest::kDeadlineMs));
    QCOMPARE(p.exitCode(), 0);
    int total = 0;
    for (const QByteArray &n : p.readAllStandardOutput().split('\n'))
        total += n.toInt();
    QCOMPARE(total, 5000);
    QCOMPARE(QDir(tmp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
}

void TestParallelPipe::roundRobinGivesEveryRecordOnce()
{
    // Which job gets which block is not fixed without -k (each goes to a job that has taken
    // its last): compared with parallel are the number of jobs and the lines they were given in
    // all; every record reaches exactly one job, whole.
    const QByteArray input = lines(1, 200000);
    const QStringList args{"-j3", "--pipe", "--round-robin", "--block", "20k"};
    const auto summed = [this, &args, &input](const QString &program) {
        QProcess p;
        m_bench.start(&p, program, args + QStringList{"echo job; wc -l"}, input);
        const Outcome o = Bench::finish(&p);
        int jobs = 0;
        qint64 total = 0;
        for (const QByteArray &line : o.out.split('\n')) {
            jobs += line == "job";
            total += line.toLongLong();
        }
        return QList<qint64>{o.exitCode, jobs, total};
    };
    const QList<qint64> expected = summed(m_bench.parallel());
    QCOMPARE(expected, (QList<qint64>{0, 3, 200000}));
    QCOMPARE(summed(QStringLiteral(PROCDECK_CLI_PATH)), expected);
    QProcess p;
    m_bench.start(&p, QStringLiteral(PROCDECK_CLI_PATH), args + QStringList{"cat"}, input);
    const Outcome o = Bench::finish(&p);
    QCOMPARE(o.exitCode, 0);
    QList<int> seen;
    for (const QByteArray &line : o.out.split('\n'))
        if (!line.isEmpty())
            seen << line.toInt();
    std::sort(seen.begin(), seen.end());
    QCOMPARE(seen.size(), 200000);
    QCOMPARE(seen.first(), 1);
    QCOMPARE(seen.last(), 200000);
    QVERIFY(std::adjacent_find(seen.begin(), seen.end(),
                               [](int a, int b) { return b != a + 1; }) == seen.end());
}

void TestParallelPipe::refusesWhatItDoesNotDo()
{
    for (const QStringList &args : QList<QStringList>{{"--round-robin", "cat"},
                                                      {"--pipe", "--tee", "cat"},
                                                      {"--pipe", "--round-robin", "--cat", "cat"},
                                                      {"--pipe", "--block", "ten", "cat"},
                                                      {"--pipe", "cat", ":::", "a"}}) {
        QProcess p;
        m_bench.start(&p, QStringLiteral(PROCDECK_CLI_PATH), args, "a\n");
        const Outcome o = Bench::finish(&p);
        QCOMPARE(o.exitCode, 255);
        QVERIFY2(o.out.isEmpty(), o.out.constData());
        QVERIFY2(o.err.startsWith("procdeck-cli: ") && o.err.count('\n') == 1, o.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestParallelPipe)
#include "tst_parallelpipe.moc"
