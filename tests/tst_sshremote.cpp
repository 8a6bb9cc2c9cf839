// Jobs on ssh logins (issue 16) against a real sshd on 127.0.0.1 that the ctest fixture
// services_sshd_start starts (its own keys and config in a temp dir), compared with GNU
// parallel's -S on the same login and with the same jobs run here.
#include "remotetest.h"
#include "testutil.h"

#include "core/history/history.h"
#include "core/remote/hostslots.h"
#include "core/scheduling/scheduler.h"
#include "core/types/sshlogin.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace procdeck;

class TestSshRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loginSyntax_data();
    void loginSyntax();
    void loginSyntaxErrors_data();
    void loginSyntaxErrors();
    void twelveJobsAsParallel();
    void stdoutAndStderrApart();
    void spreadOverLogins();
    void timeoutLeavesNothingRemote();
    void killedProcDeckLeavesNothingRemote();
    void unreachableLoginFailsFast();
    void retryMovesToAnotherLogin();
    void retryMovesToAnotherLoginFromTheCli();
    void batchesRunSideBySide();

private:
    QString login(const QString &host, int slotCount = 0) const
    {
        const QString text = QStringLiteral("ssh -F %1/ssh_config %2").arg(m_dir, host);
        return slotCount > 0 ? QStringLiteral("%1/%2").arg(slotCount).arg(text) : text;
    }

    QString m_dir;
    QTemporaryDir m_tmp;
};

void TestSshRemote::initTestCase()
{
    QString why;
    m_dir = remotetest::serviceDir("sshd", &why);
    QVERIFY2(!m_dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
}

void TestSshRemote::loginSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<SshLogin>>("expected");
    // The ssh command is shell text, as written (GNU parallel gives it to a shell).
    const auto l = [](int n, QString ssh, QString host) {
        SshLogin x;
        x.slotCount = n;
        x.sshCommand = ssh;
        x.ownSsh = !ssh.isEmpty() && ssh != QLatin1String("ssh");
        x.host = host;
        return x;
    };
    const QString ssh = QStringLiteral("ssh");
    QTest::newRow("host") << "build1" << QList<SshLogin>{l(0, ssh, "build1")};
    QTest::newRow("user@host") << "me@build1" << QList<SshLogin>{l(0, ssh, "me@build1")};
    QTest::newRow("slots and command") << "4/ssh -p 2222 me@build1"
                                       << QList<SshLogin>{l(4, "ssh -p 2222", "me@build1")};
    QTest::newRow("this computer") << ":" << QList<SshLogin>{l(0, {}, {})};
    QTest::newRow("this computer, 2 slots") << "2/:" << QList<SshLogin>{l(2, {}, {})};
    QTest::newRow("comma-separated") << "2/a,:,ssh -l me b"
                                     << QList<SshLogin>{l(2, ssh, "a"), l(0, {}, {}), l(0, "ssh -l me", "b")};
    QTest::newRow("quoted option") << "ssh -o 'ProxyCommand=nc %h %p' c"
                                   << QList<SshLogin>{l(0, "ssh -o 'ProxyCommand=nc %h %p'", "c")};
    QTest::newRow("eval, spaces") << "eval  ssh   -p 2  host"
                                  << QList<SshLogin>{l(0, "eval  ssh   -p 2", "host")};
}

void TestSshRemote::loginSyntax()
{
    QFETCH(QString, text);
    QFETCH(QList<SshLogin>, expected);
    QList<SshLogin> logins;
    QString error;
    QVERIFY2(SshLogin::parseList(text, &logins, &error), qPrintable(error));
    QCOMPARE(logins, expected);
}

void TestSshRemote::loginSyntaxErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("zero slots") << "0/host" << "'0/host': the number of slots before '/' must be at least 1";
    QTest::newRow("no host") << "3/" << "'3/': no host";
    QTest::newRow("option last") << "ssh -p" << "'ssh -p': the last word must be the host, not the option '-p'";
    QTest::newRow("quote") << "ssh -o 'x host" << "unterminated single quote in 'ssh -o 'x host'";
}

void TestSshRemote::loginSyntaxErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QList<SshLogin> logins;
    QString error;
    QVERIFY(!SshLogin::parseList(text, &logins, &error));
    QCOMPARE(error, message);
    // And from procdeck-cli, on one line naming the option.
    const clitest::Result r = clitest::runCli({QStringLiteral("--no-history"), QStringLiteral("-S"), text,
                                               QStringLiteral("--shell"), QStringLiteral("true")});
    QCOMPARE(r.exitCode, 255);
    QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("procdeck-cli: --sshlogin: %1\n").arg(message));
}

