// Steering jobs (issue 13) in the engine: pause and resume of a whole tree, retries, the order
// of the queue and the parallelism changed while jobs run. (--halt and dependencies: tst_haltdeps.)
#include "core/types/jobstate.h"
#include "core/scheduling/retrypolicy.h"
#include "core/scheduling/scheduler.h"
#include "testutil.h"

#include <QTest>

using namespace procdeck;
using namespace testutil;

namespace {

constexpr int kDeadlineMs = 60000;

QList<int> seqsOf(const QList<Job *> &jobs)
{
    QList<int> out;
    for (const Job *j : jobs)
        out << j->seq();
    return out;
}

} // namespace

class TestSteering : public QObject
{
    Q_OBJECT

private slots:
    void stateTable();
    void pauseStopsTheWholeTree();
    void pausedTimeDoesNotCountTowardTheTimeout();
    void killWhilePaused();
    void retryDelays();
    void retriesUntilSuccess();
    void noRetryAfterKill();
    void dependencyOnARetryOutlivesItsFirstTry();
    void queueOrder();
    void parallelismChangesAtOnce();
    void pauseBatchHoldsItsQueue();
};

void TestSteering::stateTable()
{
    QVERIFY(isAllowedTransition(JobState::Running, JobState::Paused));
    QVERIFY(isAllowedTransition(JobState::Paused, JobState::Running));
    for (const JobState end : {JobState::Finished, JobState::Failed, JobState::TimedOut, JobState::Killed, JobState::Crashed})
        QVERIFY(isAllowedTransition(JobState::Paused, end));
    QVERIFY(!isAllowedTransition(JobState::Paused, JobState::Queued));
    QVERIFY(!isAllowedTransition(JobState::Paused, JobState::Cancelled));
    QVERIFY(!isAllowedTransition(JobState::Queued, JobState::Paused));
    QVERIFY(isAllowedTransition(JobState::Queued, JobState::Skipped));
    QVERIFY(!isAllowedTransition(JobState::Paused, JobState::Skipped)); // it ran
    // Running here from its hand-over, a job the engine skips before it ran there.
    QVERIFY(isAllowedTransition(JobState::Running, JobState::Skipped));
    QVERIFY(!isAllowedTransition(JobState::Skipped, JobState::Queued));
    QVERIFY(!isTerminal(JobState::Paused));
    QVERIFY(isTerminal(JobState::Skipped));
    QVERIFY(!isSuccess(JobState::Skipped));
    QCOMPARE(stateKey(JobState::Paused), QStringLiteral("paused"));
    QCOMPARE(stateKey(JobState::Skipped), QStringLiteral("skipped"));
}

void TestSteering::pauseStopsTheWholeTree()
{
    QTemporaryDir dir;
    const QString escapeePid = dir.filePath(QStringLiteral("escapee"));
    // An escapee in a session of its own (outside the group) and the group's own loop.
    Job job(1, shell(QStringLiteral("setsid sh -c 'echo $$ > %1; while :; do sleep 0.05; done' & "
                                    "while :; do sleep 0.05; done").arg(escapeePid)), QString());
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QTRY_VERIFY_WITH_TIMEOUT(pidInFile(escapeePid) > 0, kDeadlineMs);
    const qint64 escapee = pidInFile(escapeePid);
    QSignalSpy states(&job, &Job::stateChanged);

    QVERIFY(job.pause());
    QCOMPARE(job.state(), JobState::Paused);
    QVERIFY(!job.pause()); // once
    QTRY_VERIFY2_WITH_TIMEOUT(isHeld(job.pid()), qPrintable(describeProcesses({pid_t(job.pid())})), kDeadlineMs);
    QTRY_VERIFY2_WITH_TIMEOUT(isHeld(escapee), qPrintable(describeProcesses({pid_t(escapee)})), kDeadlineMs);

    QVERIFY(job.resume());
    QCOMPARE(job.state(), JobState::Running);
    QTRY_VERIFY_WITH_TIMEOUT(!isHeld(job.pid()), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(!isHeld(escapee), kDeadlineMs);
    QVERIFY(job.pausedMs() > 0);
    QCOMPARE(job.currentPauseMs(), qint64(0));
    QVERIFY(states.count() >= 2); // Paused, Running: each emitted

    job.killNow();
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job.state()), kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(processState(escapee), char(0), kDeadlineMs);
}

