// Issue 26.5: a running job whose tree uses no CPU and does no I/O for longer than the setting
// shows itself idle, saying where its processes wait, as /proc says it.
#include "core/models/jobidle.h"
#include "core/models/jobtablemodel.h"
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "core/scheduling/scheduler.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;
constexpr int kIdleAfterMs = 1000;

/// /proc/<pid>/wchan as the kernel says it now.
QString waitChannelOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/wchan").arg(pid));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()) : QString();
}

QString stateToolTip(const JobTableModel &model, const Job *job)
{
    return model.indexOf(job, JobTableModel::StateColumn).data(Qt::ToolTipRole).toString();
}

/// Ends the jobs and waits for their ends: nothing is left running.
void endAll(Scheduler &s)
{
    s.killAll();
    QTRY_VERIFY_WITH_TIMEOUT(s.runningCount() == 0, kDeadlineMs);
}
} // namespace

class TestIdleJobs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("LC_ALL", "C"); }
    void sleepIsIdleBusyLoopNever();
    void idleEndsWhenTheTreeRunsAgain();
};

void TestIdleJobs::sleepIsIdleBusyLoopNever()
{
    Scheduler s;
    s.setMaxParallel(4);
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    sampler.setIdleAfterMs(kIdleAfterMs);
    JobTableModel model(&s);
    QAbstractItemModelTester tester(&model);
    Job *sleeper = s.add(testutil::argv(QStringLiteral("sleep"), {QStringLiteral("300")}));
    Job *busy = s.add(testutil::shell(QStringLiteral("while :; do :; done")));
    qint64 busyIdleMs = 0; // the most the busy loop ever showed: never idle
    connect(&s, &Scheduler::jobUsageChanged, this, [&](Job *job) {
        if (job == busy)
            busyIdleMs = qMax(busyIdleMs, jobidle::idleMs(*job));
    });
    // Idle once quiet for the setting; then watched three times as long for the busy loop.
    QTRY_VERIFY_WITH_TIMEOUT(jobidle::idleMs(*sleeper) >= 3 * kIdleAfterMs, kDeadlineMs);
    model.flushPendingChanges();
    QCOMPARE(busyIdleMs, 0);
    QCOMPARE(model.indexOf(busy, 0).data(JobTableModel::IdleRole).toLongLong(), 0);
    QVERIFY(model.indexOf(sleeper, 0).data(JobTableModel::IdleRole).toLongLong()
            >= 3 * kIdleAfterMs);
    QVERIFY(stateToolTip(model, busy).isEmpty());
    // One process, no CPU since it began its sleep: its wait channel is what the kernel says.
    const QString channel = waitChannelOf(sleeper->pid());
    QVERIFY2(!channel.isEmpty() && channel != QLatin1String("0"), qPrintable(channel));
    const QString tip = stateToolTip(model, sleeper);
    QVERIFY2(tip.startsWith(QLatin1String("No CPU or I/O for ")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral(" — its process sleeping in ")), qPrintable(tip));
    QVERIFY2(tip.endsWith(QStringLiteral("(%1)").arg(channel)) || tip.endsWith(channel),
             qPrintable(tip + QLatin1String(" / ") + channel));
    QCOMPARE(jobidle::text(3 * 60 * 1000 + 5000), QStringLiteral("idle 3 min"));
    endAll(s);
}

void TestIdleJobs::idleEndsWhenTheTreeRunsAgain()
{
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    sampler.setIdleAfterMs(kIdleAfterMs);
    JobTableModel model(&s);
    // sh waits for its sleep, then spins: two processes, waiting in two places, then busy.
    Job *job = s.add(testutil::shell(QStringLiteral("sleep 6; while :; do :; done")));
    QTRY_VERIFY_WITH_TIMEOUT(jobidle::idleMs(*job) > 0, kDeadlineMs);
    const QList<pid_t> sleeps = testutil::ownProcessesNamed("sleep 6");
    QCOMPARE(sleeps.size(), 1);
    const QString tip = stateToolTip(model, job);
    const QString shWaits = waitChannelOf(job->pid());
    const QString sleepWaits = waitChannelOf(sleeps.first());
    QVERIFY2(tip.contains(QStringLiteral("(%1)").arg(shWaits)) || tip.contains(shWaits),
             qPrintable(tip + QLatin1String(" / ") + shWaits));
    QVERIFY2(tip.contains(QStringLiteral("(%1)").arg(sleepWaits)) || tip.contains(sleepWaits),
             qPrintable(tip + QLatin1String(" / ") + sleepWaits));
    QVERIFY2(tip.contains(QLatin1String("1 sleeping in ")), qPrintable(tip));
    // The sleep ends, sh spins: idle no more, at the next sample.
    QTRY_COMPARE_WITH_TIMEOUT(jobidle::idleMs(*job), 0, kDeadlineMs);
    QVERIFY(stateToolTip(model, job).isEmpty());
    endAll(s);
}

QTEST_GUILESS_MAIN(TestIdleJobs)
#include "tst_idlejobs.moc"
