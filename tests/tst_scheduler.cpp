#include "core/process/job.h"
#include "core/scheduling/scheduler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include "testutil.h"

using namespace procdeck;
using testutil::argv;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 30000;

QList<JobSpec> sleeps(int count, const QString &unit)
{
    QList<JobSpec> specs;
    for (int i = 1; i <= count; ++i)
        specs << argv(QStringLiteral("sleep"), {unit.arg(i)});
    return specs;
}
} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private slots:
    void tenSleepsOverlapAtTen();
    void neverMoreThanThreeAtThree();
    void fifoOrder();
    void cancelQueuedAndKillAll();
    void failedStartDoesNotStallTheQueue();
    void fileDescriptorShortageQueuesInsteadOfFailing();
    void destructionLeavesNoOrphans();
    void removeEnded();
    void figuresAgreeWithTheJobs();
    void firstFailureIsTheLowestNumber();
    void aBatchLimitIsTheBatchsOwn();
    void slotsAreGivenAsParallelDoes();
    void endedJobsKeepUsageSamplesOnlyWhereDrawn();
};

void TestScheduler::tenSleepsOverlapAtTen()
{
    // Each job first waits until all ten are running (a mark each in one folder), then sleeps
    // its 0.1 … 1 s: the batch can end only if the scheduler ran all ten at once, however long
    // a loaded machine takes to start them.
    QTemporaryDir marks;
    QVERIFY(marks.isValid());
    Scheduler s;
    s.setMaxParallel(10);
    QSignalSpy idle(&s, &Scheduler::idle);
    QList<JobSpec> specs;
    for (int i = 1; i <= 10; ++i) {
        const QString seconds = i == 10 ? QStringLiteral("1") : QStringLiteral("0.%1").arg(i);
        specs << shell(QStringLiteral("touch %1/%2; until [ \"$(ls %1 | wc -l)\" -eq 10 ]; do "
                                      "sleep 0.02; done; sleep %3")
                               .arg(marks.path())
                               .arg(i)
                               .arg(seconds));
    }
    const int batch = s.addBatch(specs);
    QVERIFY(idle.wait(kDeadlineMs));
    QDateTime latestStart;
    QDateTime earliestEnd;
    for (int i = 0; i < s.count(); ++i) {
        const JobRecord r = s.jobAt(i)->record();
        QCOMPARE(r.state, JobState::Finished);
        if (!latestStart.isValid() || r.startedAt > latestStart)
            latestStart = r.startedAt;
        if (!earliestEnd.isValid() || r.finishedAt < earliestEnd)
            earliestEnd = r.finishedAt;
    }
    QVERIFY2(latestStart < earliestEnd, "all ten ran at the same time");
    const BatchStats stats = s.batchStats(batch);
    QCOMPARE(stats.total, 10);
    QCOMPARE(stats.succeeded, 10);
    QVERIFY(stats.done());
    QVERIFY(stats.workMs >= 5500);        // 0.1 + … + 0.9 + 1.0 s of sleeping
    QVERIFY(stats.wallMs < stats.workMs); // …in less wall time than that
    QVERIFY(stats.speedup() > 1.0);
}

void TestScheduler::neverMoreThanThreeAtThree()
{
    Scheduler s;
    s.setMaxParallel(3);
    int most = 0;
    connect(&s, &Scheduler::jobChanged, this, [&] {
        int running = 0;
        for (int i = 0; i < s.count(); ++i)
            running += s.jobAt(i)->state() == JobState::Running;
        most = qMax(most, running);
    });
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch(sleeps(10, QStringLiteral("0.0%1")));
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(most, 3);
    QCOMPARE(s.totals().succeeded, 10);
}

void TestScheduler::fifoOrder()
{
    Scheduler s;
    s.setMaxParallel(1);
    QList<int> startOrder;
    connect(&s, &Scheduler::jobChanged, this, [&](Job *job) {
        if (job->state() == JobState::Running && !startOrder.contains(job->seq()))
            startOrder << job->seq();
    });
    QSignalSpy idle(&s, &Scheduler::idle);
    for (int i = 0; i < 5; ++i)
        s.add(argv(QStringLiteral("true")));
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(startOrder, (QList<int>{1, 2, 3, 4, 5}));
}

