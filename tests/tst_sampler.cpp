#include "core/process/job.h"
#include "core/monitor/processsampler.h"
#include "core/scheduling/scheduler.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;
constexpr qint64 kMiB = 1024;

/// The sum of the four figures dash's `times` prints last ("0m0.29s 0m0.35s" for the shell,
/// then for its collected children): the CPU time of the shell and of everything it collected.
double shellTimesSeconds(const QString &output, bool *ok)
{
    const QStringList lines = output.trimmed().split(QLatin1Char('\n'));
    static const QRegularExpression figure(QStringLiteral("(\\d+)m([\\d.]+)s"));
    double total = 0;
    int count = 0;
    for (qsizetype i = qMax<qsizetype>(0, lines.size() - 2); i < lines.size(); ++i) {
        for (auto it = figure.globalMatch(lines[i]); it.hasNext(); ++count) {
            const QRegularExpressionMatch m = it.next();
            total += m.captured(1).toDouble() * 60 + m.captured(2).toDouble();
        }
    }
    *ok = count == 4;
    return total;
}
}

class TestSampler : public QObject
{
    Q_OBJECT

private slots:
    void treeSumsMemoryOfEveryMember();
    void cpuTimeOfABusyChild();
    void lastMomentsAreCounted();
    void cliRecordsPeakRssOfAGrandchild();
    void peakOfAShortBigJobIsCounted(); // before the next: this process's peak must stay small
    void peakIsTheJobsOwnNotOurs();
    void cliPeakOfATrivialJobIsNotItsOwn();
    void samplingIsCheap();
    void cliExportsWrittenBytes();
    void readingDevZeroWritesNothing();
};

void TestSampler::treeSumsMemoryOfEveryMember()
{
    // Two grandchildren of known size under sh: 120 MiB and 60 MiB of touched memory, each held
    // until the test has seen both (a file it writes), however slowly a loaded machine starts
    // them.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString release = dir.filePath(QStringLiteral("release"));
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    QSignalSpy idle(&s, &Scheduler::idle);
    const QString hold = QStringLiteral("python3 -c 'import os, time; b = bytearray(%1 * 1024 * 1024)\n"
                                        "while not os.path.exists(\"%2\"): time.sleep(0.05)'");
    Job *job = s.add(testutil::shell(hold.arg(120).arg(release) + QStringLiteral(" & ")
                                     + hold.arg(60).arg(release) + QStringLiteral("; wait")));
    QTRY_VERIFY_WITH_TIMEOUT(job->usage().rssKb >= 180 * kMiB, kDeadlineMs);
    QVERIFY2(job->usage().processes >= 3,
             qPrintable(QString::number(job->usage().processes))); // sh + two pythons
    QVERIFY(job->usage().rssKb < 260 * kMiB); // and not much more than they hold
    QFile releaseFile(release);
    QVERIFY(releaseFile.open(QIODevice::WriteOnly));
    releaseFile.close();
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(job->usage().peakRssKb >= 180 * kMiB);
    QCOMPARE(job->record().peakRssKb, job->usage().peakRssKb);
    QVERIFY(job->usage().cpuHistory.size() == job->usage().rssHistory.size());
}

void TestSampler::cpuTimeOfABusyChild()
{
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    QSignalSpy idle(&s, &Scheduler::idle);
    // The child spends 1.0 s of CPU in its loop (process time: a loaded machine only makes it take
    // longer), plus its start-up, which grows under load. sh then says, with `times`, what it and
    // every child it collected spent: the whole tree's figure, to the clock tick.
    Job *job = s.add(testutil::shell(QStringLiteral(
        "python3 -c 'import time\ne = time.process_time() + 1.0\n"
        "while time.process_time() < e: pass'; sleep 0.3; times")));
    QTRY_VERIFY_WITH_TIMEOUT(job->usage().cpuPercent > 10, kDeadlineMs);
    QVERIFY(idle.wait(kDeadlineMs));
    bool ok = false;
    const double treeSeconds = shellTimesSeconds(job->stdoutText(), &ok);
    QVERIFY2(ok, qPrintable(job->stdoutText()));
    const double counted = job->usage().cpuSeconds;
    const QString figures = QStringLiteral("counted %1 s, sh's times %2 s").arg(counted).arg(treeSeconds);
    QVERIFY2(treeSeconds >= 1.0, qPrintable(figures));
    // Counted through sh's collected children once python has ended: what sh said, give or take
    // its four figures' rounding to 10 ms ticks and sh's own exit after it said them.
    QVERIFY2(qAbs(counted - treeSeconds) <= 0.05, qPrintable(figures));
    QVERIFY(job->usage().cpuSeconds <= double(job->elapsedMs()) / 1000.0 + 0.2);
}

