// The escapee sweep's passes over /proc run on a thread of their own: the thread that asks (the
// window's) never waits on /proc, and escapees are ended even while it is busy.
#include "core/process/escapeesweep.h"
#include "core/process/job.h"
#include "core/process/jobstart.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <ctime>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;

template<typename F>
qint64 cpuNs(clockid_t clock, F work)
{
    timespec before{}, after{};
    ::clock_gettime(clock, &before);
    work();
    ::clock_gettime(clock, &after);
    return (after.tv_sec - before.tv_sec) * 1000000000LL + (after.tv_nsec - before.tv_nsec);
}

/// CPU time of this thread while `work` runs.
template<typename F>
qint64 threadCpuNs(F work)
{
    return cpuNs(CLOCK_THREAD_CPUTIME_ID, work);
}

/// CPU time of every thread of this process while `work` runs.
template<typename F>
qint64 processCpuNs(F work)
{
    return cpuNs(CLOCK_PROCESS_CPUTIME_ID, work);
}
} // namespace

class TestEscapeeSweep : public QObject
{
    Q_OBJECT

private slots:
    void escapeesEndWhileTheAskingThreadIsBusy();
};

void TestEscapeeSweep::escapeesEndWhileTheAskingThreadIsBusy()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("escapee"));
    Job job(1, testutil::shell(QStringLiteral("setsid sleep 3141 & echo $! > '%1'; sleep 3142").arg(pidFile)), QString());
    JobStart::run(job);
    qint64 escapee = 0;
    QTRY_VERIFY_WITH_TIMEOUT((escapee = testutil::pidInFile(pidFile)) > 0 && testutil::commandLineOf(pid_t(escapee)) == "sleep 3141",
                             kDeadlineMs);
    QElapsedTimer clock;
    clock.start();
    escapeesweep::request(job.treeId(), SIGKILL);
    const qint64 askNs = clock.nsecsElapsed();
    // This thread goes on with other work and never returns to its event loop: the pass is made
    // elsewhere meanwhile. (A busy wait on purpose: a wait that ran the event loop would let a
    // pass made on this thread through.)
    const QDeadlineTimer deadline(kDeadlineMs);
    char state = testutil::processState(escapee);
    while (state != 0 && state != 'Z' && !deadline.hasExpired()) {
        QThread::yieldCurrentThread();
        state = testutil::processState(escapee);
    }
    QVERIFY2(state == 0 || state == 'Z', qPrintable(QStringLiteral("escapee %1 is '%2'").arg(escapee).arg(QChar(state))));
    // The job's own group is left to signals to its group: its leader still runs.
    const char leader = testutil::processState(job.pid());
    QVERIFY2(leader != 0 && leader != 'Z', qPrintable(QString(QChar(leader))));
    // What the asking thread spends on a request (the sweep's thread exists by now: no thread is
    // made), against what a pass over /proc costs (every process looked at; the tree ids are ones
    // this sweep never saw). CPU time, not wall time: a loaded machine makes both slower but not
    // costlier, and a pass made on the asking thread would show here whatever the load.
    const int unseenTree = job.treeId() + 1000;
    const qint64 askCpuNs =
        threadCpuNs([unseenTree] { escapeesweep::request(unseenTree, SIGCONT); });
    escapeesweep::runNow();
    const qint64 passCpuNs = processCpuNs([unseenTree] {
        escapeesweep::request(unseenTree + 1, SIGCONT);
        escapeesweep::runNow();
    });
    qInfo("asking took %.3f ms (%.3f ms of its CPU); a pass over /proc takes %.3f ms of CPU",
          askNs / 1e6, askCpuNs / 1e6, passCpuNs / 1e6);
    QVERIFY2(askCpuNs * 10 < passCpuNs,
             qPrintable(QStringLiteral("%1 ns against %2 ns").arg(askCpuNs).arg(passCpuNs)));
    QSignalSpy ended(&job, &Job::ended);
    job.killNow();
    QVERIFY(ended.wait(kDeadlineMs)); // its leader collected before the job goes
}

QTEST_GUILESS_MAIN(TestEscapeeSweep)
#include "tst_escapeesweep.moc"
