// --ssh-workers (issue 28.3): one ssh login per host for the whole run, procdeck-cli --worker
// there running the jobs; against the private sshd the fixture starts (services/sshd.sh).

#include "remotetest.h"
#include "testutil.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

/// Logins the fixture's sshd has accepted so far (its log says each).
int loginsAccepted(const QString &dir)
{
    QFile log(dir + QStringLiteral("/sshd.log"));
    if (!log.open(QIODevice::ReadOnly))
        return -1;
    return int(log.readAll().count("Accepted publickey"));
}

QList<QByteArray> sortedLines(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

class TestSshWorkers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twelveJobsOneLogin();
    void tenMegabytesExact();
    void timeoutAndKillLeaveNothing();
    void workerThatCannotStartSaysWhy();

private:
    QString login(int slotCount) const
    {
        return QStringLiteral("%1/ssh -F %2/ssh_config procdeck-a").arg(slotCount).arg(m_dir);
    }

    QString m_dir;
    QTemporaryDir m_tmp;
};

void TestSshWorkers::initTestCase()
{
    QString why;
    m_dir = remotetest::serviceDir("sshdworkers", &why);
    QVERIFY2(!m_dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
}

void TestSshWorkers::twelveJobsOneLogin()
{
    const QStringList job{QStringLiteral("echo host-{}; echo err-{} >&2; exit $(( {} % 3 ))"),
                          QStringLiteral(":::")};
    QStringList values;
    for (int i = 1; i <= 12; ++i)
        values << QString::number(i);
    const QString exportPath = m_tmp.filePath(QStringLiteral("twelve.jsonl"));
    const int before = loginsAccepted(m_dir);
    QVERIFY(before >= 0);
    const clitest::Result ours = remotetest::run(
            clitest::cliPath(),
            QStringList{QStringLiteral("--no-history"), QStringLiteral("--export"), exportPath,
                        QStringLiteral("-k"), QStringLiteral("--ssh-workers"),
                        QStringLiteral("-S"), login(2)}
                    + job + values);
    QCOMPARE(loginsAccepted(m_dir) - before, 1);
    const clitest::Result plain = remotetest::run(
            clitest::cliPath(),
            QStringList{QStringLiteral("--no-history"), QStringLiteral("-k"),
                        QStringLiteral("-S"), login(2)}
                    + job + values);
    QCOMPARE(ours.exitCode, 8);
    QCOMPARE(plain.exitCode, 8);
    QCOMPARE(ours.out, plain.out);
    QCOMPARE(sortedLines(ours.err), sortedLines(plain.err));
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 12);
    for (const QJsonObject &row : rows) {
        const int seq = row.value(QStringLiteral("seq")).toInt();
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), seq % 3);
        QCOMPARE(row.value(QStringLiteral("stderr")).toString(),
                 QStringLiteral("err-%1\n").arg(seq));
        QCOMPARE(row.value(QStringLiteral("executor")).toString(), QStringLiteral("ssh"));
        QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-a"));
    }
}

void TestSshWorkers::tenMegabytesExact()
{
    QByteArray bytes(10 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    QFile file(m_tmp.filePath(QStringLiteral("bytes")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            {QStringLiteral("--no-history"), QStringLiteral("--ssh-workers"), QStringLiteral("-S"),
             login(1), QStringLiteral("--shell"), QStringLiteral("cat ") + file.fileName()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out == bytes); // not QCOMPARE: 10 MB in a failure message
}

void TestSshWorkers::timeoutAndKillLeaveNothing()
{
    // A timeout ends the tree there (an escapee included) and the job is Timed out here.
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            {QStringLiteral("--no-history"), QStringLiteral("--ssh-workers"), QStringLiteral("-S"),
             login(1), QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--shell"),
             QStringLiteral("setsid sleep 3141 & sleep 3142")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Timed out"), r.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3141").isEmpty()
                                     && testutil::processesNamed("sleep 3142").isEmpty(),
                             20000);
    // procdeck-cli killed outright: its ssh's end is the worker's, which ends its jobs.
    QProcess cli;
    cli.start(clitest::cliPath(),
              {QStringLiteral("--no-history"), QStringLiteral("--ssh-workers"),
               QStringLiteral("-S"), login(1), QStringLiteral("--shell"),
               QStringLiteral("sleep 3143")});
    QTRY_VERIFY_WITH_TIMEOUT(!testutil::processesNamed("sleep 3143").isEmpty(), 30000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3143").isEmpty(), 20000);
    const QByteArray worker = QFileInfo(clitest::cliPath()).absoluteFilePath().toLocal8Bit()
            + " --worker";
    // Only the workers the test's sshd started: tst_worker runs the same program beside this.
    const QByteArray overSsh = "SSH_CONNECTION=127.0.0.1 ";
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed(worker, overSsh).isEmpty(), 20000);
}

void TestSshWorkers::workerThatCannotStartSaysWhy()
{
    // No worker there: the jobs were never started, Failed to start with the shell's words
    // (they read "Failed" with exit code 255 before).
    const QString exportPath = m_tmp.filePath(QStringLiteral("noworker.jsonl"));
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            {QStringLiteral("--no-history"), QStringLiteral("--export"), exportPath,
             QStringLiteral("--ssh-workers"), QStringLiteral("--worker-command"),
             QStringLiteral("/nonexistent/procdeck-cli"), QStringLiteral("-S"), login(2),
             QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("1"),
             QStringLiteral("2")});
    QCOMPARE(r.exitCode, 2);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 2);
    for (const QJsonObject &row : rows) {
        const QString error = row.value(QStringLiteral("error")).toString();
        QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("failed_to_start"));
        QVERIFY(row.value(QStringLiteral("exit_code")).isNull());
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/procdeck-cli")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestSshWorkers)
#include "tst_sshworkers.moc"
