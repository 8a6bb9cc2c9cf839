#include "core/process/job.h"
#include "core/process/jobprocess.h"
#include "core/process/jobstart.h"
#include "core/process/processgroup.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "testutil.h"

using namespace procdeck;
using testutil::argv;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 20000; // generous: a loaded 2-core machine is slow, never this slow
} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private slots:
    void runCapturesOutput();
    void checkReturncode();
    void pollLoopSeesRunningThenExit();
    void timeoutKillsTheWholeTree();
    void timeoutMarkLeavesItRunning();
    void sigtermIgnoredMeansSigkillAfterGrace();
    void killEndsAsKilled();
    void leftoverGrandchildrenAreKilledButTheirOutputKept();
    void unmarkedEscapeeHoldingThePipesDoesNotHoldTheJob();
    void outputWrittenJustBeforeTheExitIsAllCounted();
    void crashRecordsTheSignal();
    void missingProgramFailsToStart();
    void badDirectoryFailsToStart();
    void standardInputAndEnvironment();
    void cp949SplitAcrossReadsComesOutWhole();
    void hundredMegabytesExactly();
    void injectedStartFailure();
    void injectedReadError();
    void queuedJobCanBeCancelled();
    void endingWaitsForNoDisk();
};

void TestJob::runCapturesOutput()
{
    Job job(1, shell(QStringLiteral("echo hi; echo oops >&2")), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    const JobRecord r = job.record();
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(job.stdoutText(), QStringLiteral("hi\n"));
    QCOMPARE(job.stderrText(), QStringLiteral("oops\n"));
    QCOMPARE(r.stdoutBytes, qint64(3));
    QCOMPARE(r.stderrBytes, qint64(5));
    QVERIFY(r.startedAt.isValid() && r.finishedAt >= r.startedAt);
    QVERIFY(r.pid > 0);
}

void TestJob::checkReturncode()
{
    Job job(1, shell(QStringLiteral("exit 3")), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Failed);
    QCOMPARE(job.record().exitCode, 3);
    QCOMPARE(job.record().signal, 0);
}

void TestJob::pollLoopSeesRunningThenExit()
{
    // Python: while proc.poll() is None: print('working…')
    Job job(1, argv(QStringLiteral("sleep"), {QStringLiteral("0.6")}), QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QCOMPARE(job.state(), JobState::Running);
    QTRY_VERIFY_WITH_TIMEOUT(job.record().startedAt.isValid(), kDeadlineMs);
    const qint64 first = job.elapsedMs();
    QTRY_VERIFY_WITH_TIMEOUT(job.elapsedMs() > first, kDeadlineMs); // elapsed grows while it runs
    QCOMPARE(job.state(), JobState::Running);
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Finished);
    const qint64 duration = job.elapsedMs();
    QVERIFY2(duration >= 600, qPrintable(QString::number(duration)));
    QCOMPARE(job.record().durationMs, duration); // frozen once ended
}

void TestJob::timeoutKillsTheWholeTree()
{
    JobSpec spec = shell(QStringLiteral("sleep 300 & sleep 300; wait"));
    spec.timeoutSeconds = 1;
    spec.graceSeconds = 1;
    Job job(1, spec, QString());
    QSignalSpy expired(&job, &Job::timeoutExpired);
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(expired.count(), 1);
    QCOMPARE(job.state(), JobState::TimedOut);
    QVERIFY(job.timedOut());
    QVERIFY(job.elapsedMs() >= 1000);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job.pid()), kDeadlineMs);
}

void TestJob::timeoutMarkLeavesItRunning()
{
    JobSpec spec = shell(QStringLiteral("sleep 1; echo survived"));
    spec.timeoutSeconds = 0.2;
    spec.timeoutAction = TimeoutAction::Mark;
    Job job(1, spec, QString());
    QSignalSpy expired(&job, &Job::timeoutExpired);
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QVERIFY(expired.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Running); // Python's TimeoutExpired leaves the child alone
    QVERIFY(job.timedOut());
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Finished);
    QVERIFY(job.record().timedOut);
    QCOMPARE(job.stdoutText(), QStringLiteral("survived\n"));
}

