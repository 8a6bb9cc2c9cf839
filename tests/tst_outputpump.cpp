// OutputPump on its own: both pipes read to their end, a drain's deadline against a writer that
// stays, a descriptor epoll refuses, and a pump that could not be made (no descriptors) saying so
// to each job and working once descriptors are back.
#include "core/output/outputlog.h"
#include "core/output/outputpump.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <memory>
#include <vector>

using procdeck::OutputLog;
using procdeck::OutputPump;

namespace {
constexpr int kDeadlineMs = 30000;

/// One job's side: two logs, two pipes (the job's ends kept here), and what the pump said.
struct Side {
    QObject receiver;
    std::shared_ptr<OutputLog> out = std::make_shared<OutputLog>(QString());
    std::shared_ptr<OutputLog> err = std::make_shared<OutputLog>(QString());
    int writers[2] = {-1, -1};
    int readers[2] = {-1, -1};
    int arrived = 0;
    int drained = 0;
    std::vector<int> failures;
    std::shared_ptr<OutputPump::Channel> channel;

    bool makePipes()
    {
        for (int i = 0; i < 2; ++i) {
            int fds[2];
            if (::pipe2(fds, O_CLOEXEC) != 0)
                return false;
            readers[i] = fds[0];
            writers[i] = fds[1];
        }
        return true;
    }
    void attach()
    {
        OutputPump::Handlers h;
        h.arrived = [this] { ++arrived; OutputPump::rearm(*channel); };
        h.drained = [this] { ++drained; };
        h.readFailed = [this](int e) { failures.push_back(e); };
        channel = OutputPump::instance().attach(readers[0], readers[1], out, err, &receiver,
                                                std::move(h), false);
    }
    void closeWriter(int i)
    {
        if (writers[i] >= 0)
            ::close(writers[i]);
        writers[i] = -1;
    }
    ~Side()
    {
        if (channel)
            OutputPump::instance().detach(channel);
        closeWriter(0);
        closeWriter(1);
    }
};

bool writeAll(int fd, const QByteArray &bytes)
{
    return ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
}
} // namespace

class TestOutputPump : public QObject
{
    Q_OBJECT

private slots:
    void noDescriptorsForThePumpIsSaidThenMended(); // first: the pump is made here
    void readsBothPipesToTheirEnd();
    void drainEndsAtItsDeadlineWhileAWriterStays();
    void aDescriptorEpollRefusesIsSaid();
};

void TestOutputPump::noDescriptorsForThePumpIsSaidThenMended()
{
#ifdef PROCDECK_SANITIZED
    // UBSan's vptr check probes memory through a pipe of its own: with no descriptor left, every
    // virtual call is reported as a call on a bad object. The normal build runs this case.
    QSKIP("UBSan's vptr check needs free descriptors; this case runs in the normal build");
#endif
    // Every descriptor taken (under a low limit) when the first job needs the pump.
    rlimit saved{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    Side side;
    QVERIFY(side.makePipes());
    rlimit low = saved;
    low.rlim_cur = 256;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
    const int base = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(base >= 0);
    std::vector<int> fillers{base};
    for (int fd; (fd = ::dup(base)) >= 0;)
        fillers.push_back(fd);
    const int fillErrno = errno;
    side.attach();
    for (const int fd : fillers)
        ::close(fd);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    QCOMPARE(fillErrno, EMFILE);
    QTRY_COMPARE_WITH_TIMEOUT(side.failures.size(), size_t(1), kDeadlineMs);
    QCOMPARE(side.failures.front(), EMFILE);
    QVERIFY(OutputPump::hasEnded(*side.channel));
    OutputPump::instance().drain(side.channel, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(side.drained, 1, kDeadlineMs); // nothing to wait for

    // Descriptors are back: the next job's output is read.
    Side next;
    QVERIFY(next.makePipes());
    next.attach();
    QVERIFY(writeAll(next.writers[0], "after\n"));
    next.closeWriter(0);
    next.closeWriter(1);
    QTRY_VERIFY_WITH_TIMEOUT(OutputPump::hasEnded(*next.channel), kDeadlineMs);
    next.out->publish();
    QCOMPARE(next.out->tail(), QByteArray("after\n"));
    QVERIFY(next.failures.empty());
}

void TestOutputPump::readsBothPipesToTheirEnd()
{
    Side side;
    QVERIFY(side.makePipes());
    side.attach();
    const QByteArray big(300 * 1024, 'o'); // more than a pipe holds: read while written
    QVERIFY(writeAll(side.writers[1], "err\n"));
    for (qsizetype at = 0; at < big.size();) {
        const ssize_t n = ::write(side.writers[0], big.constData() + at, size_t(big.size() - at));
        if (n > 0)
            at += n;
        else
            QVERIFY(errno == EINTR || errno == EAGAIN);
    }
    side.closeWriter(0);
    side.closeWriter(1);
    QTRY_VERIFY_WITH_TIMEOUT(OutputPump::hasEnded(*side.channel), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(side.arrived >= 1, kDeadlineMs);
    side.out->publish();
    side.err->publish();
    QCOMPARE(side.out->totalBytes(), qint64(big.size()));
    QCOMPARE(side.err->tail(), QByteArray("err\n"));
    QVERIFY(side.failures.empty());
}

void TestOutputPump::drainEndsAtItsDeadlineWhileAWriterStays()
{
    Side side;
    QVERIFY(side.makePipes());
    side.attach();
    QVERIFY(writeAll(side.writers[0], "kept\n"));
    side.closeWriter(1); // stdout's writer stays, as an escaped grandchild would
    QElapsedTimer clock;
    clock.start();
    OutputPump::instance().drain(side.channel, 300);
    QTRY_COMPARE_WITH_TIMEOUT(side.drained, 1, kDeadlineMs);
    QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(OutputPump::hasEnded(*side.channel));
    side.out->publish();
    QCOMPARE(side.out->tail(), QByteArray("kept\n")); // what it held at the deadline is read
}

void TestOutputPump::aDescriptorEpollRefusesIsSaid()
{
    // epoll refuses a regular file (EPERM): the job must hear it, not wait for output forever.
    Side side;
    QVERIFY(side.makePipes());
    ::close(side.readers[0]);
    side.closeWriter(0);
    side.readers[0] = ::open("/etc/hostname", O_RDONLY | O_CLOEXEC);
    QVERIFY(side.readers[0] >= 0);
    side.attach();
    QTRY_COMPARE_WITH_TIMEOUT(side.failures.size(), size_t(1), kDeadlineMs);
    QCOMPARE(side.failures.front(), EPERM);
    QVERIFY(writeAll(side.writers[1], "still read\n")); // the other pipe is read on
    side.closeWriter(1);
    QTRY_VERIFY_WITH_TIMEOUT(OutputPump::hasEnded(*side.channel), kDeadlineMs);
    side.err->publish();
    QCOMPARE(side.err->tail(), QByteArray("still read\n"));
}

QTEST_GUILESS_MAIN(TestOutputPump)
#include "tst_outputpump.moc"
