// Jobs on a Slurm cluster (issue 16) against a real one-node cluster (munged, slurmctld, slurmd
// with a generated slurm.conf) that the ctest fixture services_slurm_start starts on this machine.
#include "remotetest.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

class TestSlurmRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void exitCodesAsSlurmSays();
    void timeoutLeavesQueueEmpty();
    void killedProcDeckLeavesQueueEmpty();

private:
    /// What squeue lists (every state but ended ones), one job a line.
    QByteArray queue() const
    {
        return remotetest::run(QStringLiteral("squeue"), {QStringLiteral("--noheader"), QStringLiteral("--format=%i %j %T")},
                               m_conf)
            .out;
    }
    QProcess *startCli(const QStringList &args)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLURM_CONF"), m_conf);
        p->setProcessEnvironment(env);
        p->start(clitest::cliPath(), QStringList{QStringLiteral("--no-history"), QStringLiteral("--quiet")} + args);
        return p;
    }

    QString m_conf;
    QTemporaryDir m_tmp;
};

void TestSlurmRemote::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    m_conf = dir + QStringLiteral("/slurm.conf");
    QVERIFY(m_tmp.isValid());
}

void TestSlurmRemote::init()
{
    QTRY_COMPARE_WITH_TIMEOUT(queue(), QByteArray(), 10000); // nothing of an earlier test
}

void TestSlurmRemote::exitCodesAsSlurmSays()
{
    const QString exportPath = m_tmp.filePath(QStringLiteral("codes.jsonl"));
    QProcess *cli = startCli({QStringLiteral("--slurm"), QStringLiteral("--slurm-args"), QStringLiteral("--ntasks=1 --cpus-per-task=1"),
                              QStringLiteral("--export"), exportPath, QStringLiteral("-j"), QStringLiteral("4"),
                              QStringLiteral("--template"), QStringLiteral("exit {}"), QStringLiteral("--range"), QStringLiteral("0..3")});
    const clitest::Result r = clitest::finish(*cli);
    QCOMPARE(r.exitCode, 3);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 4);
    QSet<QString> ids;
    for (const QJsonObject &row : rows) {
        const int seq = row.value(QStringLiteral("seq")).toInt();
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), seq - 1);
        QCOMPARE(row.value(QStringLiteral("executor")).toString(), QStringLiteral("slurm"));
        QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-node"));
        const QString id = row.value(QStringLiteral("slurm_job_id")).toString();
        bool numeric = false;
        id.toInt(&numeric);
        QVERIFY2(numeric, qPrintable(id));
        ids << id;
    }
    QCOMPARE(ids.size(), 4);
}

void TestSlurmRemote::timeoutLeavesQueueEmpty()
{
    const QString exportPath = m_tmp.filePath(QStringLiteral("timeout.jsonl"));
    QProcess *cli = startCli({QStringLiteral("--slurm"), QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--grace"),
                              QStringLiteral("1"), QStringLiteral("--export"), exportPath, QStringLiteral("--shell"),
                              QStringLiteral("sleep 3171")});
    QTRY_VERIFY_WITH_TIMEOUT(queue().contains(" RUNNING"), 20000);
    const clitest::Result r = clitest::finish(*cli);
    QCOMPARE(r.exitCode, 1);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(queue(), QByteArray(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3171").isEmpty(), 5000);
    qInfo("squeue empty %lld ms after procdeck-cli exited", clock.elapsed());
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("state")).toString(), QStringLiteral("timed_out"));
    QVERIFY(!rows[0].value(QStringLiteral("slurm_job_id")).toString().isEmpty());
}

void TestSlurmRemote::killedProcDeckLeavesQueueEmpty()
{
    QProcess *cli = startCli({QStringLiteral("--slurm"), QStringLiteral("--shell"), QStringLiteral("sleep 3172")});
    QTRY_VERIFY_WITH_TIMEOUT(queue().contains(" RUNNING") && testutil::processesNamed("sleep 3172").size() == 1, 20000);
    ::kill(pid_t(cli->processId()), SIGKILL);
    QVERIFY(cli->waitForFinished(10000));
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(queue(), QByteArray(), 5000);
    qInfo("squeue empty %lld ms after procdeck-cli was killed", clock.elapsed());
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3172").isEmpty(), 5000);
}

QTEST_GUILESS_MAIN(TestSlurmRemote)
#include "tst_slurmremote.moc"