void TestSteering::pausedTimeDoesNotCountTowardTheTimeout()
{
    JobSpec spec = shell(QStringLiteral("sleep 30"));
    spec.timeoutSeconds = 1.0;
    spec.graceSeconds = 0.5;
    Job job(1, spec, QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QVERIFY(job.pause());
    // Paused for 1.5 s: longer than the timeout, which must not fire meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(job.pausedMs() >= 1500, kDeadlineMs);
    QCOMPARE(job.state(), JobState::Paused);
    QVERIFY(!job.timedOut());
    QVERIFY(job.resume());
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::TimedOut);
    const JobRecord r = job.record();
    QVERIFY2(r.pausedMs >= 1500, qPrintable(QString::number(r.pausedMs)));
    QVERIFY2(r.durationMs - r.pausedMs >= 1000, qPrintable(QStringLiteral("%1 - %2").arg(r.durationMs).arg(r.pausedMs)));
}

void TestSteering::killWhilePaused()
{
    Job job(1, shell(QStringLiteral("trap 'exit 3' TERM; sleep 30 & wait")), QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QVERIFY(job.pause());
    job.kill(); // SIGTERM then SIGCONT: a stopped tree still ends
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Killed);
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(job.pid()), kDeadlineMs);
}

void TestSteering::retryDelays()
{
    QCOMPARE(retrypolicy::delayMs(1.0, 2, 0), qint64(1000));
    QCOMPARE(retrypolicy::delayMs(1.0, 3, 0), qint64(2000));
    QCOMPARE(retrypolicy::delayMs(1.0, 5, 0), qint64(8000));
    QCOMPARE(retrypolicy::delayMs(1.0, 6, 0), qint64(10000)); // at most ten times S
    QCOMPARE(retrypolicy::delayMs(1.0, 40, 0), qint64(10000));
    QCOMPARE(retrypolicy::delayMs(2.0, 2, 0.25), qint64(2500));
    QCOMPARE(retrypolicy::delayMs(2.0, 2, -0.25), qint64(1500));
    QCOMPARE(retrypolicy::delayMs(0, 3, 0.2), qint64(0));
    for (int i = 0; i < 200; ++i) {
        const qint64 ms = retrypolicy::jitteredDelayMs(1.0, 3);
        QVERIFY2(ms >= 1500 && ms <= 2500, qPrintable(QString::number(ms)));
    }
}

void TestSteering::retriesUntilSuccess()
{
    QTemporaryDir dir;
    const QString counter = dir.filePath(QStringLiteral("n"));
    Scheduler s;
    JobSpec spec = shell(QStringLiteral("n=$(cat %1 2>/dev/null || echo 0); n=$((n+1)); echo $n > %1; echo try $n; [ $n -ge 3 ]").arg(counter));
    spec.retries = 3;
    spec.retryDelaySeconds = 0.05;
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(spec);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.count(), 3); // each try its own job: its own output, its own history row
    for (int i = 0; i < 3; ++i) {
        const Job *j = s.jobAt(i);
        QCOMPARE(j->attempt(), i + 1);
        QCOMPARE(j->firstSeq(), 1);
        QCOMPARE(j->stdoutText(), QStringLiteral("try %1\n").arg(i + 1));
        QCOMPARE(j->record().attempts, i + 1);
    }
    QCOMPARE(s.jobAt(0)->state(), JobState::Failed);
    QCOMPARE(s.jobAt(0)->retriedAs(), 2);
    QCOMPARE(s.jobAt(2)->state(), JobState::Finished);
    QCOMPARE(s.jobAt(2)->retriedAs(), 0);
    const BatchStats t = s.totals();
    QCOMPARE(t.total, 1);
    QCOMPARE(t.succeeded, 1);
    QCOMPARE(t.failed, 0);
}

void TestSteering::noRetryAfterKill()
{
    Scheduler s;
    JobSpec spec = shell(QStringLiteral("sleep 30"));
    spec.retries = 3;
    QSignalSpy idle(&s, &Scheduler::idle);
    QSignalSpy started(&s, &Scheduler::jobStarted);
    Job *job = s.add(spec);
    QVERIFY(started.wait(kDeadlineMs));
    s.kill(job);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.count(), 1);
    QCOMPARE(job->state(), JobState::Killed);
}

