// GNU parallel's --load, --memfree and --memsuspend in the engine (issue 27.5): the scheduler's
// ResourcePolicy given figures exactly (the figures the sampler reads are given straight to it),
// then the sampler reading them from files in /proc's format (PROCDECK_TEST_PROC, for tests).
#include "core/monitor/processsampler.h"
#include "core/models/jobtablemodel.h"
#include "core/process/job.h"
#include "core/scheduling/scheduler.h"

#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kGiB = 1024 * kMiB;

JobSpec sleeper(int retries = 1)
{
    JobSpec spec;
    spec.program = QStringLiteral("sleep");
    spec.arguments = {QStringLiteral("600")};
    spec.graceSeconds = 5;
    spec.retries = retries;
    return spec;
}

JobSpec quick()
{
    JobSpec spec;
    spec.program = QStringLiteral("true");
    return spec;
}

SystemFigures figures(double load, qint64 freeBytes)
{
    SystemFigures f;
    f.load = load;
    f.freeBytes = freeBytes;
    return f;
}

/// Writes a file whole at once: the sampler's thread never reads half of it.
bool writeWhole(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

/// /proc's stat and meminfo as the kernel writes them: `running` threads runnable (the reader
/// among them), free memory MemFree + Buffers + Cached + SwapCached = `freeKb`.
bool writeProc(const QString &dir, int running, qint64 freeKb)
{
    const QByteArray stat = "cpu  1 2 3 4\nprocs_running " + QByteArray::number(running)
            + "\nprocs_blocked 0\n";
    const QByteArray meminfo = "MemTotal:       24683748 kB\nMemFree:        "
            + QByteArray::number(freeKb - 300) + " kB\nMemAvailable:   99999999 kB\n"
            "Buffers:             100 kB\nCached:              150 kB\nSwapCached:           50 kB\n";
    return writeWhole(dir + QStringLiteral("/stat"), stat)
            && writeWhole(dir + QStringLiteral("/meminfo"), meminfo);
}
} // namespace

class TestResourcePolicy : public QObject
{
    Q_OBJECT

private slots:
    void loadHoldsTheNextJob();
    void memFreeHoldsAndKillsTheYoungest();
    void memSuspendPausesTheYoungest();
    void samplerReadsTheFigures();
};

void TestResourcePolicy::loadHoldsTheNextJob()
{
    Scheduler s;
    s.setMaxParallel(2);
    ResourceLimits limits;
    limits.maxLoad = 2;
    s.setResourceLimits(limits);
    s.setSystemFigures(figures(3, 8 * kGiB));
    for (int i = 0; i < 3; ++i)
        s.add(quick());
    // The start loop ran (a queued call): the first job says why it waits, none started.
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->links().heldBy,
                              QStringLiteral("waiting: load 3 ≥ 2 (--load)"), kDeadlineMs);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(s.jobAt(i)->state(), JobState::Queued);
    QCOMPARE(s.jobAt(1)->links().heldBy, QString());
    QCOMPARE(s.jobAt(0)->record().notes, QStringLiteral("waiting: load 3 ≥ 2 (--load)"));
    QCOMPARE(JobTableModel::stateLine(*s.jobAt(0)),
             QStringLiteral("Queued — waiting: load 3 ≥ 2 (--load)"));
    // At the limit still holds (parallel: load >= max); below it every job runs.
    s.setSystemFigures(figures(2, 8 * kGiB));
    QCOMPARE(s.jobAt(0)->links().heldBy, QStringLiteral("waiting: load 2 ≥ 2 (--load)"));
    s.setSystemFigures(figures(1, 8 * kGiB));
    QTRY_COMPARE_WITH_TIMEOUT(s.totals().succeeded, 3, kDeadlineMs);
    QCOMPARE(s.jobAt(0)->links().heldBy, QString());
    QCOMPARE(s.jobAt(0)->record().notes, QString());
}

