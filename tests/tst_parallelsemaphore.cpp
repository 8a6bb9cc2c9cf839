// GNU parallel's --semaphore (issue 27, the rest): one command counted across invocations of
// the same --id. Its foreground cases run through parallel itself and procdeck-cli (the same
// output and status); the counting is a scenario of real concurrent invocations, each of the two
// programs taken through it in turn, the jobs held and let go through named pipes.
#include "paralleltest.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using paralleltest::Bench;
using paralleltest::Outcome;

class TestParallelSemaphore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void foregroundSameAsParallel_data();
    void foregroundSameAsParallel();
    void countsAcrossInvocations_data();
    void countsAcrossInvocations();
    void refusedWithDetach();
    void calledAsSem_data();
    void calledAsSem();
    void cleanup();

private:
    /// Runs `args` with `program` in the scenario's folder (stdout and stderr kept; standard
    /// input empty) and waits for it to end.
    Outcome invoke(const QString &program, const QStringList &args);
    /// Lets the job reading the named pipe `name` go: opened for writing and closed (no reader:
    /// false, rather than waiting for one).
    bool letGo(const QString &name);
    QByteArray log() const;

    Bench m_bench;
    QString m_dir;
};

void TestParallelSemaphore::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QVERIFY(m_bench.write(QStringLiteral("ten.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"));
}

void TestParallelSemaphore::foregroundSameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const auto row = [](const char *name, const QStringList &args, const QByteArray &input = {}) {
        QTest::newRow(name) << QStringList{"--semaphore", "--id", name} + args << input;
    };
    row("fg-echo", {"--fg", "echo", "hi"});
    row("fg-exit-status", {"--fg", "echo out; exit 3"});
    row("fg-signal", {"--fg", "echo out; kill -9 $$"});
    row("fg-reads-stdin", {"--fg", "wc"}, "a\nb\nc\n");
    row("fg-reads-a-file", {"-a", "ten.txt", "--fg", "wc", "-l"});
    row("fg-two-files", {"-a", "ten.txt", "-a", "ten.txt", "--fg", "wc"});
    row("fg-j3-tagged", {"-j3", "--fg", "--tag", "echo", "x"});
    row("wait-with-none-held", {"--wait"});
    row("fg-line-buffer", {"--fg", "--line-buffer", "echo OK"});
}

void TestParallelSemaphore::calledAsSem_data()
{
    // parallel's `sem` is a link to parallel, --semaphore on by its name: procdeck-cli's is
    // procdeck-sem (the build's and the install's link), and a link named sem works as well.
    QTest::addColumn<QString>("link");
    QTest::newRow("procdeck-sem") << QString();
    QTest::newRow("a link named sem") << QStringLiteral("sem");
}

void TestParallelSemaphore::calledAsSem()
{
    QFETCH(QString, link);
    const QString sem = QStandardPaths::findExecutable(QStringLiteral("sem"));
    QVERIFY2(!sem.isEmpty(), "parallel's sem is not installed");
    QString program = QFileInfo(QStringLiteral(PROCDECK_CLI_PATH)).dir().filePath(
            QStringLiteral("procdeck-sem"));
    if (!link.isEmpty()) {
        program = m_bench.path(QStringLiteral("bin/") + link);
        QVERIFY(QDir().mkpath(QFileInfo(program).path()));
        QFile::remove(program);
        QVERIFY(QFile::link(QStringLiteral(PROCDECK_CLI_PATH), program));
    }
    // Only its name says --semaphore: the job runs in the background (no values read from
    // standard input), `sem --wait` returns once it ended.
    for (const QString &tool : {sem, program}) {
        m_dir = m_bench.path(QStringLiteral("as-sem-%1-%2")
                                     .arg(tool == sem ? "parallel" : "procdeck", link));
        QVERIFY(QDir().mkpath(m_dir));
        const Outcome started = invoke(tool, {QStringLiteral("echo out >> log; exit 3")});
        QCOMPARE(started.exitCode, 0);
        QCOMPARE(invoke(tool, {QStringLiteral("--wait")}).exitCode, 0);
        QCOMPARE(log(), QByteArray("out\n"));
    }
}

void TestParallelSemaphore::foregroundSameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    paralleltest::compareWithParallel(m_bench, args, input);
}

