// How ssh jobs end and pause (issue 23), against the sshd of the ctest fixture
// services_sshd_start: the remote wrapper marks the job's processes and sweeps them as ProcDeck
// does here, says the signal that ended the command, and stops and continues the job there.
// PROCDECK_TEST_CLI runs the procdeck-cli ones against another build (the "before").
#include "remotetest.h"
#include "testutil.h"

#include "core/scheduling/scheduler.h"
#include "core/types/sshlogin.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace procdeck;

class TestSshEnds : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void escapeeOfATimedOutJobIsEnded();
    void leftoverOfAFinishedJobIsKilledAtOnce();
    void signalThatEndedTheCommand();
    void pauseStopsTheRemoteTree();

private:
    QString login() const { return QStringLiteral("ssh -F %1/ssh_config procdeck-a").arg(m_dir); }
    QProcess *startCli(const QStringList &args)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        p->setProcessEnvironment(env);
        const QString cli = qEnvironmentVariable("PROCDECK_TEST_CLI", clitest::cliPath());
        p->start(cli, QStringList{QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                                  QStringLiteral("-S"), login()} + args);
        return p;
    }
    /// Runs one shell line there, to its end; the export's only row.
    QJsonObject runOne(const QStringList &options, const QString &line)
    {
        const QString path = m_tmp.filePath(QStringLiteral("%1.jsonl").arg(++m_runs));
        QProcess *cli = startCli(options + QStringList{QStringLiteral("--export"), path,
                                                       QStringLiteral("--shell"), line});
        // Generous: ssh's connection is not ours to bound; a job held open by its leftover
        // (the 'before') takes as long as the leftover sleeps.
        if (!cli->waitForFinished(60000)) {
            cli->kill();
            cli->waitForFinished();
            return {};
        }
        const QList<QJsonObject> rows = clitest::readJsonLines(path);
        return rows.size() == 1 ? rows.first() : QJsonObject();
    }

    QString m_dir;
    QTemporaryDir m_tmp;
    int m_runs = 0;
};

void TestSshEnds::initTestCase()
{
    QString why;
    m_dir = remotetest::serviceDir("sshd", &why);
    QVERIFY2(!m_dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
}

void TestSshEnds::escapeeOfATimedOutJobIsEnded()
{
    // `setsid` leaves the wrapper's group; its marker goes with it, and the wrapper's sweep
    // finds it when the connection goes (it ran on for good before).
    const QJsonObject row = runOne({QStringLiteral("--timeout"), QStringLiteral("2")},
                                   QStringLiteral("setsid sleep 3571 & sleep 3581; wait"));
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("timed_out"));
    // What is asserted is that they end, not how fast a loaded machine lets the sweep run.
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3581").isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3571").isEmpty(), 30000);
}

void TestSshEnds::leftoverOfAFinishedJobIsKilledAtOnce()
{
    // The command has ended; what it left running is killed at once, as here, instead of
    // holding the session (and the job) open until it ends by itself.
    const QJsonObject row = runOne({}, QStringLiteral("setsid sleep 3572 & sleep 0.2; echo hi"));
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(row.value(QStringLiteral("stdout")).toString(), QStringLiteral("hi\n"));
    QVERIFY(testutil::processesNamed("sleep 3572").isEmpty());
}

void TestSshEnds::signalThatEndedTheCommand()
{
    const QJsonObject row = runOne({}, QStringLiteral("kill -9 $$"));
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("crashed"));
    QCOMPARE(row.value(QStringLiteral("signal")).toString(), QStringLiteral("SIGKILL"));
    QVERIFY(row.value(QStringLiteral("exit_code")).isNull());
    const QJsonObject plain = runOne({}, QStringLiteral("exit 137")); // a status, no signal
    QCOMPARE(plain.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(plain.value(QStringLiteral("exit_code")).toInt(), 137);
}

void TestSshEnds::pauseStopsTheRemoteTree()
{
    // SIGSTOP to the local ssh stopped ssh and not the job. Paused once the job's processes
    // there are stopped; running again once they are continued.
    const QString pidFile = m_tmp.filePath(QStringLiteral("remote.pid"));
    Scheduler scheduler;
    RunOn runOn;
    runOn.where = RunOn::Where::SshHosts;
    QString error;
    QVERIFY2(SshLogin::parseList(login(), &runOn.sshLogins, &error), qPrintable(error));
    scheduler.setRunOn(runOn);
    Job *job = scheduler.add(testutil::shell(
        QStringLiteral("sleep 3573 & echo $! > %1; wait").arg(pidFile)));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::pidInFile(pidFile) > 0, 30000);
    const qint64 pid = testutil::pidInFile(pidFile);
    QVERIFY(scheduler.pause(job));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Paused, 30000);
    QCOMPARE(testutil::processState(pid), 'T');
    QVERIFY(scheduler.resume(job));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, 30000);
    QVERIFY(testutil::processState(pid) != 'T');
    scheduler.kill(job);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), 30000);
    QCOMPARE(job->state(), JobState::Killed);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3573").isEmpty(), 10000);
}

QTEST_GUILESS_MAIN(TestSshEnds)
#include "tst_sshends.moc"
