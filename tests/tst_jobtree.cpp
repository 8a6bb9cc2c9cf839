// A job's whole process tree: the marker every process carries, escapees (setsid, double fork)
// ended with the job, the exact exec (bytes, signals, errno), the state table, and timeouts
// armed from the fork.
#include "core/process/childexec.h"
#include "core/process/job.h"
#include "core/process/jobstart.h"
#include "core/process/jobprocess.h"
#include "core/monitor/processsampler.h"
#include "core/process/proctable.h"
#include "core/types/rawbytes.h"
#include "core/process/reaper.h"
#include "core/scheduling/scheduler.h"
#include "core/process/session.h"
#include "core/process/unixsignalwatcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

using namespace procdeck;
using testutil::argv;
using testutil::ownProcessesNamed;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 20000; // generous: a loaded 2-core machine is slow, never this slow
} // namespace

class TestJobTree : public QObject
{
    Q_OBJECT

private slots:
    void everyProcessCarriesTheMarker();
    void timeoutEndsEscapees();
    void leaderExitEndsEscapees();
    void leftoverGroupMemberIsCountedOnce();
    void aMemberDyingOfTheGroupsSignalIsNoLeftover();
    void killEndsEscapeesWithTermFirst();
    void groupMembersKeepTheirGraceWhenTheLeaderDiesFirst();
    void escapeesAreCollected();
    void unmarkedEscapeeReparentedToUsIsTheJobs();
    void argvBytesPassUnchanged();
    void childDoesNotInheritIgnoredSignals();
    void asyncExecShortageGoesBackToTheQueue();
    void asyncExecFailureFailsToStart();
    void schedulerRetriesARequeuedJob();
    void stateTable();
    void timeoutIsArmedFromTheFork();
    void signalHandlerKeepsErrno();
    void anEmptyEnvironmentReadIsNotNoMarker();
    void samplerCountsEscapees();
    void startDelaySpacesTheStarts();
};