void TestJob::sigtermIgnoredMeansSigkillAfterGrace()
{
    // An ignored signal stays ignored across exec, so `sleep` ignores SIGTERM too.
    JobSpec spec = shell(QStringLiteral("trap '' TERM; echo ready; sleep 300"));
    spec.graceSeconds = 0.5;
    Job job(1, spec, QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QTRY_VERIFY_WITH_TIMEOUT(job.stdoutLog().totalBytes() > 0, kDeadlineMs); // the trap is set
    QElapsedTimer sinceKill;
    sinceKill.start();
    job.kill();
    QVERIFY(ended.wait(kDeadlineMs));
    QVERIFY2(sinceKill.elapsed() >= 450, qPrintable(QString::number(sinceKill.elapsed())));
    QCOMPARE(job.state(), JobState::Killed);
    QCOMPARE(job.record().signal, SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job.pid()), kDeadlineMs);
}

void TestJob::killEndsAsKilled()
{
    Job job(1, argv(QStringLiteral("sleep"), {QStringLiteral("30")}), QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    QTRY_VERIFY_WITH_TIMEOUT(job.pid() > 0, kDeadlineMs);
    job.kill();
    QVERIFY(ended.wait(kDeadlineMs));
    QCOMPARE(job.state(), JobState::Killed);
    QCOMPARE(job.record().signal, SIGTERM);
}

void TestJob::leftoverGrandchildrenAreKilledButTheirOutputKept()
{
    Job job(1, shell(QStringLiteral("(echo from-grandchild; exec sleep 300) & sleep 0.3; echo leader-done")), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.stdoutText(), QStringLiteral("from-grandchild\nleader-done\n"));
    QVERIFY2(job.record().notes.contains(QLatin1String("leftover")), qPrintable(job.record().notes));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job.pid()), kDeadlineMs);
}

void TestJob::unmarkedEscapeeHoldingThePipesDoesNotHoldTheJob()
{
    // Out of the group (setsid) and without the marker (env -i): the sweep cannot find it, and it
    // holds the pipes. The job ends anyway, a moment after its leader, with what came before.
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pid"));
    Job job(1, shell(QStringLiteral("env -i setsid sleep 3170 & echo $! > %1; echo done").arg(pidFile)), QString());
    QElapsedTimer clock;
    clock.start();
    QVERIFY(testutil::runToEnd(job, kDeadlineMs));
    const qint64 endedAfterMs = clock.elapsed();
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t escapee = pid_t(file.readAll().trimmed().toLongLong());
    QVERIFY(escapee > 0);
    ::kill(escapee, SIGKILL); // ours to clean up: nothing could find it
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.stdoutText(), QStringLiteral("done\n"));
    QVERIFY2(endedAfterMs < 10000, qPrintable(QString::number(endedAfterMs)));
}

void TestJob::outputWrittenJustBeforeTheExitIsAllCounted()
{
    // More than the pipes hold, on both streams, the leader exiting right after: every byte is
    // counted before the job ends, each stream apart.
    Job job(1, shell(QStringLiteral("head -c 3000001 /dev/zero; head -c 700003 /dev/zero >&2; printf x")), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.record().stdoutBytes, qint64(3000002));
    QCOMPARE(job.record().stderrBytes, qint64(700003));
    QVERIFY(job.stdoutLog().tail().endsWith('x'));
}

void TestJob::crashRecordsTheSignal()
{
    Job job(1, argv(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("kill -SEGV $$")}), QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Crashed);
    QCOMPARE(job.record().signal, SIGSEGV);
    QCOMPARE(job.record().exitCode, -1);
    QCOMPARE(processgroup::signalName(SIGSEGV), QStringLiteral("SIGSEGV"));
}

