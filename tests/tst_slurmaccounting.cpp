// The final state Slurm's accounting keeps (issue 28.4), against a one-node cluster with
// slurmdbd and a MariaDB of its own (services/slurm.sh start … accounting, ctest fixture
// slurmacct): a job over its --time ends TIMEOUT, one over its --mem OUT_OF_MEMORY, and the
// exports and the history say so.
#include "remotetest.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestSlurmAccounting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void overItsTimeSaysTimeout();
    void overItsMemorySaysOutOfMemory();
    void aStepSaysItsOwnState();
    void aWorkerJobSaysItsStepsEnd();

private:
    QByteArray queue() const
    {
        return remotetest::run(QStringLiteral("squeue"),
                               {QStringLiteral("--noheader"), QStringLiteral("--format=%i %T")},
                               m_conf)
                .out;
    }
    /// procdeck-cli with the history in its own data folder (`data`), exporting to `exportPath`.
    clitest::Result cli(const QString &data, const QString &exportPath, const QStringList &args)
    {
        QProcess p;
        startCli(&p, data, exportPath, args);
        p.waitForFinished(240000); // past clitest's minute: a --time=1 job ends 60–90 s in
        return clitest::finish(p);
    }
    void startCli(QProcess *p, const QString &data, const QString &exportPath,
                  const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLURM_CONF"), m_conf);
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(data));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        p->setProcessEnvironment(env);
        p->start(clitest::cliPath(), QStringList{QStringLiteral("--quiet"),
                                                 QStringLiteral("--export"), exportPath}
                                             + args);
    }
    /// The slurm_state of every row of the history under `data`, in seq order.
    QByteArray historyStates(const QString &data) const
    {
        QDirIterator it(m_tmp.filePath(data), {QStringLiteral("history.sqlite")}, QDir::Files,
                        QDirIterator::Subdirectories);
        if (!it.hasNext())
            return "no history";
        const QString script = QStringLiteral(
                "import sqlite3, sys\n"
                "rows = sqlite3.connect(sys.argv[1]).execute("
                "'select slurm_state from jobs order by seq').fetchall()\n"
                "print(' '.join(str(r[0]) for r in rows))");
        return remotetest::run(QStringLiteral("python3"), {QStringLiteral("-c"), script, it.next()})
                .out.trimmed();
    }

    QString m_conf;
    QString m_dir;
    QTemporaryDir m_tmp;
};

void TestSlurmAccounting::initTestCase()
{
    QString why;
    m_dir = remotetest::serviceDir("slurmacct", &why);
    QVERIFY2(!m_dir.isEmpty(), qPrintable(why));
    m_conf = m_dir + QStringLiteral("/slurm.conf");
    QVERIFY(m_tmp.isValid());
}

void TestSlurmAccounting::init()
{
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
}

void TestSlurmAccounting::overItsTimeSaysTimeout()
{
    // Slurm's limits are whole minutes, checked every 30 s: this job ends 60–90 s in.
    const QString exportPath = m_tmp.filePath(QStringLiteral("time.jsonl"));
    QElapsedTimer clock;
    clock.start();
    const clitest::Result r = cli(QStringLiteral("time"), exportPath,
                                  {QStringLiteral("--slurm"), QStringLiteral("--slurm-args"),
                                   QStringLiteral("--time=1"), QStringLiteral("--shell"),
                                   QStringLiteral("sleep 3173")});
    qInfo("ended after %lld ms", clock.elapsed());
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("slurm_state")).toString(), QStringLiteral("TIMEOUT"));
    QCOMPARE(historyStates(QStringLiteral("time")), QByteArray("TIMEOUT"));
}

