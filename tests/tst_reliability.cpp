// Tries hard to break ProcDeck: output that must never be lost, processes that must never be
// left behind, limits that must not fail jobs, and faults the OS rarely produces.
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "core/process/jobprocess.h"
#include "core/process/processgroup.h"
#include "core/scheduling/scheduler.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/mount.h>
#include <unistd.h>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 120000;

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer keeps freed memory in quarantine and adds shadow memory: RSS says nothing
// about ProcDeck there. The byte-exactness checks still run.
constexpr bool kMemoryIsMeasurable = false;
#else
constexpr bool kMemoryIsMeasurable = true;
#endif

/// Memory growth within bounds, where it can be measured at all.
bool grewLessThan(qint64 beforeKb, qint64 limitKb)
{
    const qint64 grown = procdeck::ProcessSampler::residentKb() - beforeKb;
    qInfo("RSS grew by %lld KiB", static_cast<long long>(grown));
    return !kMemoryIsMeasurable || grown < limitKb;
}

/// Our own children that have ended and were never collected.
int zombieChildren()
{
    int zombies = 0;
    const QString self = QString::number(::getpid());
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[0] == "Z" && fields[1] == self.toLatin1())
            ++zombies;
    }
    return zombies;
}

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

private slots:
    void oneGigabyteOfBinaryKeptExactly();
    void hundredMegabyteLineKeepsMemoryBounded();
    void noZombieAfterThousandJobs();
    void threeHundredJobsUnderUlimit64();
    void fullDiskKeepsTheTailAndTheJob();
    void awkwardCommandLinesKeptExactly();
    void unreadableWorkingDirectory();
    void faultsEndOneJobAndTheOthersGoOn();
    void sigintToTheCliLeavesNothing();

private:
    QTemporaryDir m_dir;
};

void TestReliability::oneGigabyteOfBinaryKeptExactly()
{
    // 1 GiB of pseudo-random bytes (invalid UTF-8 throughout), also written to a file by tee.
    JobSpec spec = testutil::shell(QStringLiteral(
        "head -c 1073741824 /dev/urandom | tee produced.bin"));
    spec.workingDirectory = m_dir.path();
    Job job(1, spec, m_dir.filePath(QStringLiteral("run-1g")));
    const qint64 rssBefore = procdeck::ProcessSampler::residentKb();
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.record().stdoutBytes, qint64(1) << 30);
    QVERIFY(grewLessThan(rssBefore, 64 * 1024));
    QCryptographicHash kept(QCryptographicHash::Sha256);
    QCryptographicHash produced(QCryptographicHash::Sha256);
    QFile keptFile(job.record().stdoutPath);
    QFile producedFile(m_dir.filePath(QStringLiteral("produced.bin")));
    QVERIFY(keptFile.open(QIODevice::ReadOnly) && producedFile.open(QIODevice::ReadOnly));
    QVERIFY(kept.addData(&keptFile) && produced.addData(&producedFile));
    QCOMPARE(kept.result().toHex(), produced.result().toHex());
    keptFile.remove();
    producedFile.remove();
    QVERIFY(job.stdoutText().contains(QChar(0xFFFD))); // shown with replacements, never dropped
}

void TestReliability::hundredMegabyteLineKeepsMemoryBounded()
{
    JobSpec spec = testutil::shell(QStringLiteral("head -c 104857600 /dev/zero | tr '\\0' x; printf END"));
    constexpr qsizetype kTail = 64 * 1024;
    Job job(1, spec, m_dir.filePath(QStringLiteral("run-line")), kTail);
    const qint64 rssBefore = procdeck::ProcessSampler::residentKb();
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.record().stdoutBytes, qint64(104857600 + 3));
    QCOMPARE(job.record().stdoutLines, qint64(1));
    QVERIFY(grewLessThan(rssBefore, 64 * 1024));
    const QByteArray tail = job.stdoutLog().tail();
    QCOMPARE(tail.size(), kTail);
    QVERIFY(tail.endsWith("xxxEND")); // the tail shows the line's end
    QFile::remove(job.record().stdoutPath);
}

void TestReliability::noZombieAfterThousandJobs()
{
    Scheduler s;
    s.setMaxParallel(16);
    QSignalSpy idle(&s, &Scheduler::idle);
    QList<JobSpec> specs;
    for (int i = 0; i < 1000; ++i)
        specs << testutil::argv(QStringLiteral("true"));
    s.addBatch(specs);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.totals().succeeded, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(zombieChildren(), 0, 10000);
}

void TestReliability::threeHundredJobsUnderUlimit64()
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    const QString jsonl = m_dir.filePath(QStringLiteral("ulimit.jsonl"));
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"),
            QStringLiteral("ulimit -n 64 && exec '%1' --quiet -j 200 --export '%2' --template 'sleep 0.{}' --range 1..300")
                .arg(QStringLiteral(PROCDECK_CLI_PATH), jsonl)});
    QVERIFY(p.waitForFinished(kDeadlineMs));
    QCOMPARE(p.exitCode(), 0);
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    int finished = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty() && QJsonDocument::fromJson(line).object().value("state").toString() == QLatin1String("finished"))
            ++finished;
    QCOMPARE(finished, 300);
}