void TestSshRemote::twelveJobsAsParallel()
{
    // Issue 16: 12 jobs at 2 slots on one login; exit status 8 as GNU parallel's, the output and
    // exit codes of the same jobs run here, and executor/host in the export.
    const QStringList job{QStringLiteral("echo host-{}; exit $(( {} % 3 ))"), QStringLiteral(":::")};
    QStringList values;
    for (int i = 1; i <= 12; ++i)
        values << QString::number(i);
    const QString exportPath = m_tmp.filePath(QStringLiteral("twelve.jsonl"));
    const QStringList sshArgs = QStringList{QStringLiteral("-k"), QStringLiteral("-S"), login(QStringLiteral("procdeck-a"), 2)} + job + values;

    const clitest::Result parallel = remotetest::run(QStringLiteral("parallel"), sshArgs);
    QCOMPARE(parallel.exitCode, 8);
    const clitest::Result ours = remotetest::run(clitest::cliPath(),
                                                 QStringList{QStringLiteral("--no-history"), QStringLiteral("--export"), exportPath} + sshArgs);
    QCOMPARE(ours.exitCode, 8);
    QCOMPARE(ours.out, parallel.out);
    const clitest::Result here = remotetest::run(clitest::cliPath(),
                                                 QStringList{QStringLiteral("--no-history"), QStringLiteral("-k")} + job + values);
    QCOMPARE(here.exitCode, 8);
    QCOMPARE(ours.out, here.out);
    // What it says of the failures comes as they end: the same lines, in another order.
    const auto sortedLines = [](const QByteArray &text) {
        QList<QByteArray> lines = text.split('\n');
        std::sort(lines.begin(), lines.end());
        return lines;
    };
    QCOMPARE(sortedLines(ours.err), sortedLines(here.err));

    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 12);
    for (const QJsonObject &row : rows) {
        const int seq = row.value(QStringLiteral("seq")).toInt();
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), seq % 3);
        QCOMPARE(row.value(QStringLiteral("stdout")).toString(), QStringLiteral("host-%1\n").arg(seq));
        QCOMPARE(row.value(QStringLiteral("executor")).toString(), QStringLiteral("ssh"));
        QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-a"));
        QVERIFY(row.value(QStringLiteral("slurm_job_id")).isNull());
    }
}

void TestSshRemote::stdoutAndStderrApart()
{
    const QString exportPath = m_tmp.filePath(QStringLiteral("apart.jsonl"));
    const clitest::Result r = remotetest::run(
        clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"), QStringLiteral("--export"), exportPath,
                             QStringLiteral("--sshlogin"), login(QStringLiteral("procdeck-b"), 1), QStringLiteral("--env"),
                             QStringLiteral("GREETING=it's here"), QStringLiteral("--shell"),
                             QStringLiteral("echo \"$GREETING\"; echo to-stderr >&2; exit 4")});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("stdout")).toString(), QStringLiteral("it's here\n"));
    QCOMPARE(rows[0].value(QStringLiteral("stderr")).toString(), QStringLiteral("to-stderr\n"));
    QCOMPARE(rows[0].value(QStringLiteral("exit_code")).toInt(), 4);
    QCOMPARE(rows[0].value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-b"));
}

void TestSshRemote::spreadOverLogins()
{
    // Two logins and this computer, with a slot each: every one of them gets jobs.
    const QString exportPath = m_tmp.filePath(QStringLiteral("spread.jsonl"));
    const clitest::Result r = remotetest::run(
        clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"), QStringLiteral("--export"), exportPath,
                             QStringLiteral("-S"), login(QStringLiteral("procdeck-a"), 1) + QStringLiteral(",1/:"),
                             QStringLiteral("-S"), login(QStringLiteral("procdeck-b"), 1), QStringLiteral("--template"),
                             QStringLiteral("sleep 0.5; echo {}"), QStringLiteral("--range"), QStringLiteral("1..6")});
    QCOMPARE(r.exitCode, 0);
    QMap<QString, int> perHost;
    QSet<QString> executors;
    for (const QJsonObject &row : clitest::readJsonLines(exportPath)) {
        ++perHost[row.value(QStringLiteral("host")).toString()];
        executors << row.value(QStringLiteral("executor")).toString();
    }
    QCOMPARE(perHost.size(), 3);
    QVERIFY(perHost.contains(QStringLiteral("procdeck-a")));
    QVERIFY(perHost.contains(QStringLiteral("procdeck-b")));
    QCOMPARE(executors, (QSet<QString>{QStringLiteral("ssh"), QStringLiteral("local")}));
}

