// Issue 26.3 and 26.4 against the real procdeck-cli and procdeck-engine: --nice, any signal
// (--kill N --signal NAME) and who sent the one that ended a job.
#include "clitest.h"
#include "enginetest.h"
#include "nicetest.h"
#include "testutil.h"

#include "core/process/job.h"
#include "core/process/jobpriority.h"
#include "core/process/jobsignals.h"
#include "core/process/jobstart.h"
#include "core/process/proctable.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace clitest;
using enginetest::Home;
using nicetest::groupMembers;
using nicetest::WithoutSysNice;

namespace {

/// Job `n` of `home`'s engine as --status --json gives it.
QJsonObject jobOf(const Home &home, int n)
{
    for (const QJsonValue &job : home.status().value(QStringLiteral("jobs")).toArray())
        if (job.toObject().value(QStringLiteral("seq")).toInt() == n)
            return job.toObject();
    return {};
}

/// Waits for jobs `numbers` and returns their rows of a JSON Lines run log.
QList<QJsonObject> waitAndExport(const Home &home, const QStringList &numbers)
{
    const QString log = home.path("state") + QStringLiteral("/run.jsonl");
    home.cli(QStringList{QStringLiteral("--wait")} + numbers
             + QStringList{QStringLiteral("--export"), log});
    return readJsonLines(log);
}

} // namespace

class TestSignals : public QObject
{
    Q_OBJECT

private slots:
    void niceReachesEveryProcessAndTheExport();
    void signalNames_data();
    void signalNames();
    void usr1EndsASleepSentFromProcDeck();
    void trappedUsr1GoesOn();
    void stopPausesAndContResumes();
    void killFromOutsideIsNotProcDecks();
    void reniceReachesTheGrandchildren();
};

void TestSignals::reniceReachesTheGrandchildren()
{
    using procdeck::JobPriority;
    procdeck::Job job(1, testutil::shell(QStringLiteral("sh -c 'sleep 60; :'; :")), QString());
    QCOMPARE(procdeck::JobStart::run(job), procdeck::Job::StartResult::Started);
    QTRY_COMPARE_WITH_TIMEOUT(groupMembers(job.pid()).size(), 3, 20000); // sh, sh, sleep
    QCOMPARE(JobPriority::apply(&job, {7, JobPriority::IoClass::Idle, 0}), QString());
    for (pid_t pid : groupMembers(job.pid())) {
        QCOMPARE(::getpriority(PRIO_PROCESS, id_t(pid)), 7);
        constexpr int kWhoProcess = 1;
        QCOMPARE(int(::syscall(SYS_ioprio_get, kWhoProcess, pid)) >> 13, 3); // the idle class
    }
    QCOMPARE(job.record().nice, 7);
    {
        // Lower than it is, without the right to: refused, with the system's reason.
        const WithoutSysNice person;
        QVERIFY(person.ok);
        const QString refused = JobPriority::apply(&job, {-5});
        QVERIFY2(refused.startsWith(QStringLiteral("Job 1 keeps its priority: niceness -5 was "
                                                   "refused — Permission denied.")),
                 qPrintable(refused));
    }
    QCOMPARE(job.record().nice, 7);
    QCOMPARE(::getpriority(PRIO_PROCESS, id_t(job.pid())), 7);
    QSignalSpy ended(&job, &procdeck::Job::ended);
    job.kill();
    QVERIFY(ended.wait(20000));
}

void TestSignals::signalNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // 0: refused
    QTest::newRow("USR1") << "USR1" << int(SIGUSR1);
    QTest::newRow("SIGUSR1") << "SIGUSR1" << int(SIGUSR1);
    QTest::newRow("lower case") << "hup" << int(SIGHUP);
    QTest::newRow("sigwinch") << "sigwinch" << int(SIGWINCH);
    QTest::newRow("number") << "10" << 10;
    QTest::newRow("realtime number") << QString::number(SIGRTMAX) << int(SIGRTMAX);
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("too big") << QString::number(SIGRTMAX + 1) << 0;
    QTest::newRow("unknown") << "FOO" << 0;
    QTest::newRow("SIG alone") << "SIG" << 0;
}

void TestSignals::signalNames()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    int sig = 0;
    QString error;
    QCOMPARE(procdeck::JobSignals::parse(text, &sig, &error), expected != 0);
    QCOMPARE(sig, expected);
    QCOMPARE(error.isEmpty(), expected != 0);
}