void TestScheduler::cancelQueuedAndKillAll()
{
    Scheduler s;
    s.setMaxParallel(2);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch(sleeps(5, QStringLiteral("30%1")));
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 2, kDeadlineMs);
    Job *third = s.jobAt(2);
    s.kill(third);
    QCOMPARE(third->state(), JobState::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(0)->pid() > 0 && s.jobAt(1)->pid() > 0, kDeadlineMs);
    s.killAll();
    QVERIFY(idle.count() > 0 || idle.wait(kDeadlineMs));
    QCOMPARE(s.jobAt(0)->state(), JobState::Killed);
    QCOMPARE(s.jobAt(1)->state(), JobState::Killed);
    QCOMPARE(s.jobAt(3)->state(), JobState::Cancelled);
    QCOMPARE(s.jobAt(4)->state(), JobState::Cancelled);
    QVERIFY(testutil::groupGone(s.jobAt(0)->pid()));
}

void TestScheduler::failedStartDoesNotStallTheQueue()
{
    Scheduler s;
    s.setMaxParallel(1);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(argv(QStringLiteral("procdeck-no-such-program")));
    s.add(argv(QStringLiteral("true")));
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.jobAt(0)->state(), JobState::FailedToStart);
    QCOMPARE(s.jobAt(1)->state(), JobState::Finished);
    QCOMPARE(idle.count(), 1);
}

void TestScheduler::fileDescriptorShortageQueuesInsteadOfFailing()
{
    // As under `ulimit -n 64`: 150 jobs at -j 100 must all finish, none "failed to start".
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit low = saved;
    low.rlim_cur = 64;
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
    auto restore = qScopeGuard([&] { setrlimit(RLIMIT_NOFILE, &saved); });

    Scheduler s;
    s.setMaxParallel(100);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch(sleeps(150, QStringLiteral("0.0%1")));
    QVERIFY(idle.wait(kDeadlineMs * 2));
    const BatchStats totals = s.totals();
    QCOMPARE(totals.succeeded, 150);
    QCOMPARE(totals.failed, 0);
}

void TestScheduler::destructionLeavesNoOrphans()
{
    QList<qint64> groups;
    {
        Scheduler s;
        s.setMaxParallel(3);
        s.addBatch({shell(QStringLiteral("sleep 300 & sleep 300")), argv(QStringLiteral("sleep"), {QStringLiteral("300")}),
                    shell(QStringLiteral("trap '' TERM; sleep 300"))});
        QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(0)->pid() > 0 && s.jobAt(1)->pid() > 0 && s.jobAt(2)->pid() > 0, kDeadlineMs);
        for (int i = 0; i < 3; ++i)
            groups << s.jobAt(i)->pid();
    }
    for (qint64 pgid : groups)
        QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(pgid), kDeadlineMs);
}

void TestScheduler::removeEnded()
{
    Scheduler s;
    s.setMaxParallel(6);
    QSignalSpy removed(&s, &Scheduler::jobsRemoved);
    // Ended, ended, running, ended, ended (failed), ended: two runs of rows go, the last first.
    const int batch = s.addBatch({argv(QStringLiteral("true")), argv(QStringLiteral("true")),
                                  argv(QStringLiteral("sleep"), {QStringLiteral("30")}), argv(QStringLiteral("true")),
                                  argv(QStringLiteral("false")), argv(QStringLiteral("true"))});
    QTRY_COMPARE_WITH_TIMEOUT(s.totals().succeeded + s.totals().failed, 5, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(2)->pid() > 0, kDeadlineMs);
    QCOMPARE(s.batchStats(batch).failed, 1);
    QCOMPARE(s.batchStats(batch).running, 1);
    QCOMPARE(s.batchIds(), QList<int>{batch});
    s.removeEnded();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.at(0), (QList<QVariant>{3, 5}));
    QCOMPARE(removed.at(1), (QList<QVariant>{0, 1}));
    QCOMPARE(s.count(), 1);
    QCOMPARE(s.jobAt(0)->seq(), 3);
    QCOMPARE(s.jobBySeq(3), s.jobAt(0));
    QCOMPARE(s.jobBySeq(1), nullptr);
    // The counters follow the rows that are left.
    const BatchStats left = s.totals();
    QCOMPARE(left.total, 1);
    QCOMPARE(left.running, 1);
    QCOMPARE(left.succeeded + left.failed, 0);
    QCOMPARE(s.batchStats(batch).total, 1);
}