void TestSshRemote::timeoutLeavesNothingRemote()
{
    // The remote wrapper ends its process group when the connection goes: the background sleep
    // too, which ssh alone would leave running on the host.
    const QByteArray first = "sleep 3161";
    const QByteArray second = "sleep 3162";
    QProcess cli;
    // The timeout must outlast ssh's own start-up on a loaded machine (seen past 3 s): the test
    // bounds the timeout's work, not how fast sshd lets a login in.
    cli.start(clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"), QStringLiteral("--timeout"),
                                    QStringLiteral("15"), QStringLiteral("--grace"), QStringLiteral("1"), QStringLiteral("-S"),
                                    login(QStringLiteral("procdeck-a"), 1), QStringLiteral("--shell"),
                                    QStringLiteral("sleep 3161 & sleep 3162; wait")});
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed(first).size() == 1 && testutil::processesNamed(second).size() == 1, 20000);
    const clitest::Result r = clitest::finish(cli);
    QCOMPARE(r.exitCode, 1);
    QElapsedTimer gone;
    gone.start();
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed(first).isEmpty() && testutil::processesNamed(second).isEmpty(), 5000);
    qInfo("remote processes gone %lld ms after procdeck-cli exited", gone.elapsed());
}

void TestSshRemote::killedProcDeckLeavesNothingRemote()
{
    // kill -9 of procdeck-cli: its guardian ends the local ssh, and the wrapper the remote tree.
    const QByteArray remote = "sleep 3163";
    QProcess cli;
    cli.start(clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"), QStringLiteral("-S"),
                                    login(QStringLiteral("procdeck-b"), 1), QStringLiteral("--shell"),
                                    QStringLiteral("sleep 3163; true")});
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed(remote).size() == 1, 20000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed(remote).isEmpty(), 5000);
}

void TestSshRemote::unreachableLoginFailsFast()
{
    // Nobody listens on that port: the job fails with ssh's own message, and at once. No N/: the
    // CPU count is asked first, which fails the same way.
    const QString exportPath = m_tmp.filePath(QStringLiteral("unreachable.jsonl"));
    QElapsedTimer clock;
    clock.start();
    const clitest::Result r = remotetest::run(
        clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"), QStringLiteral("--export"), exportPath,
                             QStringLiteral("-S"), login(QStringLiteral("procdeck-unreachable")), QStringLiteral("--shell"),
                             QStringLiteral("echo never")});
    const qint64 ms = clock.elapsed();
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(ms < 8000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(rows[0].value(QStringLiteral("exit_code")).toInt(), 255);
    const QString error = rows[0].value(QStringLiteral("error")).toString();
    // The host, not the whole ssh command with its options (issue 23.12).
    QVERIFY2(error.startsWith(QStringLiteral("ssh to procdeck-unreachable failed: ssh: connect to host 127.0.0.1 port "))
                 && error.endsWith(QStringLiteral("Connection refused")),
             qPrintable(error));
    QVERIFY(!rows[0].value(QStringLiteral("stdout")).toString().contains(QStringLiteral("never")));
    qInfo("unreachable login: failed after %lld ms", ms);
}

void TestSshRemote::retryMovesToAnotherLogin()
{
    // A retry is a new Job (issue 13); the logins its tries ran on are kept under the first
    // try's number, so the second try goes to the login the first did not fail on. The
    // unreachable login comes first with a known slot count: the first try is sure to go there.
    RunOn runOn;
    runOn.where = RunOn::Where::SshHosts;
    QString error;
    QVERIFY2(SshLogin::parseList(QStringLiteral("1/%1,%2").arg(login(QStringLiteral("procdeck-unreachable")),
                                                                login(QStringLiteral("procdeck-a"), 1)),
                                 &runOn.sshLogins, &error),
             qPrintable(error));
    Scheduler scheduler;
    scheduler.setRunOn(runOn);
    History history; // each try is a row of its own, with the host it ran on
    QVERIFY2(history.open(m_tmp.filePath(QStringLiteral("retry-history.sqlite")), &error), qPrintable(error));
    history.attach(&scheduler);
    JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = QStringLiteral("echo moved");
    spec.retries = 2;
    scheduler.addBatch({spec});
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.count() == 2 && scheduler.isIdle(), 30000);

    const JobRecord first = scheduler.jobAt(0)->record();
    const JobRecord second = scheduler.jobAt(1)->record();
    QCOMPARE(first.state, JobState::Failed);
    QCOMPARE(first.exitCode, 255);
    QCOMPARE(first.executor, QStringLiteral("ssh"));
    QCOMPARE(first.host, QStringLiteral("procdeck-unreachable"));
    QVERIFY2(first.error.contains(QStringLiteral("Connection refused")), qPrintable(first.error));
    QCOMPARE(scheduler.jobAt(0)->retriedAs(), scheduler.jobAt(1)->seq());
    QCOMPARE(second.state, JobState::Finished);
    QCOMPARE(second.attempts, 2);
    QCOMPARE(second.executor, QStringLiteral("ssh"));
    QCOMPARE(second.host, QStringLiteral("procdeck-a"));
    QCOMPARE(scheduler.jobAt(1)->stdoutText(), QStringLiteral("moved\n"));
    QVERIFY(history.waitForWrites(30000));
    const QList<HistoryEntry> rows = history.recent(5);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].record.host, QStringLiteral("procdeck-unreachable")); // newest first
    QCOMPARE(rows[1].record.executor, QStringLiteral("ssh"));
    QCOMPARE(rows[1].stateKey, QStringLiteral("failed"));
    QCOMPARE(rows[0].record.host, QStringLiteral("procdeck-a"));
    QCOMPARE(rows[0].stateKey, QStringLiteral("finished"));
    qInfo("the first try failed on the unreachable login in %lld ms; the retry started on the other one %lld ms later",
          scheduler.jobAt(0)->elapsedMs(), first.finishedAt.msecsTo(second.startedAt));
}