void TestSignals::usr1EndsASleepSentFromProcDeck()
{
    Home home;
    QCOMPARE(home.cli({"--detach", "--shell", "sleep 60"}).out, QByteArray("1\n"));
    QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), 20000);
    const Result sent = home.cli({"--kill", "1", "--signal", "USR1"});
    QVERIFY2(sent.exitCode == 0, sent.err.constData());
    const QList<QJsonObject> rows = waitAndExport(home, {"1"});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("signal").toString(), QStringLiteral("SIGUSR1"));
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("killed"));
    // The sleep the same USR1 is ending is no leftover, however late it runs to die of it
    // (tst_jobtree aMemberDyingOfTheGroupsSignalIsNoLeftover makes that moment last).
    QCOMPARE(rows[0].value("notes").toString(),
             QStringLiteral("ended by SIGUSR1 — sent from ProcDeck"));
}

void TestSignals::trappedUsr1GoesOn()
{
    Home home;
    const QString ready = home.path("state") + QStringLiteral("/ready");
    home.cli({"--detach", "--shell",
              QStringLiteral("trap 'echo got' USR1; touch %1; while :; do sleep 0.1; done").arg(ready)});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 20000); // its trap is set
    QProcess follower;
    home.start(follower, {"--follow", "1"});
    QCOMPARE(home.cli({"--kill", "1", "--signal", "SIGUSR1"}).exitCode, 0);
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += follower.readAllStandardOutput()).contains("got\n"), 20000);
    QCOMPARE(home.stateOf(1), QStringLiteral("running")); // it went on
    QCOMPARE(home.cli({"--kill", "1"}).exitCode, 0);
    finish(follower);
    QCOMPARE(home.stateOf(1), QStringLiteral("killed"));
}

void TestSignals::stopPausesAndContResumes()
{
    Home home;
    home.cli({"--detach", "--shell", "sleep 60"});
    QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), 20000);
    QCOMPARE(home.cli({"--kill", "1", "--signal", "STOP"}).exitCode, 0);
    QCOMPARE(home.stateOf(1), QStringLiteral("paused")); // the answer comes once it is
    QCOMPARE(home.cli({"--kill", "1", "--signal", "19"}).exitCode, 0); // again: nothing new
    QCOMPARE(home.cli({"--kill", "1", "--signal", "cont"}).exitCode, 0);
    QCOMPARE(home.stateOf(1), QStringLiteral("running"));
    const Result bad = home.cli({"--kill", "1", "--signal", "NOPE"});
    QCOMPARE(bad.exitCode, 255);
    QVERIFY2(bad.err.contains("not a signal: 'NOPE'"), bad.err.constData());
    QCOMPARE(home.cli({"--kill", "1"}).exitCode, 0);
    home.cli({"--wait", "1"});
}

void TestSignals::killFromOutsideIsNotProcDecks()
{
    Home home;
    home.cli({"--detach", "--shell", "exec sleep 60"}); // the leader is the sleep: nothing left
    QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), 20000);
    const qint64 pid = jobOf(home, 1).value("pid").toInteger();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    const QList<QJsonObject> rows = waitAndExport(home, {"1"});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("crashed"));
    QCOMPARE(rows[0].value("signal").toString(), QStringLiteral("SIGKILL"));
    // No memory ran short here: the out-of-memory killer is not named.
    QCOMPARE(rows[0].value("notes").toString(), QStringLiteral("ended by SIGKILL — not sent by ProcDeck"));
}

void TestSignals::niceReachesEveryProcessAndTheExport()
{
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("run.jsonl"));
    // The job's shell, then its child shell: each says its own niceness.
    const Result r = runCli({QStringLiteral("--nice"), QStringLiteral("10"),
                             QStringLiteral("--export"), log, QStringLiteral("--shell"),
                             QStringLiteral("ps -o ni= -p $$; sh -c 'ps -o ni= -p $$'")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.simplified(), QByteArray("10 10"));
    const QList<QJsonObject> rows = readJsonLines(log);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QLatin1String("nice")).toInt(-99), 10);
}

QTEST_GUILESS_MAIN(TestSignals)
#include "tst_signals.moc"