void TestJob::missingProgramFailsToStart()
{
    Job job(1, argv(QStringLiteral("procdeck-no-such-program")), QString());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Failed);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(job.state(), JobState::FailedToStart);
    QVERIFY2(job.error().contains(QLatin1String("procdeck-no-such-program")), qPrintable(job.error()));
    QVERIFY2(job.error().contains(QLatin1String("No such file or directory")), qPrintable(job.error()));
}

void TestJob::badDirectoryFailsToStart()
{
    JobSpec spec = argv(QStringLiteral("true"));
    spec.workingDirectory = QStringLiteral("/procdeck/no/such/dir");
    Job job(1, spec, QString());
    QCOMPARE(JobStart::run(job), Job::StartResult::Failed);
    QCOMPARE(job.state(), JobState::FailedToStart);
    QVERIFY2(job.error().contains(spec.workingDirectory), qPrintable(job.error()));
}

void TestJob::standardInputAndEnvironment()
{
    JobSpec spec = shell(QStringLiteral("cat; printf '|%s|' \"$PROCDECK_T\""));
    spec.standardInput = "fed through stdin\n";
    spec.environment = QStringList{QStringLiteral("PROCDECK_T=a=b c")};
    QTemporaryDir dir;
    spec.workingDirectory = dir.path();
    Job job(1, spec, QString());
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.stdoutText(), QStringLiteral("fed through stdin\n|a=b c|"));
    QCOMPARE(job.record().stdinBytes, qint64(18));
    QCOMPARE(job.record().cwd, dir.path());
}

void TestJob::cp949SplitAcrossReadsComesOutWhole()
{
    // 안녕 in CP949 is be c8 b3 e7: the first byte arrives alone, the rest 0.3 s later.
    JobSpec spec = shell(QStringLiteral("printf '\\276'; sleep 0.3; printf '\\310\\263\\347'"));
    spec.encoding = QStringLiteral("CP949");
    Job job(1, spec, QString());
    QSignalSpy output(&job, &Job::outputChanged);
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.stdoutText(), QStringLiteral("안녕"));
    QCOMPARE(job.record().stdoutBytes, qint64(4));
}

void TestJob::hundredMegabytesExactly()
{
    QTemporaryDir dir;
    constexpr qint64 kBytes = 100 * 1000 * 1000;
    constexpr qsizetype kTail = 256 * 1024;
    JobSpec spec = shell(QStringLiteral("head -c %1 /dev/urandom | tee produced.bin").arg(kBytes));
    spec.workingDirectory = dir.path();
    Job job(7, spec, dir.filePath(QStringLiteral("run")), kTail);
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Finished);
    QCOMPARE(job.record().stdoutBytes, kBytes);
    QCOMPARE(job.stdoutLog().tail().size(), kTail); // memory stays bounded
    job.sharedStdoutLog()->flush(); // the job ends before its writer has put all on disk
    QFile spill(job.record().stdoutPath);
    QVERIFY(spill.open(QIODevice::ReadOnly));
    QCOMPARE(spill.size(), kBytes);
    QCryptographicHash keptHash(QCryptographicHash::Sha256);
    QVERIFY(keptHash.addData(&spill));
    QFile produced(dir.filePath(QStringLiteral("produced.bin")));
    QVERIFY(produced.open(QIODevice::ReadOnly));
    QCryptographicHash producedHash(QCryptographicHash::Sha256);
    QVERIFY(producedHash.addData(&produced));
    QCOMPARE(keptHash.result(), producedHash.result());
}

