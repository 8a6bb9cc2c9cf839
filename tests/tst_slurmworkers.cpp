// --slurm-workers (issue 28.3): one procdeck-cli --worker step per node of the allocation running
// the jobs, instead of one srun per job; against the one-node cluster (8 CPUs) of the ctest
// fixture services_slurm_start, with --slurm-allocate and inside an allocation (SLURM_JOB_ID).
#include "remotetest.h"
#include "testutil.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace procdeck;

class TestSlurmWorkers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void twentyJobsOneStep();
    void tenMegabytesExact();
    void timeoutEndsTheTree();
    void killedProcDeckEndsItsJobs();
    void insideAnAllocation();
    void notStartedSaysWhy();
    void usageComesBack();
    void slurmArgsReachTheStep();

private:
    QByteArray queue() const { return squeue({QStringLiteral("--format=%i %j %T")}); }
    QByteArray squeue(const QStringList &args) const
    {
        return remotetest::run(QStringLiteral("squeue"),
                               QStringList{QStringLiteral("--noheader")} + args, m_conf)
                .out;
    }
    /// The queue without what is COMPLETING (Slurm's own, not ProcDeck's to bound).
    QByteArray held() const
    {
        QByteArray out;
        for (const QByteArray &line : queue().split('\n'))
            if (!line.isEmpty() && !line.endsWith(" COMPLETING"))
                out += line + '\n';
        return out;
    }
    static QStringList workers(const QStringList &args)
    {
        return QStringList{QStringLiteral("--no-history"), QStringLiteral("--slurm-allocate"),
                           QStringLiteral("-n 8"), QStringLiteral("--slurm-workers")}
                + args;
    }
    static QString field(const QJsonObject &row, const char *name)
    {
        return row.value(QLatin1String(name)).toString();
    }

    QString m_conf;
    QString m_held; ///< insideAnAllocation's, given back in cleanup()
    QTemporaryDir m_tmp;
};

void TestSlurmWorkers::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    m_conf = dir + QStringLiteral("/slurm.conf");
    QVERIFY(m_tmp.isValid());
    qputenv("SLURM_CONF", m_conf.toLocal8Bit());
    qputenv("LC_ALL", "C");
    qunsetenv("SLURM_JOB_ID");
}

void TestSlurmWorkers::init()
{
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // nothing earlier
}

void TestSlurmWorkers::cleanup()
{
    qunsetenv("SLURM_JOB_ID");
    qunsetenv("SLURM_JOB_NUM_NODES");
    if (!m_held.isEmpty())
        remotetest::run(QStringLiteral("scancel"), {std::exchange(m_held, {})}, m_conf);
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    const QByteArray worker = QFileInfo(clitest::cliPath()).absoluteFilePath().toLocal8Bit()
            + " --worker";
    // Only the workers Slurm started: tst_worker runs the same program beside this suite.
    const auto leftWorkers = [&] { return testutil::processesNamed(worker, "SLURM_JOB_ID="); };
    QVERIFY2(remotetest::settles([&] { return leftWorkers().isEmpty(); }),
             qPrintable(testutil::describeProcesses(leftWorkers())));
}

void TestSlurmWorkers::twentyJobsOneStep()
{
    // 20 jobs at 8 at once: exit status and bytes as run here, every one with the same Slurm id,
    // the allocation's step 0: one worker step made for the batch, none per job.
    const QStringList job{QStringLiteral("echo out-{}; echo err-{} >&2; exit $(( {} % 3 ))"),
                          QStringLiteral(":::")};
    QStringList values;
    for (int i = 1; i <= 20; ++i)
        values << QString::number(i);
    const QString exportPath = m_tmp.filePath(QStringLiteral("twenty.jsonl"));
    const QStringList common{QStringLiteral("-k"), QStringLiteral("-j"), QStringLiteral("8")};
    const clitest::Result ours = remotetest::run(
            clitest::cliPath(),
            workers(QStringList{QStringLiteral("--export"), exportPath} + common + job + values),
            m_conf);
    const clitest::Result here = remotetest::run(
            clitest::cliPath(), QStringList{QStringLiteral("--no-history")} + common + job + values);
    QCOMPARE(ours.exitCode, 14); // 14 of 20 fail (seq % 3 != 0)
    QCOMPARE(here.exitCode, 14);
    QCOMPARE(ours.out, here.out);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 20);
    QSet<QString> ids;
    for (const QJsonObject &row : rows) {
        const int seq = row.value(QStringLiteral("seq")).toInt();
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), seq % 3);
        QCOMPARE(field(row, "stderr"), QStringLiteral("err-%1\n").arg(seq));
        QCOMPARE(field(row, "executor"), QStringLiteral("slurm"));
        QCOMPARE(field(row, "host"), QStringLiteral("procdeck-node"));
        ids << field(row, "slurm_job_id");
    }
    QCOMPARE(ids.size(), 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]+\\.0$")).match(*ids.begin()).hasMatch(),
             qPrintable(*ids.begin()));
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
}

void TestSlurmWorkers::tenMegabytesExact()
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
            workers({QStringLiteral("--shell"), QStringLiteral("cat ") + file.fileName()}),
            m_conf);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out == bytes); // not QCOMPARE: 10 MB in a failure message
}

void TestSlurmWorkers::timeoutEndsTheTree()
{
    // The tree on the node ends, an escapee included; the job is Timed out here.
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            workers({QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--shell"),
                     QStringLiteral("setsid sleep 3151 & sleep 3152")}),
            m_conf);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Timed out"), r.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3151").isEmpty()
                                     && testutil::processesNamed("sleep 3152").isEmpty(),
                             20000);
}