void TestSshRemote::retryMovesToAnotherLoginFromTheCli()
{
    // The same with procdeck-cli --retries 2: it ends well, on the reachable login, at the 2nd try.
    const QString exportPath = m_tmp.filePath(QStringLiteral("retry.jsonl"));
    const clitest::Result r = remotetest::run(
        clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--export"), exportPath, QStringLiteral("--retries"),
                             QStringLiteral("2"), QStringLiteral("-S"), QStringLiteral("1/") + login(QStringLiteral("procdeck-unreachable")),
                             QStringLiteral("-S"), login(QStringLiteral("procdeck-b"), 1), QStringLiteral("--shell"),
                             QStringLiteral("echo moved")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("moved\n"));
    QVERIFY2(r.err.contains("ended failed (attempt 1 of 2); trying again"), r.err.constData());
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1); // as GNU parallel: the last try
    QCOMPARE(rows[0].value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(rows[0].value(QStringLiteral("attempts")).toInt(), 2);
    QCOMPARE(rows[0].value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-b"));
}

void TestSshRemote::batchesRunSideBySide()
{
    // Where jobs run is each batch's: a batch here and a batch on a login at once. -j 1 holds the
    // jobs here; the login's 2 slots take its jobs whatever -j says.
    RunOn ssh;
    ssh.where = RunOn::Where::SshHosts;
    QString error;
    QVERIFY2(SshLogin::parseList(login(QStringLiteral("procdeck-a"), 2), &ssh.sshLogins, &error), qPrintable(error));
    Scheduler scheduler;
    scheduler.setMaxParallel(1);
    QList<JobSpec> specs;
    for (int i = 1; i <= 2; ++i) {
        JobSpec spec;
        spec.useShell = true;
        spec.shellCommand = QStringLiteral("sleep 2; echo %1").arg(i);
        specs << spec;
    }
    const int hereBatch = scheduler.addBatch(specs);
    const int sshBatch = scheduler.addBatch(specs, {}, ssh);
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.runningCount() == 3, 20000); // 1 here, 2 on the login
    QCOMPARE(scheduler.hostSlots().count(), 1);
    QCOMPARE(scheduler.hostSlots().busy(0), 2);
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.isIdle(), 30000);
    QCOMPARE(scheduler.count(), 4);
    for (int i = 0; i < scheduler.count(); ++i) {
        const Job *job = scheduler.jobAt(i);
        const JobRecord r = job->record();
        QCOMPARE(r.state, JobState::Finished);
        const bool onSsh = job->batchId() == sshBatch;
        QVERIFY(onSsh || job->batchId() == hereBatch);
        QCOMPARE(r.executor, onSsh ? QStringLiteral("ssh") : QStringLiteral("local"));
        QCOMPARE(scheduler.runOnOf(job).where, onSsh ? RunOn::Where::SshHosts : RunOn::Where::ThisComputer);
        if (onSsh)
            QCOMPARE(r.host, QStringLiteral("procdeck-a"));
    }
    QCOMPARE(scheduler.runOn().where, RunOn::Where::ThisComputer); // the default is untouched
}

QTEST_GUILESS_MAIN(TestSshRemote)
#include "tst_sshremote.moc"