void TestJob::injectedStartFailure()
{
    // Out of processes is "not now": the job stays queued, never having been Running.
    JobProcess::injectStartFailureForTesting(EAGAIN);
    Job waiting(1, argv(QStringLiteral("true")), QString());
    QSignalSpy waitingStates(&waiting, &Job::stateChanged);
    QCOMPARE(JobStart::run(waiting), Job::StartResult::NoResources);
    QCOMPARE(waiting.state(), JobState::Queued);
    QCOMPARE(waiting.startErrno(), EAGAIN);
    QCOMPARE(waitingStates.count(), 0);
    // Anything else is "never".
    JobProcess::injectStartFailureForTesting(EACCES);
    Job failing(1, argv(QStringLiteral("true")), QString());
    QCOMPARE(JobStart::run(failing), Job::StartResult::Failed);
    QCOMPARE(failing.state(), JobState::FailedToStart);
    QVERIFY2(failing.error().contains(QLatin1String("Permission denied")), qPrintable(failing.error()));
    Job next(2, argv(QStringLiteral("true")), QString()); // the fault was one-off
    QVERIFY(testutil::runToEnd(next));
    QCOMPARE(next.state(), JobState::Finished);
}

void TestJob::injectedReadError()
{
    Job job(1, shell(QStringLiteral("echo start; exec sleep 300")), QString());
    job.injectReadErrorForTesting();
    QVERIFY(testutil::runToEnd(job));
    QCOMPARE(job.state(), JobState::Failed);
    QVERIFY2(job.error().contains(QLatin1String("reading the job's output failed")), qPrintable(job.error()));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job.pid()), kDeadlineMs);
}

void TestJob::queuedJobCanBeCancelled()
{
    Job job(1, argv(QStringLiteral("true")), QString());
    QSignalSpy ended(&job, &Job::ended);
    job.kill();
    QCOMPARE(job.state(), JobState::Cancelled);
    QCOMPARE(ended.count(), 1);
    QVERIFY(!job.record().startedAt.isValid());
}

void TestJob::endingWaitsForNoDisk()
{
    // Issue 22.15: a job's end waited for the spill writer (the close of its files). The writer
    // is held here by a spill file that is a FIFO nobody reads (its open waits for a reader);
    // another job must end meanwhile, its complete output on disk once the writer is let go.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("job-000001.stdout")));
    QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
    Job holder(1, shell(QStringLiteral("echo held; exec sleep 30")), dir.path());
    QSignalSpy printed(&holder, &Job::outputChanged);
    QCOMPARE(JobStart::run(holder), Job::StartResult::Started);
    QVERIFY(printed.wait(kDeadlineMs)); // its file's open is queued: the writer waits in it
    std::mutex mutex;
    std::condition_variable wake;
    bool letGo = false;
    std::atomic<bool> released{false};
    int readEnd = -1;
    std::thread releaser([&] { // lets the writer go when told, or after a while (before: hung)
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait_for(lock, std::chrono::milliseconds(kDeadlineMs / 2), [&] { return letGo; });
        readEnd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        released = true;
    });
    Job job(2, shell(QStringLiteral("echo hello")), dir.path());
    QSignalSpy ended(&job, &Job::ended);
    QCOMPARE(JobStart::run(job), Job::StartResult::Started);
    const bool endedInTime = ended.wait(kDeadlineMs);
    const bool endedWhileHeld = !released;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        letGo = true;
    }
    wake.notify_one();
    releaser.join();
    QVERIFY(readEnd >= 0);
    QVERIFY(endedInTime);
    QVERIFY2(endedWhileHeld, "the job ended only once the spill writer was let go");
    QCOMPARE(job.state(), JobState::Finished);
    job.sharedStdoutLog()->flush(); // waits for the writer: the file is complete after it
    QVERIFY(job.outputWritten());
    QFile file(dir.filePath(QStringLiteral("job-000002.stdout")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("hello\n"));
    QCOMPARE(job.record().stdoutPath, file.fileName());
    QSignalSpy holderEnded(&holder, &Job::ended);
    holder.killNow();
    QVERIFY(holderEnded.wait(kDeadlineMs));
    holder.sharedStdoutLog()->flush(); // "held" went into the FIFO: its reader is still open
    ::close(readEnd);
}

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