Outcome TestParallelSemaphore::invoke(const QString &program, const QStringList &args)
{
    QProcess p;
    // A background job keeps the invocation's stdout: a file, not a pipe that would stay open.
    p.setStandardOutputFile(QDir(m_dir).filePath(QStringLiteral("stdout")),
                            QIODevice::Append);
    m_bench.start(&p, program, args, {}, m_dir);
    return Bench::finish(&p);
}

bool TestParallelSemaphore::letGo(const QString &name)
{
    const int fd = ::open(QFile::encodeName(QDir(m_dir).filePath(name)).constData(),
                          O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd); // the reader's cat sees the end of its input
    return true;
}

QByteArray TestParallelSemaphore::log() const
{
    QFile f(QDir(m_dir).filePath(QStringLiteral("log")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestParallelSemaphore::countsAcrossInvocations_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QByteArray>("errorPrefix");
    QTest::newRow("parallel") << m_bench.parallel() << QByteArray("parallel: Warning: ");
    QTest::newRow("procdeck-cli") << QStringLiteral(PROCDECK_CLI_PATH)
                                  << QByteArray("procdeck-cli: warning: ");
}

void TestParallelSemaphore::countsAcrossInvocations()
{
    QFETCH(QString, program);
    QFETCH(QByteArray, errorPrefix);
    m_dir = m_bench.path(QFileInfo(program).fileName());
    QVERIFY(QDir().mkpath(m_dir));
    for (const char *fifo : {"a", "b"})
        QCOMPARE(::mkfifo(QFile::encodeName(QDir(m_dir).filePath(fifo)).constData(), 0600), 0);
    const QStringList sem{"--semaphore", "--id", "count", "-j2"};
    const auto holder = [&](const char *name) {
        return sem + QStringList{QStringLiteral("echo %1 >> log; cat %1 > /dev/null; "
                                                "echo %1 done >> log").arg(QLatin1String(name))};
    };
    // Two hold it: each invocation returns (0) once its job has it, the job in the background.
    QCOMPARE(invoke(program, holder("a")).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(log(), QByteArray("a\n"), paralleltest::kDeadlineMs);
    QCOMPARE(invoke(program, holder("b")).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(log(), QByteArray("a\nb\n"), paralleltest::kDeadlineMs);
    // A third gets no turn: --st -1 gives up after a second, exit status 1.
    const Outcome third = invoke(program, sem + QStringList{"--st", "-1", "echo c >> log"});
    QCOMPARE(third.exitCode, 1);
    QCOMPARE(third.err, errorPrefix + "Semaphore timed out. Exiting.\n");
    // One lets go: the next (--fg) gets its turn, and runs after it.
    QVERIFY(letGo(QStringLiteral("a")));
    QCOMPARE(invoke(program, sem + QStringList{"--fg", "echo d >> log"}).exitCode, 0);
    QCOMPARE(log(), QByteArray("a\nb\na done\nd\n"));
    // --wait returns once no job of the semaphore runs.
    QProcess wait;
    m_bench.start(&wait, program, {"--semaphore", "--id", "count", "--wait"}, {}, m_dir);
    QVERIFY(letGo(QStringLiteral("b")));
    QCOMPARE(Bench::finish(&wait).exitCode, 0);
    QCOMPARE(log(), QByteArray("a\nb\na done\nd\nb done\n"));
}

void TestParallelSemaphore::refusedWithDetach()
{
    // The engine would run the job without waiting for its turn: one line, nothing run.
    QProcess p;
    m_bench.start(&p, QStringLiteral(PROCDECK_CLI_PATH),
                  {"--detach", "--semaphore", "--id", "detached", "echo", "ran"}, {});
    const Outcome o = Bench::finish(&p);
    QCOMPARE(o.exitCode, 255);
    QCOMPARE(o.out, QByteArray());
    QCOMPARE(o.err, QByteArray("procdeck-cli: --semaphore cannot be combined with --detach\n"));
}

void TestParallelSemaphore::cleanup()
{
    if (m_dir.isEmpty())
        return;
    for (const char *fifo : {"a", "b"}) // a job still held (a failed comparison) ends
        letGo(QLatin1String(fifo));
    m_dir.clear();
}

QTEST_GUILESS_MAIN(TestParallelSemaphore)
#include "tst_parallelsemaphore.moc"
