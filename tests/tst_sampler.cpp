#include "core/process/job.h"
#include "core/monitor/processsampler.h"
#include "core/scheduling/scheduler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;
constexpr qint64 kMiB = 1024;
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
};

void TestSampler::treeSumsMemoryOfEveryMember()
{
    // Two grandchildren of known size under sh: 120 MiB and 60 MiB of touched memory.
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    QSignalSpy idle(&s, &Scheduler::idle);
    const QString hold = QStringLiteral("python3 -c 'b = bytearray(%1 * 1024 * 1024); import time; time.sleep(2.5)'");
    Job *job = s.add(testutil::shell(hold.arg(120) + QStringLiteral(" & ") + hold.arg(60) + QStringLiteral("; wait")));
    QTRY_VERIFY_WITH_TIMEOUT(job->usage().rssKb >= 180 * kMiB, kDeadlineMs);
    QVERIFY2(job->usage().processes >= 3, qPrintable(QString::number(job->usage().processes))); // sh + two pythons
    QVERIFY(job->usage().rssKb < 260 * kMiB); // and not much more than they hold
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
    // The child spends 1.0 s of CPU (process time, so a loaded machine only makes it take longer).
    Job *job = s.add(testutil::shell(QStringLiteral(
        "python3 -c 'import time\ne = time.process_time() + 1.0\nwhile time.process_time() < e: pass'; sleep 0.3")));
    QTRY_VERIFY_WITH_TIMEOUT(job->usage().cpuPercent > 10, kDeadlineMs);
    QVERIFY(idle.wait(kDeadlineMs));
    // Counted through sh's collected children once python has ended, and sh lived on 0.3 s.
    QVERIFY2(job->usage().cpuSeconds >= 1.0 && job->usage().cpuSeconds <= 1.5, qPrintable(QString::number(job->usage().cpuSeconds)));
    QVERIFY(job->usage().cpuSeconds <= double(job->elapsedMs()) / 1000.0 + 0.2);
}

void TestSampler::lastMomentsAreCounted()
{
    // Shorter than a sampling interval, and no sampler at all: the CPU time the leader spent up
    // to its last moment still counts (from what its collection reports).
    Job job(1, testutil::argv(QStringLiteral("python3"), {QStringLiteral("-c"),
            QStringLiteral("import time\ne = time.process_time() + 0.4\nwhile time.process_time() < e: pass")}), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.usage().samples, 0);
    QVERIFY2(job.record().cpuSeconds >= 0.4 && job.record().cpuSeconds < 0.8, qPrintable(QString::number(job.record().cpuSeconds)));
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
    // 64 jobs running: one sample must stay far below its interval's 1 % (5 ms of 500 ms).
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
    constexpr int kSamples = 20;
    for (int i = 0; i < kSamples; ++i)
        sampler.sampleNow();
    const double perSampleMs = double(clock.nsecsElapsed()) / 1e6 / kSamples;
    qInfo("one sample of 64 jobs: %.2f ms (%.2f %% of a core at 0.5 s)", perSampleMs, perSampleMs / 5.0);
    QVERIFY(s.jobAt(0)->usage().samples >= kSamples);
    QVERIFY(s.jobAt(0)->usage().rssKb > 0);
    s.killAllNow();
}

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