void TestSlurmWorkers::killedProcDeckEndsItsJobs()
{
    // Nobody is left to end them but the worker step, whose stdin closes, and the guardian,
    // which gives the allocation back.
    QProcess cli;
    cli.start(clitest::cliPath(), workers({QStringLiteral("--shell"), QStringLiteral("sleep 3153")}));
    QTRY_VERIFY_WITH_TIMEOUT(!testutil::processesNamed("sleep 3153").isEmpty(), 30000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(10000));
    QVERIFY2(remotetest::settles([&] { return testutil::processesNamed("sleep 3153").isEmpty(); }),
             qPrintable(testutil::describeProcesses(testutil::processesNamed("sleep 3153"))));
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }), held().constData());
}

void TestSlurmWorkers::insideAnAllocation()
{
    // In an allocation of its own (an sbatch script's, salloc's): its worker step is step 0 of
    // it, and the allocation lives on after the batch.
    const clitest::Result hold = remotetest::run(
            QStringLiteral("salloc"),
            {QStringLiteral("--no-shell"), QStringLiteral("-n"), QStringLiteral("8")}, m_conf);
    const QRegularExpressionMatch granted
            = QRegularExpression(QStringLiteral("Granted job allocation ([0-9]+)"))
                      .match(QString::fromLocal8Bit(hold.err));
    QVERIFY2(granted.hasMatch(), hold.err.constData());
    m_held = granted.captured(1);
    qputenv("SLURM_JOB_ID", m_held.toLatin1());
    qputenv("SLURM_JOB_NUM_NODES", "1");
    const QString exportPath = m_tmp.filePath(QStringLiteral("inside.jsonl"));
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            {QStringLiteral("--no-history"), QStringLiteral("--slurm-workers"),
             QStringLiteral("--export"), exportPath, QStringLiteral("-j"), QStringLiteral("4"),
             QStringLiteral("exit {}"), QStringLiteral(":::"), QStringLiteral("0"),
             QStringLiteral("3"), QStringLiteral("0"), QStringLiteral("5")},
            m_conf);
    QCOMPARE(r.exitCode, 2);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 4);
    for (const QJsonObject &row : rows)
        QCOMPARE(field(row, "slurm_job_id"), m_held + QStringLiteral(".0"));
    QCOMPARE(squeue({QStringLiteral("--format=%i %T")}).trimmed(), m_held.toLatin1() + " RUNNING");
}

void TestSlurmWorkers::notStartedSaysWhy()
{
    // A worker that cannot start, and a job the worker cannot start: Failed to start, with the
    // reason, and no exit code (nothing ran to exit). Both read "Failed" with 255 or 127 before.
    const QString exportPath = m_tmp.filePath(QStringLiteral("notstarted.jsonl"));
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            workers({QStringLiteral("--export"), exportPath, QStringLiteral("--worker-command"),
                     QStringLiteral("/nonexistent/procdeck-cli"), QStringLiteral("echo"),
                     QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2")}),
            m_conf);
    QCOMPARE(r.exitCode, 2);
    QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 2);
    for (const QJsonObject &row : rows) {
        QCOMPARE(field(row, "state"), QStringLiteral("failed_to_start"));
        QVERIFY(row.value(QStringLiteral("exit_code")).isNull());
        QVERIFY2(field(row, "error").contains(QStringLiteral("did not start"))
                         && field(row, "error").contains(QStringLiteral("/nonexistent/procdeck-cli")),
                 qPrintable(field(row, "error")));
    }
    const clitest::Result job = remotetest::run(
            clitest::cliPath(),
            workers({QStringLiteral("--export"), exportPath, QStringLiteral("--"),
                     QStringLiteral("/nonexistent/program")}),
            m_conf);
    QCOMPARE(job.exitCode, 1);
    rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(field(rows[0], "state"), QStringLiteral("failed_to_start"));
    QVERIFY(rows[0].value(QStringLiteral("exit_code")).isNull());
    QVERIFY2(field(rows[0], "error").contains(QStringLiteral("No such file or directory")),
             qPrintable(field(rows[0], "error")));
}

void TestSlurmWorkers::usageComesBack()
{
    // The worker measured the job's tree: its CPU time and peak memory are the job's here
    // (null and 0 before).
    const QString exportPath = m_tmp.filePath(QStringLiteral("usage.jsonl"));
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            workers({QStringLiteral("--export"), exportPath, QStringLiteral("--"),
                     QStringLiteral("python3"), QStringLiteral("-c"),
                     QStringLiteral("import time\nb = bytearray(64 << 20)\nt = time.process_time()\n"
                                    "while time.process_time() - t < 0.3: pass")}),
            m_conf);
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    const double cpu = rows[0].value(QStringLiteral("cpu_s")).toDouble();
    const qint64 peakKb = rows[0].value(QStringLiteral("peak_rss_kb")).toInteger();
    QVERIFY2(cpu >= 0.3, qPrintable(QString::number(cpu)));
    QVERIFY2(peakKb >= 64 * 1024, qPrintable(QString::number(peakKb)));
}

void TestSlurmWorkers::slurmArgsReachTheStep()
{
    // --slurm-args go to the worker's srun: the step's environment (--export=…) is the person's,
    // and so its jobs' (they were run without them).
    const clitest::Result r = remotetest::run(
            clitest::cliPath(),
            workers({QStringLiteral("--slurm-args"),
                     QStringLiteral("--export=ALL,PROCDECK_MARK=from-slurm-args"),
                     QStringLiteral("--shell"), QStringLiteral("echo \"[$PROCDECK_MARK]\"")}),
            m_conf);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("[from-slurm-args]\n"));
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }), held().constData());
}

QTEST_GUILESS_MAIN(TestSlurmWorkers)
#include "tst_slurmworkers.moc"