void TestSampler::lastMomentsAreCounted()
{
    // Shorter than a sampling interval, and no sampler at all: the CPU time the leader spent up
    // to its last moment still counts (from what its collection reports). Python's start-up CPU
    // grows under load, so the figure to reach is what sh says with `times` as it ends: its own
    // and python's, collected by then.
    Job job(1, testutil::shell(QStringLiteral("python3 -c 'import time\ne = time.process_time() + 0.4\n"
                                              "while time.process_time() < e: pass'; times")),
            QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.usage().samples, 0);
    bool ok = false;
    const double treeSeconds = shellTimesSeconds(job.stdoutText(), &ok);
    QVERIFY2(ok && treeSeconds >= 0.4, qPrintable(job.stdoutText()));
    const double counted = job.record().cpuSeconds;
    const QString figures =
        QStringLiteral("counted %1 s, sh's times %2 s").arg(counted).arg(treeSeconds);
    // sh's four figures are rounded to 10 ms ticks; its exit after saying them is not in them.
    QVERIFY2(qAbs(counted - treeSeconds) <= 0.05, qPrintable(figures));
}

void TestSampler::cliRecordsPeakRssOfAGrandchild()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.jsonl"));
    QProcess cli;
    cli.start(QStringLiteral(PROCDECK_CLI_PATH),
              {"--no-history", "--export", path, "--shell",
               "python3 -c \"b = bytearray(200 * 1024 * 1024); import time; time.sleep(1.5)\"; true"});
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QCOMPARE(cli.exitCode(), 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject row = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY2(row.value("peak_rss_kb").toInteger() >= 190000, qPrintable(QString::number(row.value("peak_rss_kb").toInteger())));
    QVERIFY(row.contains("cpu_s"));
}

void TestSampler::peakIsTheJobsOwnNotOurs()
{
    // This process holds 256 MiB; a child spawned with CLONE_VM|CLONE_VFORK carries that
    // high-water mark into its ru_maxrss. `true` itself holds a few MiB: never sampled, its peak
    // is not measured (0, exported as null), and never ours.
    QByteArray ballast(256 * 1024 * 1024, 'x');
    QVERIFY(ballast.at(ballast.size() - 1) == 'x');
    Job job(1, testutil::argv(QStringLiteral("true")), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.usage().samples, 0);
    QVERIFY2(job.record().peakRssKb < 16 * kMiB, qPrintable(QString::number(job.record().peakRssKb)));
}

void TestSampler::peakOfAShortBigJobIsCounted()
{
    // 200 MiB touched and gone before any sample: the leader's own peak, read at its end.
    Job job(1, testutil::argv(QStringLiteral("python3"), {QStringLiteral("-c"),
            QStringLiteral("b = bytearray(200 * 1024 * 1024)")}), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.usage().samples, 0);
    QVERIFY2(job.record().peakRssKb >= 200 * kMiB, qPrintable(QString::number(job.record().peakRssKb)));
    QVERIFY2(job.record().peakRssKb < 260 * kMiB, qPrintable(QString::number(job.record().peakRssKb)));
}

