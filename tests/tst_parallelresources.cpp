// GNU parallel's --load, --memfree and --memsuspend (issue 27.5) through procdeck-cli and
// parallel itself: the same output where the limits are never reached, and both holding every
// job, within a deadline, where they always are. The figures procdeck-cli reads can be set by a
// test (PROCDECK_TEST_PROC: a folder with /proc's stat and meminfo), so its decisions are shown
// exactly too.
#include "paralleltest.h"

#include <QSaveFile>

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {
/// How long a run that holds every job is let wait before `timeout` ends it; one that runs its
/// jobs has all the time a loaded machine needs.
constexpr int kHoldSeconds = 3;
constexpr int kRunSeconds = 100;

bool writeWhole(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}
} // namespace

class TestParallelResources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallelBelowTheLimits_data();
    void sameAsParallelBelowTheLimits();
    void bothHoldEveryJob_data();
    void bothHoldEveryJob();
    void heldByTheFiguresRead_data();
    void heldByTheFiguresRead();
    void refusedValues_data();
    void refusedValues();

private:
    /// `args` under timeout(1): stdout and its exit status (124: it was still waiting and ended
    /// on SIGTERM; 137: on SIGKILL 2 s later, as parallel ignores SIGTERM until a job started).
    Outcome runWithin(const QString &program, const QStringList &args,
                      const QProcessEnvironment &env, int seconds = kHoldSeconds);
    Bench m_bench;
};

void TestParallelResources::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    // A batch file's "load" holds its jobs as --load does.
    QVERIFY(m_bench.write(QStringLiteral("load2.json"),
                          R"({"load": 2, "jobs": [{"command": "echo a"}]})"));
}

void TestParallelResources::sameAsParallelBelowTheLimits_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--load +100") << QStringList{"--load", "+100", "-k", "echo", ":::", "a b", "c"};
    QTest::newRow("--load 5000%")
            << QStringList{"--load", "5000%", "-j2", "-k", "echo", "x{}", ":::", "1", "2", "3"};
    QTest::newRow("--memfree 1k") << QStringList{"--memfree", "1k", "-k", "echo", ":::", "a", "b"};
    QTest::newRow("--memsuspend 1K --memfree 2M")
            << QStringList{"--memsuspend", "1K", "--memfree", "2M", "-j3", "-k", "sh", "-c",
                           "echo $0; exit 2", ":::", "p", "q r", "s"};
}

void TestParallelResources::sameAsParallelBelowTheLimits()
{
    QFETCH(QStringList, args);
    paralleltest::compareWithParallel(m_bench, args, QByteArray());
}

Outcome TestParallelResources::runWithin(const QString &program, const QStringList &args,
                                         const QProcessEnvironment &env, int seconds)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_bench.path(QString()));
    p.start(QStringLiteral("timeout"),
            QStringList{QStringLiteral("-k"), QStringLiteral("2"), QString::number(seconds),
                        program}
                    + args);
    if (!p.waitForFinished(paralleltest::kDeadlineMs)) { // not timeout's way: exit status -1
        p.kill();
        p.waitForFinished();
        return {};
    }
    // timeout dies of the signal its command died of (SIGKILL after -k): 128 + it, as sh says.
    return {p.readAllStandardOutput(), p.readAllStandardError(),
            p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 128 + p.exitCode()};
}

void TestParallelResources::bothHoldEveryJob_data()
{
    QTest::addColumn<QStringList>("args");
    // More free memory than this computer has: parallel starts nothing and waits (its
    // start_more_jobs passes the login over), and so does procdeck-cli.
    QTest::newRow("--memfree 100T") << QStringList{"--memfree", "100T", "echo", ":::", "a"};
    QTest::newRow("--memsuspend 60T")
            << QStringList{"--memsuspend", "60T", "-k", "echo", ":::", "a", "b"};
}

void TestParallelResources::bothHoldEveryJob()
{
    QFETCH(QStringList, args);
    const Outcome expected = runWithin(m_bench.parallel(), args, m_bench.environment());
    const Outcome actual
            = runWithin(QStringLiteral(PROCDECK_CLI_PATH), args, m_bench.environment());
    // timeout ended both: they were still waiting, nothing printed.
    QVERIFY2(expected.exitCode == 124 || expected.exitCode == 137,
             qPrintable(QString::number(expected.exitCode)));
    QCOMPARE(expected.out, QByteArray());
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, 124);
}

void TestParallelResources::heldByTheFiguresRead_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("running"); // procs_running in the test's stat, the reader among them
    QTest::addColumn<qint64>("freeKb");
    QTest::addColumn<QByteArray>("out"); // empty: held until timeout ended it
    const QStringList load{"--load", "2", "-k", "echo", ":::", "a", "b"};
    const QStringList memfree{"--memfree", "1G", "-k", "echo", ":::", "a", "b"};
    QTest::newRow("load 1 < 2") << load << 2 << qint64(8 << 20) << QByteArray("a\nb\n");
    QTest::newRow("load 2 ≥ 2") << load << 3 << qint64(8 << 20) << QByteArray();
    QTest::newRow("1 GiB free") << memfree << 1 << qint64(1 << 20) << QByteArray("a\nb\n");
    QTest::newRow("1 KiB short") << memfree << 1 << qint64((1 << 20) - 1) << QByteArray();
    const QStringList batch{"--batch", "load2.json"};
    QTest::newRow("batch file load 1") << batch << 2 << qint64(8 << 20) << QByteArray("a\n");
    QTest::newRow("batch file load 2") << batch << 3 << qint64(8 << 20) << QByteArray();
}

void TestParallelResources::heldByTheFiguresRead()
{
    QFETCH(QStringList, args);
    QFETCH(int, running);
    QFETCH(qint64, freeKb);
    QFETCH(QByteArray, out);
    const QString dir = m_bench.path(QStringLiteral("proc"));
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(writeWhole(dir + QStringLiteral("/stat"),
                       "procs_running " + QByteArray::number(running) + "\nprocs_blocked 0\n"));
    QVERIFY(writeWhole(dir + QStringLiteral("/meminfo"),
                       "MemFree: " + QByteArray::number(freeKb - 3)
                               + " kB\nBuffers: 1 kB\nCached: 1 kB\nSwapCached: 1 kB\n"));
    QProcessEnvironment env = m_bench.environment();
    env.insert(QStringLiteral("PROCDECK_TEST_PROC"), dir);
    const Outcome actual = runWithin(QStringLiteral(PROCDECK_CLI_PATH), args, env,
                                     out.isEmpty() ? kHoldSeconds : kRunSeconds);
    QCOMPARE(actual.out, out);
    QCOMPARE(actual.exitCode, out.isEmpty() ? 124 : 0);
}

void TestParallelResources::refusedValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("--load x") << QStringList{"--load", "x", "echo", ":::", "a"}
                              << QByteArray("--load: expected N, N%, +N or -N");
    QTest::newRow("--memfree 1Q") << QStringList{"--memfree", "1Q", "echo", ":::", "a"}
                                  << QByteArray("--memfree: expected a size");
}

void TestParallelResources::refusedValues()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, error);
    QProcess p;
    m_bench.start(&p, QStringLiteral(PROCDECK_CLI_PATH), args, QByteArray());
    const Outcome o = Bench::finish(&p);
    QCOMPARE(o.exitCode, 255);
    QVERIFY2(o.err.contains(error), o.err.constData());
    QCOMPARE(o.out, QByteArray());
}

QTEST_GUILESS_MAIN(TestParallelResources)
#include "tst_parallelresources.moc"