void TestReliability::fullDiskKeepsTheTailAndTheJob()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root; run the suite as root to try a full disk");
    const QString mountPoint = m_dir.filePath(QStringLiteral("small-disk"));
    QVERIFY(QDir().mkpath(mountPoint));
    if (::mount("tmpfs", mountPoint.toLocal8Bit().constData(), "tmpfs", 0, "size=256k") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here: %1").arg(QString::fromLocal8Bit(strerror(errno)))));
    auto unmount = qScopeGuard([&] { ::umount(mountPoint.toLocal8Bit().constData()); });
    // 2 MiB of numbered lines into a 256 KiB disk.
    Job job(1, testutil::shell(QStringLiteral("seq 1 300000")), mountPoint + QStringLiteral("/run"), 64 * 1024);
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished); // the job is not failed for it
    // The spill is written on a thread of its own, and the end waits for no disk: its error is
    // known once the output is written (beside the sanitized suites that came after the end).
    QTRY_VERIFY_WITH_TIMEOUT(job.outputWritten(), kDeadlineMs);
    QVERIFY(!job.stdoutLog().spillError().isEmpty());
    QVERIFY2(job.record().notes.contains(QLatin1String("No space left on device")), qPrintable(job.record().notes));
    QVERIFY(job.stdoutText().endsWith(QLatin1String("299999\n300000\n"))); // the tail is kept
    QCOMPARE(job.record().stdoutBytes, qint64(1988895)); // and counted exactly
}

void TestReliability::awkwardCommandLinesKeptExactly()
{
    const QString awkward = QStringLiteral("quote' \"double\" tab\there\nnewline 안녕 $HOME `x` \\");
    Job job(1, testutil::argv(QStringLiteral("printf"), {QStringLiteral("%s"), awkward}), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.stdoutText(), awkward);
    // The command line shown is one /bin/sh reads back to the same argv.
    Job again(2, testutil::shell(job.spec().commandLine()), QString());
    QVERIFY(testutil::runToEnd(again));
    QCOMPARE(again.stdoutText(), awkward);
}

void TestReliability::unreadableWorkingDirectory()
{
    // A directory its user may not enter. Root may enter any, so as root the CLI is run as
    // nobody (setpriv), which is how the suite runs in CI.
    QTemporaryDir top(QStringLiteral("/tmp/procdeck-perm-XXXXXX"));
    QVERIFY(top.isValid());
    QFile::setPermissions(top.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ReadOther | QFileDevice::ExeOther);
    const QString locked = top.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const QStringList cli = {QStringLiteral(PROCDECK_CLI_PATH), "--no-history", "--cwd", locked, "--shell", "true"};
    QProcess p;
    if (::geteuid() == 0) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root without setpriv: cannot try a directory without permission");
        p.start(QStringLiteral("setpriv"), QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", "--"} + cli);
    } else {
        p.start(cli.first(), cli.mid(1));
    }
    QVERIFY(p.waitForFinished(kDeadlineMs));
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    if (p.exitCode() == 127 || err.contains(QLatin1String("setpriv:")))
        QSKIP(qPrintable(QStringLiteral("cannot run as nobody here: %1").arg(err.trimmed())));
    QCOMPARE(p.exitCode(), 255);
    QVERIFY2(err.contains(QStringLiteral("--cwd: permission denied: '%1'").arg(locked)), qPrintable(err));
}

void TestReliability::faultsEndOneJobAndTheOthersGoOn()
{
    Scheduler s;
    s.setMaxParallel(1);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(testutil::shell(QStringLiteral("echo before")));
    Job *starved = s.add(testutil::shell(QStringLiteral("echo never")));
    Job *blind = s.add(testutil::shell(QStringLiteral("echo start; exec sleep 300")));
    s.add(testutil::shell(QStringLiteral("echo after")));
    blind->injectReadErrorForTesting();
    // The second start fails for good (EAGAIN would be a shortage: waited for, then run).
    connect(&s, &Scheduler::jobEnded, this, [](Job *job) {
        if (job->seq() == 1)
            JobProcess::injectStartFailureForTesting(EACCES);
    });
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(starved->state(), JobState::FailedToStart);
    QVERIFY(starved->error().contains(QLatin1String("Permission denied")));
    QCOMPARE(blind->state(), JobState::Failed);
    QVERIFY(blind->error().contains(QLatin1String("reading the job's output failed")));
    QVERIFY(testutil::groupGone(blind->pid()));
    QCOMPARE(s.jobAt(0)->state(), JobState::Finished);
    QCOMPARE(s.jobAt(3)->state(), JobState::Finished);
    QCOMPARE(s.jobAt(3)->stdoutText(), QStringLiteral("after\n"));
}

void TestReliability::sigintToTheCliLeavesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("sigint.jsonl"));
    const QString mark = m_dir.filePath(QStringLiteral("sigint.mark"));
    QProcess p;
    p.start(QStringLiteral(PROCDECK_CLI_PATH),
            {"--no-history", "--grace", "0.5", "--export", path, "--shell",
             QStringLiteral("trap '' TERM; sleep 300 & touch '%1'; sleep 300").arg(mark)});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), kDeadlineMs);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(kDeadlineMs));
    QCOMPARE(p.exitCode(), 1);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject row = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(row.value("state").toString(), QStringLiteral("killed"));
    QCOMPARE(row.value("signal").toString(), QStringLiteral("SIGKILL")); // it ignored SIGTERM
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(row.value("pid").toInteger()), kDeadlineMs);
}

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