void TestResourcePolicy::memFreeHoldsAndKillsTheYoungest()
{
    Scheduler s;
    s.setMaxParallel(2);
    ResourceLimits limits;
    limits.memFree = kGiB;
    s.setResourceLimits(limits);
    s.setSystemFigures(figures(0, kGiB - 1));
    for (int i = 0; i < 3; ++i)
        s.add(sleeper(2)); // --retries 2: a job killed for memory runs once more
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->links().heldBy,
                              QStringLiteral("waiting: free memory 1024 MiB < 1 GiB (--memfree)"),
                              kDeadlineMs);
    QCOMPARE(s.runningCount(), 0);
    s.setSystemFigures(figures(0, 2 * kGiB));
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 2, kDeadlineMs);
    QCOMPARE(s.jobAt(2)->state(), JobState::Queued); // -j2

    // Below half of --memfree: the youngest running job (#2) is killed, #1 runs on.
    s.setSystemFigures(figures(0, 400 * kMiB));
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(1)->state(), JobState::Killed, kDeadlineMs);
    QCOMPARE(s.jobAt(0)->state(), JobState::Running);
    QCOMPARE(s.jobAt(1)->signal(), SIGTERM);
    QCOMPARE(s.jobAt(1)->record().notes,
             QStringLiteral("killed: free memory 400 MiB < 512 MiB, half of --memfree 1 GiB"));
    // It runs again later (its retries allow one more try): #4, held while memory is short.
    QCOMPARE(s.jobAt(1)->retriedAs(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(3)->links().heldBy,
                              QStringLiteral("waiting: free memory 400 MiB < 1 GiB (--memfree)"),
                              kDeadlineMs);
    // Still short after that end: the next youngest, #1, goes too.
    s.setSystemFigures(figures(0, 400 * kMiB));
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->state(), JobState::Killed, kDeadlineMs);
    // Memory back: the retries and #3 start.
    s.setSystemFigures(figures(0, 2 * kGiB));
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 2, kDeadlineMs);
    s.killAll();
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
}

void TestResourcePolicy::memSuspendPausesTheYoungest()
{
    Scheduler s;
    s.setMaxParallel(3);
    ResourceLimits limits;
    limits.memSuspend = kGiB;
    s.setResourceLimits(limits);
    s.setSystemFigures(figures(0, 3 * kGiB));
    for (int i = 0; i < 3; ++i)
        s.add(sleeper());
    QTRY_COMPARE_WITH_TIMEOUT(s.runningCount(), 3, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(2)->pid() > 0 && s.jobAt(2)->state() == JobState::Running,
                             kDeadlineMs);
    const auto states = [&s] {
        return QList<JobState>{s.jobAt(0)->state(), s.jobAt(1)->state(), s.jobAt(2)->state()};
    };
    const JobState run = JobState::Running;
    const JobState paused = JobState::Paused;
    // parallel's count below twice --memsuspend: int(1 / (2 - free/limit)) + 1 of the oldest.
    s.setSystemFigures(figures(0, 1229 * kMiB)); // 1.2 GiB: 1/0.8 → 1 → two run
    QCOMPARE(states(), (QList<JobState>{run, run, paused}));
    QCOMPARE(s.jobAt(2)->record().notes,
             QStringLiteral("paused: free memory 1.2 GiB < 2 GiB, twice --memsuspend 1 GiB"));
    s.setSystemFigures(figures(0, 512 * kMiB)); // below --memsuspend: one runs
    QCOMPARE(states(), (QList<JobState>{run, paused, paused}));
    // Twice it or more: one job back at each reading, the oldest first.
    s.setSystemFigures(figures(0, 2 * kGiB));
    QCOMPARE(states(), (QList<JobState>{run, run, paused}));
    s.setSystemFigures(figures(0, 2 * kGiB));
    QCOMPARE(states(), (QList<JobState>{run, run, run}));
    // A job the person paused is left paused.
    QVERIFY(s.pause(s.jobAt(0)));
    s.setSystemFigures(figures(0, 3 * kGiB));
    QCOMPARE(states(), (QList<JobState>{paused, run, run}));
    s.killAll();
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
}

void TestResourcePolicy::samplerReadsTheFigures()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeProc(dir.path(), 6, 8 * 1024 * 1024)); // load 5: the reader is one of the 6
    qputenv("PROCDECK_TEST_PROC", dir.path().toLocal8Bit());
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    ResourceLimits limits;
    limits.maxLoad = 4;
    limits.memFree = 6 * kGiB;
    s.setResourceLimits(limits);
    s.add(quick());
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->links().heldBy,
                              QStringLiteral("waiting: load 5 ≥ 4 (--load)"), kDeadlineMs);
    QVERIFY(writeProc(dir.path(), 4, 5 * 1024 * 1024)); // load 3, 5 GiB free
    QTRY_COMPARE_WITH_TIMEOUT(s.jobAt(0)->links().heldBy,
                              QStringLiteral("waiting: free memory 5 GiB < 6 GiB (--memfree)"),
                              kDeadlineMs);
    QCOMPARE(s.jobAt(0)->state(), JobState::Queued);
    QVERIFY(writeProc(dir.path(), 1, 7 * 1024 * 1024));
    QTRY_COMPARE_WITH_TIMEOUT(s.totals().succeeded, 1, kDeadlineMs);
    qunsetenv("PROCDECK_TEST_PROC");
}

QTEST_GUILESS_MAIN(TestResourcePolicy)
#include "tst_resourcepolicy.moc"