void TestScheduler::figuresAgreeWithTheJobs()
{
    // The counters kept at each transition say what counting every job would: successes,
    // failures of every kind, cancelled jobs, one killed while running, a failed start.
    Scheduler s;
    s.setMaxParallel(2);
    const int batch = s.addBatch({argv(QStringLiteral("true")), argv(QStringLiteral("false")),
                                  argv(QStringLiteral("sleep"), {QStringLiteral("30")}), argv(QStringLiteral("procdeck-no-such-program")),
                                  argv(QStringLiteral("true")), argv(QStringLiteral("sleep"), {QStringLiteral("30")})});
    Job *alone = s.add(argv(QStringLiteral("true")));
    QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(2)->state() == JobState::Running && s.jobAt(5)->state() == JobState::Running, kDeadlineMs);
    s.kill(s.jobAt(2));
    s.kill(s.jobAt(5));
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(alone->state(), JobState::Finished, kDeadlineMs);
    for (const int id : {batch, 0, -1}) {
        BatchStats counted;
        for (int i = 0; i < s.count(); ++i) {
            const Job *job = s.jobAt(i);
            if (id >= 0 && job->batchId() != id)
                continue;
            ++counted.total;
            counted.succeeded += isSuccess(job->state());
            counted.failed += !isSuccess(job->state());
            if (!isSuccess(job->state()) && counted.firstFailedSeq == 0)
                counted.firstFailedSeq = job->seq();
            counted.workMs += job->elapsedMs();
        }
        const BatchStats kept = id < 0 ? s.totals() : s.batchStats(id);
        QCOMPARE(kept.total, counted.total);
        QCOMPARE(kept.succeeded, counted.succeeded);
        QCOMPARE(kept.failed, counted.failed);
        QCOMPARE(kept.firstFailedSeq, counted.firstFailedSeq);
        QCOMPARE(kept.queued + kept.running, 0);
        QCOMPARE(kept.workMs, counted.workMs);
    }
    QCOMPARE(s.batchStats(batch).succeeded, 2);
    QCOMPARE(s.batchStats(batch).failed, 4);
}

void TestScheduler::firstFailureIsTheLowestNumber()
{
    // The batch's first failure as its table shows it (the notification's "Show" goes there),
    // not the first to fail in time; kept by the counters.
    Scheduler s;
    s.setMaxParallel(3);
    const int batch = s.addBatch({shell(QStringLiteral("sleep 0.3; exit 3")), shell(QStringLiteral("exit 4")),
                                  argv(QStringLiteral("true"))});
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(1)->state(), JobState::Failed, kDeadlineMs);
    QCOMPARE(s.batchStats(batch).firstFailedSeq, s.jobAt(1)->seq());
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
    QCOMPARE(s.batchStats(batch).firstFailedSeq, s.jobAt(0)->seq());
    QCOMPARE(s.totals().firstFailedSeq, s.jobAt(0)->seq());
    s.add(argv(QStringLiteral("true"))); // alone, and it succeeds: none failed there
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
    QCOMPARE(s.batchStats(0).firstFailedSeq, 0);
}

void TestScheduler::aBatchLimitIsTheBatchsOwn()
{
    // Issue 22.4: a batch at 1 held back every later job (the window made its limit the one
    // for all). Its limit holds its own jobs only, within the scheduler's.
    Scheduler s;
    s.setMaxParallel(3);
    const JobSpec sleeper = argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    const int batch = s.addBatch({sleeper, sleeper, sleeper});
    s.setBatchMaxParallel(batch, 1);
    Job *alone = s.add(sleeper);
    QTRY_COMPARE_WITH_TIMEOUT(alone->state(), JobState::Running, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->state(), JobState::Running, kDeadlineMs);
    QCOMPARE(s.jobAt(1)->state(), JobState::Queued);
    QCOMPARE(s.jobAt(2)->state(), JobState::Queued);
    QCOMPARE(s.runningCount(), 2);
    // Room in the batch: its next job goes; the scheduler's 3 still bounds everything.
    s.setBatchMaxParallel(batch, 5);
    s.add(sleeper);
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 3, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(1)->state(), JobState::Running, kDeadlineMs);
    QCOMPARE(s.jobAt(2)->state(), JobState::Queued);
    QCOMPARE(s.jobAt(4)->state(), JobState::Queued);
    s.killAllNow();
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
}