void TestSlurmAccounting::overItsMemorySaysOutOfMemory()
{
    if (!QFile::exists(m_dir + QStringLiteral("/memory-limits")))
        QSKIP("the fixture cannot enforce --mem here (no writable cgroup v1 memory controller)");
    const QString exportPath = m_tmp.filePath(QStringLiteral("mem.jsonl"));
    // 300 MB touched against --mem=50; the second job stays within it.
    const clitest::Result r = cli(
            QStringLiteral("mem"), exportPath,
            {QStringLiteral("--slurm"), QStringLiteral("--slurm-args"), QStringLiteral("--mem=50"),
             QStringLiteral("-j1"), QStringLiteral("--template"),
             QStringLiteral("python3 -c \"a = b'x' * ({} * 1024 * 1024)\""),
             QStringLiteral("--values"), QStringLiteral("300,1")});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].value(QStringLiteral("slurm_state")).toString(),
             QStringLiteral("OUT_OF_MEMORY"));
    QCOMPARE(rows[1].value(QStringLiteral("slurm_state")).toString(), QStringLiteral("COMPLETED"));
    QCOMPARE(historyStates(QStringLiteral("mem")), QByteArray("OUT_OF_MEMORY COMPLETED"));
}

void TestSlurmAccounting::aStepSaysItsOwnState()
{
    // Inside one allocation: each job is a step, its state the step's own.
    const QString exportPath = m_tmp.filePath(QStringLiteral("steps.jsonl"));
    const clitest::Result r = cli(QStringLiteral("steps"), exportPath,
                                  {QStringLiteral("--slurm-allocate"), QStringLiteral("-n 2"),
                                   QStringLiteral("-j2"), QStringLiteral("--template"),
                                   QStringLiteral("exit {}"), QStringLiteral("--values"),
                                   QStringLiteral("0,3")});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 2);
    for (const QJsonObject &row : rows) {
        QVERIFY(row.value(QStringLiteral("slurm_job_id")).toString().contains(QLatin1Char('.')));
        QCOMPARE(row.value(QStringLiteral("slurm_state")).toString(),
                 row.value(QStringLiteral("exit_code")).toInt() == 0 ? QStringLiteral("COMPLETED")
                                                                      : QStringLiteral("FAILED"));
    }
}

void TestSlurmAccounting::aWorkerJobSaysItsStepsEnd()
{
    // --slurm-workers: the jobs run inside the worker's step, which runs on after a job ends by
    // itself (no state of the job's own); a job the step's end takes with it (scancel of the
    // step here; its time limit or a lost node alike) says the step's state.
    const QString exportPath = m_tmp.filePath(QStringLiteral("workers.jsonl"));
    QProcess p;
    const QString ended = m_tmp.filePath(QStringLiteral("ended-0.1"));
    startCli(&p, QStringLiteral("workers"), exportPath,
             {QStringLiteral("--slurm-allocate"), QStringLiteral("-n 2"),
              QStringLiteral("--slurm-workers"), QStringLiteral("-j2"), QStringLiteral("--template"),
              QStringLiteral("sleep {}; touch %1/ended-{}").arg(m_tmp.path()),
              QStringLiteral("--values"), QStringLiteral("0.1,60.5")});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ended), 60000); // the first job has ended by itself
    const QByteArray steps = remotetest::run(QStringLiteral("squeue"),
                                             {QStringLiteral("--noheader"), QStringLiteral("--steps"),
                                              QStringLiteral("--format=%i %j")},
                                             m_conf)
                                     .out;
    QString step;
    for (const QByteArray &line : steps.split('\n'))
        if (line.contains("procdeck"))
            step = QString::fromLatin1(line.split(' ').at(0));
    QVERIFY2(!step.isEmpty(), steps.constData());
    remotetest::run(QStringLiteral("scancel"), {step}, m_conf);
    QVERIFY(p.waitForFinished(60000));
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].value(QStringLiteral("exit_code")).toInt(), 0);
    QCOMPARE(rows[0].value(QStringLiteral("slurm_job_id")).toString(), step);
    QVERIFY(rows[0].value(QStringLiteral("slurm_state")).isNull());
    QCOMPARE(rows[1].value(QStringLiteral("slurm_job_id")).toString(), step);
    QCOMPARE(rows[1].value(QStringLiteral("slurm_state")).toString(), QStringLiteral("CANCELLED"));
    QCOMPARE(historyStates(QStringLiteral("workers")), QByteArray("None CANCELLED"));
}

QTEST_GUILESS_MAIN(TestSlurmAccounting)
#include "tst_slurmaccounting.moc"