void TestSampler::cliPeakOfATrivialJobIsNotItsOwn()
{
    // Job 1 is `true`; job 2 reports procdeck-cli's own peak ($PPID of its sh is procdeck-cli).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.jsonl"));
    QProcess cli;
    cli.start(QStringLiteral(PROCDECK_CLI_PATH),
              {"--no-history", "-j", "1", "--export", path, "--shell", "true", "--shell",
               "awk '/^VmHWM:/ { print $2 }' /proc/$PPID/status"});
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QCOMPARE(cli.exitCode(), 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject trivial = QJsonDocument::fromJson(lines[0]).object();
    const QJsonObject reporter = QJsonDocument::fromJson(lines[1]).object();
    bool ok = false;
    const qint64 cliPeakKb = reporter.value("stdout").toString().trimmed().toLongLong(&ok);
    QVERIFY2(ok && cliPeakKb > 0, qPrintable(reporter.value("stdout").toString()));
    const QJsonValue peak = trivial.value("peak_rss_kb");
    QVERIFY2(peak.isNull() || peak.toInteger() * 2 < cliPeakKb,
             qPrintable(QStringLiteral("%1 KiB against procdeck-cli's %2 KiB").arg(peak.toInteger()).arg(cliPeakKb)));
}

void TestSampler::samplingIsCheap()
{
    // 64 jobs running: each sample reads every job's tree. What one costs is said here, and
    // bounded in bench/samplercost (a ratio against a bare /proc walk, under 1 % of a core):
    // a unit test's CPU bound failed under ASan (21.6 ms a sample), which measures the sanitizer.
    Scheduler s;
    s.setMaxParallel(64);
    ProcessSampler sampler(&s);
    QList<JobSpec> specs;
    for (int i = 0; i < 64; ++i)
        specs << testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    s.addBatch(specs);
    QTRY_VERIFY_WITH_TIMEOUT(s.runningCount() == 64 && s.jobAt(63)->pid() > 0, kDeadlineMs);
    QElapsedTimer clock;
    clock.start();
    timespec cpuBefore{}, cpuAfter{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuBefore);
    constexpr int kSamples = 20;
    for (int i = 0; i < kSamples; ++i)
        sampler.sampleNow();
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuAfter);
    const double perSampleMs = double(clock.nsecsElapsed()) / 1e6 / kSamples;
    const double cpuPerSampleMs = (double(cpuAfter.tv_sec - cpuBefore.tv_sec) * 1e3
                                   + double(cpuAfter.tv_nsec - cpuBefore.tv_nsec) / 1e6) / kSamples;
    qInfo("one sample of 64 jobs: %.2f ms, %.2f ms of CPU (%.2f %% of a core at 0.5 s)",
          perSampleMs, cpuPerSampleMs, cpuPerSampleMs / 5.0);
    QVERIFY(s.jobAt(0)->usage().samples >= kSamples);
    QVERIFY(s.jobAt(0)->usage().rssKb > 0);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.killAllNow();
    QVERIFY(idle.wait(kDeadlineMs)); // every leader collected before the scheduler goes
}

namespace {
/// The one record procdeck-cli exports for `command`, run in `dir`.
QJsonObject cliRecord(const QTemporaryDir &dir, const QString &command)
{
    const QString path = dir.filePath(QStringLiteral("r.jsonl"));
    QProcess cli;
    cli.setWorkingDirectory(dir.path());
    cli.start(QStringLiteral(PROCDECK_CLI_PATH),
              {"--no-history", "--export", path, "--shell", command});
    if (!cli.waitForFinished(kDeadlineMs) || cli.exitCode() != 0)
        return {};
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}
constexpr qint64 kHundredMiB = 100LL * 1024 * 1024;
} // namespace

void TestSampler::cliExportsWrittenBytes()
{
    // A grandchild (dd under sh) writes 100 MiB to disk and syncs it: the tree's write_bytes,
    // exact at the end whatever the samples saw. (The temporary directory is on disk, not tmpfs,
    // where writes are never storage I/O: checked, so that the test says why if it moves.)
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/io-XXXXXX"));
    QVERIFY(dir.isValid());
    const QJsonObject row = cliRecord(dir, QStringLiteral(
            "dd if=/dev/zero of=F bs=1M count=100 conv=fsync 2>/dev/null; rm F; true"));
    QVERIFY2(!row.isEmpty(), "procdeck-cli failed");
    const qint64 written = row.value("io_write_bytes").toInteger(-1);
    QVERIFY2(written >= kHundredMiB, qPrintable(QString::number(written)));
    QVERIFY2(written < kHundredMiB * 3 / 2, qPrintable(QString::number(written)));
    QVERIFY(row.value("io_read_bytes").isDouble());
}

void TestSampler::readingDevZeroWritesNothing()
{
    // 100 MiB read from /dev/zero into /dev/null: no storage I/O either way.
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/io-XXXXXX"));
    QVERIFY(dir.isValid());
    const QJsonObject row = cliRecord(dir, QStringLiteral("head -c 100M /dev/zero > /dev/null"));
    QVERIFY2(!row.isEmpty(), "procdeck-cli failed");
    QVERIFY(row.value("io_write_bytes").isDouble());
    const qint64 written = row.value("io_write_bytes").toInteger(-1);
    QVERIFY2(written >= 0 && written < 1024 * 1024, qPrintable(QString::number(written)));
}

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