void TestSteering::dependencyOnARetryOutlivesItsFirstTry()
{
    // #1 fails; its retry #2 waits out its delay. Remove ended takes #1 away; a job added to run
    // after_success of #2 must wait for #2, and be skipped when #2 does not succeed.
    Scheduler s;
    JobSpec spec = shell(QStringLiteral("exit 1"));
    spec.retries = 2; // GNU parallel's count: two tries in all
    spec.retryDelaySeconds = 600;
    Job *first = s.add(spec);
    QTRY_VERIFY_WITH_TIMEOUT(first->state() == JobState::Failed && s.count() == 2, kDeadlineMs);
    s.removeEnded();
    QCOMPARE(s.count(), 1);
    Job *retry = s.jobAt(0);
    QCOMPARE(retry->seq(), 2);
    QCOMPARE(retry->state(), JobState::Queued);
    JobSpec dependent = shell(QStringLiteral("true"));
    dependent.afterSuccess = {QStringLiteral("#2")};
    Job *after = s.add(dependent);
    s.kill(retry); // the retry never succeeds: what waited for it is skipped, never run
    QCOMPARE(retry->state(), JobState::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(after->state()) && after->state() != JobState::Queued, kDeadlineMs);
    QCOMPARE(after->state(), JobState::Skipped);
    QVERIFY(!after->record().startedAt.isValid());
}

void TestSteering::queueOrder()
{
    Scheduler s;
    StartRecorder started(s);
    s.setMaxParallel(1);
    s.setPaused(true);
    QList<Job *> jobs;
    for (int i = 0; i < 4; ++i)
        jobs << s.add(shell(QStringLiteral("true")));
    QCoreApplication::processEvents(); // paused: nothing starts
    QCOMPARE(seqsOf(s.queueOrder()), (QList<int>{1, 2, 3, 4}));
    s.moveToFront({jobs[3]});
    QCOMPARE(seqsOf(s.queueOrder()), (QList<int>{4, 1, 2, 3}));
    s.moveToBack({jobs[0]});
    QCOMPARE(seqsOf(s.queueOrder()), (QList<int>{4, 2, 3, 1}));
    s.moveBefore({jobs[2]}, jobs[3]); // a drag onto job 4
    QCOMPARE(seqsOf(s.queueOrder()), (QList<int>{3, 4, 2, 1}));
    QSignalSpy idle(&s, &Scheduler::idle);
    s.setPaused(false);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(started.seqs(), (QList<int>{3, 4, 2, 1}));
}

void TestSteering::parallelismChangesAtOnce()
{
    Scheduler s;
    s.setMaxParallel(1);
    QList<JobSpec> specs;
    for (int i = 0; i < 4; ++i)
        specs << shell(QStringLiteral("sleep 30"));
    s.addBatch(specs);
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 1, kDeadlineMs);
    s.setMaxParallel(3); // no job has to end first
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 3, kDeadlineMs);
    QCOMPARE(s.queuedCount(), 1);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

void TestSteering::pauseBatchHoldsItsQueue()
{
    Scheduler s;
    s.setMaxParallel(1);
    QList<JobSpec> specs{shell(QStringLiteral("sleep 30")), shell(QStringLiteral("true"))};
    const int batch = s.addBatch(specs);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->state(), JobState::Running, kDeadlineMs);
    s.pauseBatch(batch);
    QCOMPARE(s.jobAt(0)->state(), JobState::Paused);
    QCOMPARE(s.batchStats(batch).running, 1); // a paused job keeps its slot
    s.setMaxParallel(2); // room for the second: its batch is paused, so it waits
    QCoreApplication::processEvents(); // the start pass the new limit asked for
    QCoreApplication::processEvents();
    QCOMPARE(s.jobAt(1)->state(), JobState::Queued);
    s.resumeBatch(batch);
    QCOMPARE(s.jobAt(0)->state(), JobState::Running);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(1)->state(), JobState::Finished, kDeadlineMs);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

QTEST_GUILESS_MAIN(TestSteering)
#include "tst_steering.moc"
