// procdeck-cli's printing on its own: -k (job order), --tag, and a stdout that is slow, gone or full.
#include "core/scheduling/scheduler.h"
#include "jobprinter.h"
#include "outputsink.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;

/// A file procdeck-cli's stdout or stderr could be, read back after.
struct CaptureFile {
    explicit CaptureFile(const QString &path)
        : path(path), fd(::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600))
    {
    }
    ~CaptureFile() { ::close(fd); }
    QByteArray bytes() const
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
    }
    QString path;
    int fd;
};

bool waitDrained(OutputSink &sink)
{
    QSignalSpy drained(&sink, &OutputSink::drained);
    return sink.isDrained() || drained.wait(kDeadlineMs);
}
} // namespace

class TestCliPrinter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void printsInOrderOfEndingOrJobOrder_data();
    void printsInOrderOfEndingOrJobOrder();
    void tagsEveryLine();
    void slowReaderNeverBlocksTheCaller();
    void goneReaderStopsPrintingQuietly();
    void fullDeviceIsAnError();

private:
    /// Runs `commands` at once and prints them through a JobPrinter; returns {stdout, stderr}.
    QPair<QByteArray, QByteArray> run(const QStringList &commands, bool keepOrder, const QList<QByteArray> &tags);
    QTemporaryDir m_dir;
};

void TestCliPrinter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // procdeck-cli handles SIGPIPE (UnixSignalWatcher); this test has no watcher.
    std::signal(SIGPIPE, SIG_IGN);
}

QPair<QByteArray, QByteArray> TestCliPrinter::run(const QStringList &commands, bool keepOrder, const QList<QByteArray> &tags)
{
    static int n = 0;
    ++n;
    CaptureFile out(m_dir.filePath(QStringLiteral("out-%1").arg(n)));
    CaptureFile err(m_dir.filePath(QStringLiteral("err-%1").arg(n)));
    OutputSink outSink(out.fd, QStringLiteral("standard output"));
    OutputSink errSink(err.fd, QStringLiteral("standard error"));
    JobPrinter printer(&outSink, &errSink, keepOrder, tags);
    Scheduler scheduler;
    scheduler.setMaxParallel(int(commands.size()));
    scheduler.setOutputDir(m_dir.filePath(QStringLiteral("spill-%1").arg(n)));
    connect(&scheduler, &Scheduler::jobEnded, this, [&](Job *job) { printer.jobEnded(*job, job->seq() - 1, job->seq() - 1); });
    QSignalSpy idle(&scheduler, &Scheduler::idle);
    for (const QString &c : commands)
        scheduler.add(testutil::shell(c));
    if (!idle.wait(kDeadlineMs))
        return {"(no idle)", {}};
    printer.flushHeld();
    if (!waitDrained(outSink) || !waitDrained(errSink))
        return {"(not drained)", {}};
    return {out.bytes(), err.bytes()};
}

void TestCliPrinter::printsInOrderOfEndingOrJobOrder_data()
{
    QTest::addColumn<bool>("keepOrder");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("as they end") << false << QByteArray("two\nthree\none\n");
    QTest::newRow("-k: job order") << true << QByteArray("one\ntwo\nthree\n");
}

void TestCliPrinter::printsInOrderOfEndingOrJobOrder()
{
    QFETCH(bool, keepOrder);
    QFETCH(QByteArray, expected);
    // Job 1 ends last and job 3 after job 2, each by a wide margin.
    const auto [out, err] = run({"sleep 1.2; echo one", "echo two", "sleep 0.6; echo three"}, keepOrder, {});
    QCOMPARE(out, expected);
    QCOMPARE(err, QByteArray());
}

void TestCliPrinter::tagsEveryLine()
{
    const auto [out, err] = run({"printf 'x\\ny\\n'; echo e >&2", "sleep 0.5; printf 'z'", "echo untagged"}, true,
                                {QByteArray("A"), QByteArray("B b")});
    // Every line of each stream, stdout and stderr alike; a job without a tag (an empty one)
    // prints as it is.
    QCOMPARE(out, QByteArray("A\tx\nA\ty\nB b\tzuntagged\n"));
    QCOMPARE(err, QByteArray("A\te\n"));
}

void TestCliPrinter::slowReaderNeverBlocksTheCaller()
{
    // A pipe nobody reads holds 64 KiB; 4 MiB more must not hold up the caller (the event loop).
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    {
        OutputSink sink(fds[1], QStringLiteral("standard output"));
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 64; ++i)
            sink.write(QByteArray(64 * 1024, 'x'));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!sink.isDrained());
        // Now a reader comes: everything arrives, in order, and the sink says it is drained.
        QSignalSpy drained(&sink, &OutputSink::drained);
        qint64 got = 0;
        QByteArray buffer(1 << 16, Qt::Uninitialized);
        while (got < 64 * 64 * 1024) {
            const ssize_t n = ::read(fds[0], buffer.data(), size_t(buffer.size()));
            QVERIFY(n > 0);
            got += n;
        }
        QVERIFY(drained.count() > 0 || drained.wait(kDeadlineMs));
        QVERIFY(sink.error().isEmpty());
    }
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestCliPrinter::goneReaderStopsPrintingQuietly()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    ::close(fds[0]); // `| head -c 10` has gone
    OutputSink sink(fds[1], QStringLiteral("standard output"));
    sink.write("lost\n");
    QVERIFY(waitDrained(sink));
    QVERIFY(sink.readerGone());
    QVERIFY(sink.error().isEmpty()); // not an error: stop printing, go on running
    sink.write("also dropped\n");
    QVERIFY(sink.isDrained());
    ::close(fds[1]);
}

void TestCliPrinter::fullDeviceIsAnError()
{
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        QSKIP("no /dev/full");
    OutputSink sink(fd, QStringLiteral("standard output"));
    sink.write(QByteArray(100000, 'x'));
    QVERIFY(waitDrained(sink));
    QCOMPARE(sink.error(), QStringLiteral("standard output: No space left on device"));
    ::close(fd);
}

QTEST_GUILESS_MAIN(TestCliPrinter)
#include "tst_cliprinter.moc"