void TestScheduler::slotsAreGivenAsParallelDoes()
{
    // GNU parallel's {%}: a job takes the slot freed longest ago (parallel 20221122's queue of
    // free slots), whatever its number; a retry keeps its try's slot. Each job waits for a
    // file of the test's, so that the order of ends is the test's, not the machine's.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Scheduler s;
    s.setMaxParallel(3);
    QList<JobSpec> specs;
    for (int i = 1; i <= 5; ++i) {
        JobSpec spec = shell(QStringLiteral("until [ -e %1 ]; do sleep 0.02; done; echo {%}")
                                 .arg(dir.filePath(QString::number(i))));
        spec.slotAt = {spec.shellCommand.size() - 3};
        spec.retries = i == 4 ? 2 : 0;
        specs << spec;
    }
    // Job 4's first try fails at once; its retry waits for the file as the others do.
    const QString tried = dir.filePath(QStringLiteral("4.tried"));
    specs[3].shellCommand.prepend(QStringLiteral("[ -e %1 ] || { touch %1; exit 1; }; ").arg(tried));
    specs[3].slotAt = {specs[3].shellCommand.size() - 3};
    s.addBatch(specs);
    const auto end = [&](int i) {
        QFile f(dir.filePath(QString::number(i)));
        return f.open(QIODevice::WriteOnly);
    };
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 3, kDeadlineMs);
    QVERIFY(end(3));
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(2)->state(), JobState::Finished, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(s.count(), 6, kDeadlineMs); // job 4 failed: its retry is queued
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(5)->state(), JobState::Running, kDeadlineMs);
    QCOMPARE(s.jobAt(3)->slot(), 3); // the one free
    QCOMPARE(s.jobAt(5)->slot(), 3); // the retry keeps it, as in parallel
    // Two slots freed while the queue waits: the next job takes the one freed first (2), not
    // the lowest (1).
    s.setPaused(true);
    QVERIFY(end(2));
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(1)->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(end(1));
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->state(), JobState::Finished, kDeadlineMs);
    s.setPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(4)->state(), JobState::Running, kDeadlineMs);
    QCOMPARE(s.jobAt(4)->slot(), 2);
    QVERIFY(end(4));
    QVERIFY(end(5));
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
    QCOMPARE(s.jobAt(5)->attempt(), 2);
    const QList<int> expected{1, 2, 3, 3, 2, 3};
    for (int i = 0; i < s.count(); ++i) {
        const Job *job = s.jobAt(i);
        QCOMPARE(job->slot(), expected[i]);
        if (job->state() == JobState::Finished) { // what ran, what it printed, what is recorded
            QCOMPARE(job->stdoutText(), QString::number(expected[i]) + QLatin1Char('\n'));
            QVERIFY2(job->record().command.endsWith(QStringLiteral("echo %1").arg(expected[i])),
                     qPrintable(job->record().command));
            QCOMPARE(job->specAsRun().shellCommand, job->record().command); // the history's
            QVERIFY(job->specAsRun().slotAt.isEmpty());
        }
    }
}

void TestScheduler::endedJobsKeepUsageSamplesOnlyWhereDrawn()
{
    // The window draws an ended job's samples; the engine holds 100,000 ended jobs and draws
    // none, so it lets them go (~2.4 KiB a job that ran two minutes) and keeps the totals.
    for (const bool keeps : {true, false}) {
        Scheduler s;
        s.setEndedJobKeep({-1, keeps});
        s.addBatch({argv(QStringLiteral("sleep"), {QStringLiteral("30")})});
        QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(0)->pid() > 0, kDeadlineMs);
        Job *job = s.jobAt(0);
        UsageSample sample;
        sample.cpuPercent = 50;
        sample.rssKb = 4096;
        sample.cpuSeconds = 1.5;
        job->addUsageSample(sample);
        sample.rssKb = 2048;
        job->addUsageSample(sample);
        QSignalSpy ended(&s, &Scheduler::jobEnded);
        s.kill(job);
        QVERIFY(ended.wait(kDeadlineMs));
        const JobUsage &usage = job->usage();
        QCOMPARE(usage.cpuHistory.size(), keeps ? 2 : 0);
        QCOMPARE(usage.rssHistory.size(), keeps ? 2 : 0);
        if (!keeps)
            QCOMPARE(usage.rssHistory.capacity(), 0); // freed, not only emptied
        QCOMPARE(usage.peakRssKb, qint64(4096));
        QVERIFY(usage.cpuSeconds >= 1.5);
    }
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