void TestJobTree::everyProcessCarriesTheMarker()
{
    // The leader and a grandchild that left the group both see it.
    Job job(7, shell(QStringLiteral("echo \"$PROCDECK_JOB\"; setsid sh -c 'echo \"$PROCDECK_JOB\"'")), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    const QByteArray marker = session::markerEntry(job.treeId()).mid(int(sizeof session::kMarkerName)); // after "PROCDECK_JOB="
    QCOMPARE(job.stdoutLog().tail(), marker + '\n' + marker + '\n');
    QVERIFY(marker.startsWith(session::id().toLatin1() + ':'));
}

void TestJobTree::timeoutEndsEscapees()
{
    JobSpec spec = shell(QStringLiteral("setsid sleep 3117 & (sleep 3118 &); sleep 3119"));
    spec.timeoutSeconds = 1;
    spec.graceSeconds = 1;
    Job job(1, spec, QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QCOMPARE(job.state(), JobState::TimedOut);
    for (const char *name : {"sleep 3117", "sleep 3118", "sleep 3119"})
        QTRY_VERIFY2_WITH_TIMEOUT(ownProcessesNamed(name).isEmpty(), name, kDeadlineMs);
}

void TestJobTree::leaderExitEndsEscapees()
{
    Job job(1, shell(QStringLiteral("setsid sleep 3120 & echo done")), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.stdoutLog().tail(), QByteArray("done\n"));
    QTRY_VERIFY_WITH_TIMEOUT(ownProcessesNamed("sleep 3120").isEmpty(), kDeadlineMs);
    QVERIFY2(job.record().notes.contains(QLatin1String("leftover")), qPrintable(job.record().notes));
}

void TestJobTree::leftoverGroupMemberIsCountedOnce()
{
    // The member's parent (the leader) is gone: it is a group member and one of our strays.
    Job job(1, shell(QStringLiteral("sleep 3121 & sleep 0.3")), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(ownProcessesNamed("sleep 3121").isEmpty(), kDeadlineMs);
    QVERIFY2(job.record().notes.contains(QLatin1String("killed 1 leftover process(es)")), qPrintable(job.record().notes));
}

void TestJobTree::aMemberDyingOfTheGroupsSignalIsNoLeftover()
{
    // The group's USR1 ends the leader; its child blocks USR1, so the signal waits in its
    // pending set, as it does under load for a child that has not yet run to die of it. It is
    // not left over: the notes name nothing, and it is ended and collected all the same.
    QTemporaryDir dir;
    const QString ready = dir.filePath(QStringLiteral("ready"));
    const QString pidFile = dir.filePath(QStringLiteral("pid"));
    Job job(1, shell(QStringLiteral("python3 -c 'import signal, time\n"
                                    "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})\n"
                                    "open(\"%1\", \"w\").close()\n"
                                    "time.sleep(3132)' & echo $! > %2.new; mv %2.new %2; wait")
                             .arg(ready, pidFile)),
            QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready) && QFile::exists(pidFile), kDeadlineMs);
    const pid_t child = pid_t(testutil::pidInFile(pidFile));
    QVERIFY(child > 0);
    QVERIFY(job.signalTree(SIGUSR1));
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Killed);
    QCOMPARE(job.record().signal, SIGUSR1);
    QCOMPARE(job.record().notes, QString());
    QTRY_VERIFY2_WITH_TIMEOUT(::kill(child, 0) != 0, qPrintable(testutil::describeProcesses({child})),
                              kDeadlineMs); // killed and collected: not even a zombie
}

void TestJobTree::killEndsEscapeesWithTermFirst()
{
    // The escapee traps TERM and says so: it got the SIGTERM before any SIGKILL.
    QTemporaryDir dir;
    const QString flag = dir.filePath(QStringLiteral("escapee-got-term"));
    Job job(1, shell(QStringLiteral("setsid sh -c 'trap \"echo term > %1; exit 0\" TERM; sleep 3121 & wait' & sleep 3122").arg(flag)),
            QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QTRY_VERIFY_WITH_TIMEOUT(!ownProcessesNamed("sleep 3121").isEmpty() && !ownProcessesNamed("sleep 3122").isEmpty(), kDeadlineMs);
    job.kill();
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Killed);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(flag), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(ownProcessesNamed("sleep 3121").isEmpty() && ownProcessesNamed("sleep 3122").isEmpty(), kDeadlineMs);
}

void TestJobTree::groupMembersKeepTheirGraceWhenTheLeaderDiesFirst()
{
    // The leader (a plain shell) dies of SIGTERM at once; its child in the same group traps TERM
    // and needs a moment: it must get that moment (the grace), not a SIGKILL with the leader.
    QTemporaryDir dir;
    const QString flag = dir.filePath(QStringLiteral("member-got-its-grace"));
    JobSpec spec = shell(QStringLiteral("sh -c 'trap \"sleep 0.3; echo bye > %1; exit 0\" TERM; sleep 3126 & wait'; echo after").arg(flag));
    spec.timeoutSeconds = 1;
    spec.graceSeconds = 3;
    Job job(1, spec, QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QCOMPARE(job.state(), JobState::TimedOut);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(flag), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(ownProcessesNamed("sleep 3126").isEmpty(), kDeadlineMs);
}

void TestJobTree::escapeesAreCollected()
{
    // Killed escapees are re-parented to us (the subreaper) and must not stay zombies.
    Job job(1, shell(QStringLiteral("setsid sleep 3123 & sleep 3124 & echo started")), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QTRY_VERIFY2_WITH_TIMEOUT(ownProcessesNamed("sleep 3123").isEmpty(),
                              qPrintable(testutil::describeProcesses(ownProcessesNamed("sleep 3123")) + QLatin1String(" / notes: ")
                                         + job.record().notes),
                              kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(reaper::strayChildren().isEmpty(), kDeadlineMs);
}

void TestJobTree::unmarkedEscapeeReparentedToUsIsTheJobs()
{
    // It sheds the marker and leaves the group, but its parent was the job's leader: when the
    // leader exits it is re-parented to us, and it is the job's (issue 23). The job waits until
    // the escapee has exec'd its sleep, so that what the sweep reads is the sleep's environment.
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pid"));
    Job job(1, shell(QStringLiteral("env -u PROCDECK_JOB setsid sleep 3301 & echo $! > %1; "
                                    "until tr '\\0' ' ' < /proc/$!/cmdline | grep -q '^sleep 3301';"
                                    " do :; done; echo done").arg(pidFile)),
            QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    const pid_t escapee = pid_t(testutil::pidInFile(pidFile));
    QVERIFY(escapee > 0);
    const auto alive = [escapee] { return testutil::commandLineOf(escapee) == "sleep 3301"; };
    const bool ended = QTest::qWaitFor([&] { return !alive(); }, kDeadlineMs);
    if (!ended)
        ::kill(escapee, SIGKILL); // leave nothing running when it failed
    QVERIFY2(ended, qPrintable(testutil::describeProcesses({escapee})));
    const QString notes = job.record().notes;
    QVERIFY2(notes.contains(QStringLiteral("killed 1 leftover")), qPrintable(notes));
}

void TestJobTree::argvBytesPassUnchanged()
{
    // $'caf\xe9' (Latin-1) is not UTF-8: it must reach the child as those four bytes.
    const QByteArray latin1("caf\xe9", 4);
    Job job(1, argv(QStringLiteral("printf"), {QStringLiteral("%s"), rawbytes::fromBytes(latin1)}), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    QCOMPARE(job.stdoutLog().tail(), latin1);
    Job viaShell(2, shell(QStringLiteral("printf '%s' ") + rawbytes::fromBytes(latin1)), QString());
    QVERIFY(testutil::runToEnd(viaShell, kDeadlineMs));
    QCOMPARE(viaShell.stdoutLog().tail(), latin1);
}

void TestJobTree::childDoesNotInheritIgnoredSignals()
{
    // procdeck-cli ignores SIGPIPE; a child must still die of it as in a terminal (a shell
    // cannot even undo a signal ignored on entry).
    const auto previous = std::signal(SIGPIPE, SIG_IGN);
    Job job(1, shell(QStringLiteral("kill -PIPE $$; echo survived")), QString());
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    std::signal(SIGPIPE, previous);
    QCOMPARE(job.state(), JobState::Crashed);
    QCOMPARE(job.signal(), SIGPIPE);
    QCOMPARE(job.stdoutLog().totalBytes(), qint64(0));
}

void TestJobTree::asyncExecShortageGoesBackToTheQueue()
{
    // The fork works, the exec fails later with EMFILE: Running, then back to Queued — emitted,
    // with `requeued` — never left Running.
    JobProcess::injectExecFailureForTesting(EMFILE);
    Job job(1, argv(QStringLiteral("true")), QString());
    QSignalSpy states(&job, &Job::stateChanged);
    QSignalSpy requeued(&job, &Job::requeued);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QCOMPARE(job.state(), JobState::Running);
    QVERIFY(requeued.wait(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 1000 * 5, "requeued late"); // the 1 s, with room for a loaded machine
    QCOMPARE(job.state(), JobState::Queued);
    QCOMPARE(job.startErrno(), EMFILE);
    QCOMPARE(states.count(), 2); // Queued → Running, Running → Queued
    QVERIFY(testutil::runToEnd(job, kDeadlineMs)); // the injection was one-off: the retry runs
    QCOMPARE(job.state(), JobState::Finished);
}

void TestJobTree::asyncExecFailureFailsToStart()
{
    JobProcess::injectExecFailureForTesting(EACCES);
    Job job(1, argv(QStringLiteral("true")), QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::FailedToStart);
    QVERIFY2(job.error().contains(QLatin1String("Permission denied")), qPrintable(job.error()));
}

void TestJobTree::schedulerRetriesARequeuedJob()
{
    Scheduler scheduler;
    scheduler.setMaxParallel(2);
    JobProcess::injectExecFailureForTesting(ENFILE);
    QSignalSpy idle(&scheduler, &Scheduler::idle);
    scheduler.add(shell(QStringLiteral("echo one")));
    scheduler.add(shell(QStringLiteral("echo two")));
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(scheduler.jobAt(0)->state(), JobState::Finished);
    QCOMPARE(scheduler.jobAt(1)->state(), JobState::Finished);
    QCOMPARE(scheduler.jobAt(0)->stdoutLog().tail(), QByteArray("one\n"));
    QCOMPARE(scheduler.queuedCount(), 0);
}

void TestJobTree::stateTable()
{
    QVERIFY(isAllowedTransition(JobState::Queued, JobState::Running));
    QVERIFY(isAllowedTransition(JobState::Running, JobState::Queued));
    QVERIFY(isAllowedTransition(JobState::Running, JobState::FailedToStart));
    QVERIFY(!isAllowedTransition(JobState::Queued, JobState::Finished));
    // A job mirrored from the engine runs here from the hand-over; the engine may cancel it
    // before it ran there. A paused job ran: it cannot be cancelled.
    QVERIFY(isAllowedTransition(JobState::Running, JobState::Cancelled));
    QVERIFY(!isAllowedTransition(JobState::Paused, JobState::Cancelled));
    for (const JobState terminal : {JobState::Finished, JobState::Failed, JobState::TimedOut, JobState::Killed,
                                    JobState::Crashed, JobState::FailedToStart, JobState::Cancelled})
        for (const JobState to : {JobState::Queued, JobState::Running, JobState::Finished})
            QVERIFY(!isAllowedTransition(terminal, to));
}

void TestJobTree::timeoutIsArmedFromTheFork()
{
    // A long start loop (here: the event loop held for 1.2 s right after the start) must not
    // lengthen a 1 s timeout: `sleep 1.5` times out rather than finishing.
    JobSpec spec = shell(QStringLiteral("sleep 1.5"));
    spec.timeoutSeconds = 1;
    spec.graceSeconds = 1;
    Job job(1, spec, QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QThread::msleep(1200); // the busy start loop being modelled, not a wait for the result
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::TimedOut);
}

void TestJobTree::signalHandlerKeepsErrno()
{
    // Fill the handler's socket so that its write fails (EAGAIN): errno must still be what the
    // interrupted code had.
    UnixSignalWatcher watcher({SIGUSR1});
    for (int i = 0; i < 400000; ++i)
        ::raise(SIGUSR1);
    errno = EDOM;
    ::raise(SIGUSR1);
    QCOMPARE(errno, EDOM);
}

void TestJobTree::samplerCountsEscapees()
{
    // The shell, its `sleep` in the group, and a `setsid sleep` outside it: three processes, all
    // the job's, in its CPU and memory.
    Scheduler scheduler;
    ProcessSampler sampler(&scheduler);
    Job *job = scheduler.add(shell(QStringLiteral("setsid sleep 3130 & sleep 3131; wait")));
    QTRY_VERIFY_WITH_TIMEOUT(!ownProcessesNamed("sleep 3130").isEmpty() && !ownProcessesNamed("sleep 3131").isEmpty(), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT((sampler.sampleNow(), job->usage().processes == 3), kDeadlineMs);
    QVERIFY(job->usage().rssKb > 0);
    job->kill();
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(ownProcessesNamed("sleep 3130").isEmpty(), kDeadlineMs);
}

void TestJobTree::startDelaySpacesTheStarts()
{
    // GNU parallel's --delay 0.3: three jobs that could all start at once start 0.3 s apart.
    Scheduler scheduler;
    scheduler.setMaxParallel(3);
    scheduler.setStartDelay(300);
    QSignalSpy idle(&scheduler, &Scheduler::idle);
    for (int i = 0; i < 3; ++i)
        scheduler.add(argv(QStringLiteral("true")));
    QVERIFY(idle.wait(kDeadlineMs));
    for (int i = 1; i < 3; ++i) {
        const qint64 gap = scheduler.jobAt(i - 1)->startedAt().msecsTo(scheduler.jobAt(i)->startedAt());
        QVERIFY2(gap >= 295, qPrintable(QString::number(gap))); // timers may round down a few ms
    }
}

QTEST_GUILESS_MAIN(TestJobTree)
void TestJobTree::anEmptyEnvironmentReadIsNotNoMarker()
{
    // A process mid-execve reads an empty environment, as a zombie does: such a read must say
    // "unread", or a sweep would remember an escapee as unmarked and never end it.
    const QByteArray prefix = session::markerPrefix();
    bool unread = true;
    QVERIFY(!proctable::environHas(::getpid(), prefix.constData(), size_t(prefix.size()), false, &unread));
    QVERIFY(!unread); // our own environment has bytes, and no marker
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processState(child) == 'Z' || testutil::processState(child) == 0, kDeadlineMs);
    unread = false;
    QCOMPARE(proctable::environNumberAfter(child, prefix.constData(), size_t(prefix.size()), &unread), -1L);
    QVERIFY(unread);
    ::waitpid(child, nullptr, WNOHANG);
}

#include "tst_jobtree.moc"
