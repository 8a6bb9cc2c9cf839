// --slurm inside an allocation (issue 28.1), against the one-node cluster (8 CPUs) of the ctest
// fixture services_slurm_start: each job is a step sized for one job, so that they run side by
// side; its slurm_job_id is JOBID.STEPID; a timeout cancels that step alone; a pause stops it.
#include "remotetest.h"
#include "testutil.h"

#include "core/scheduling/scheduler.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace procdeck;

class TestSlurmSteps : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void stepsRunSideBySideWithTheirIds();
    void timeoutCancelsItsStepAlone();
    void pauseStopsTheStep();
    void quickStepsKeepTheirIds();
    void deadProcDeckLeavesNoStep();

private:
    QByteArray queue() const
    {
        return remotetest::run(QStringLiteral("squeue"),
                               {QStringLiteral("--noheader"), QStringLiteral("--format=%i %j %T")},
                               m_conf)
            .out;
    }
    /// procdeck-cli `args` run by `salloc -n 4`, which gives it SLURM_JOB_ID.
    clitest::Result runInAllocation(const QStringList &args) const
    {
        return remotetest::run(QStringLiteral("salloc"),
                               QStringList{QStringLiteral("-n"), QStringLiteral("4"),
                                           clitest::cliPath(), QStringLiteral("--no-history"),
                                           QStringLiteral("--quiet"), QStringLiteral("--slurm")}
                                   + args,
                               m_conf);
    }
    /// The allocation's id and the step's number of an export row, checked to be JOBID.STEPID.
    static QStringList stepId(const QJsonObject &row)
    {
        static const QRegularExpression form(QStringLiteral("^([0-9]+)\\.([0-9]+)$"));
        const QRegularExpressionMatch m
            = form.match(row.value(QStringLiteral("slurm_job_id")).toString());
        return m.hasMatch() ? QStringList{m.captured(1), m.captured(2)} : QStringList{};
    }

    /// An allocation of `cpus` CPUs with no shell, kept in m_allocation (given back in cleanup()).
    bool grant(const char *cpus)
    {
        const clitest::Result alloc = remotetest::run(
            QStringLiteral("salloc"),
            {QStringLiteral("--no-shell"), QStringLiteral("-n"), QString::fromLatin1(cpus)}, m_conf);
        const QRegularExpressionMatch granted
            = QRegularExpression(QStringLiteral("Granted job allocation ([0-9]+)"))
                  .match(QString::fromLocal8Bit(alloc.err));
        m_allocation = granted.captured(1);
        return granted.hasMatch();
    }
    /// The steps of m_allocation that squeue lists, "ID NAME" a line.
    QByteArray steps() const
    {
        return remotetest::run(QStringLiteral("squeue"),
                               {QStringLiteral("--noheader"), QStringLiteral("--steps"),
                                QStringLiteral("--jobs=%1").arg(m_allocation),
                                QStringLiteral("--format=%i %j")},
                               m_conf)
            .out;
    }

    QString m_conf;
    QString m_allocation; ///< pauseStopsTheStep's, given back in cleanup()
    QTemporaryDir m_tmp;
};

void TestSlurmSteps::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    m_conf = dir + QStringLiteral("/slurm.conf");
    QVERIFY(m_tmp.isValid());
    qputenv("SLURM_CONF", m_conf.toLocal8Bit());
    qputenv("LC_ALL", "C");
}

void TestSlurmSteps::init()
{
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // nothing of an earlier test
}

void TestSlurmSteps::cleanup()
{
    qunsetenv("SLURM_JOB_ID");
    if (!m_allocation.isEmpty())
        remotetest::run(QStringLiteral("scancel"), {std::exchange(m_allocation, {})}, m_conf);
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // the allocation given back
}

void TestSlurmSteps::stepsRunSideBySideWithTheirIds()
{
    // 8 jobs of 1 s in 4 CPUs: two rounds. Before, each step asked for the whole allocation and
    // they ran one after another (>= 8 s), with no slurm_job_id.
    const QString exportPath = m_tmp.filePath(QStringLiteral("steps.jsonl"));
    QElapsedTimer wall;
    wall.start();
    const clitest::Result r = runInAllocation(
        {QStringLiteral("-j"), QStringLiteral("8"), QStringLiteral("--export"), exportPath,
         QStringLiteral("--template"), QStringLiteral("sleep 1; echo {}"), QStringLiteral("--range"),
         QStringLiteral("1..8")});
    const qint64 ms = wall.elapsed();
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 8);
    QSet<QString> allocations;
    QSet<QString> steps;
    for (const QJsonObject &row : rows) {
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), 0);
        QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-node"));
        const QStringList id = stepId(row);
        QVERIFY2(id.size() == 2, qPrintable(row.value(QStringLiteral("slurm_job_id")).toString()));
        allocations << id[0];
        steps << id[1];
    }
    QCOMPARE(allocations.size(), 1);
    QCOMPARE(steps.size(), 8);
    QVERIFY2(ms < 8000, qPrintable(QString::number(ms)));
    qInfo("8 jobs of 1 s as steps in salloc -n 4: %lld ms", ms);
}

void TestSlurmSteps::timeoutCancelsItsStepAlone()
{
    // The sleep 60.25 (no other test on this machine runs one) times out at 1 s: its step is
    // cancelled; the others, still running then, finish in the allocation, which lives on.
    const QString batch = m_tmp.filePath(QStringLiteral("timeout.json"));
    QFile f(batch);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"jobs": [{"command": "sleep 60.25", "timeout_s": 1},
                {"command": "sleep 3; echo a"}, {"command": "sleep 3; echo b"}]})");
    f.close();
    const QString exportPath = m_tmp.filePath(QStringLiteral("timeout.jsonl"));
    const clitest::Result r = runInAllocation({QStringLiteral("-j"), QStringLiteral("3"),
                                               QStringLiteral("--export"), exportPath,
                                               QStringLiteral("--batch"), batch});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 3);
    QSet<QString> ids;
    for (const QJsonObject &row : rows) {
        const bool timed = row.value(QStringLiteral("command")).toString() == u"sleep 60.25";
        QCOMPARE(row.value(QStringLiteral("state")).toString(),
                 timed ? QStringLiteral("timed_out") : QStringLiteral("finished"));
        if (timed)
            QVERIFY(row.value(QStringLiteral("duration_s")).toDouble() < 30);
        else
            QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), 0);
        QVERIFY(stepId(row).size() == 2);
        ids << row.value(QStringLiteral("slurm_job_id")).toString();
    }
    QCOMPARE(ids.size(), 3);
    QVERIFY(testutil::processesNamed("sleep 60.25").isEmpty());
}

void TestSlurmSteps::pauseStopsTheStep()
{
    // scontrol cannot suspend a step: it is stopped and continued by scancel --signal.
    QVERIFY(grant("2"));
    qputenv("SLURM_JOB_ID", m_allocation.toLatin1());
    const QString pidFile = m_tmp.filePath(QStringLiteral("step.pid"));
    Scheduler scheduler;
    RunOn runOn;
    runOn.where = RunOn::Where::SlurmCluster;
    scheduler.setRunOn(runOn);
    JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = QStringLiteral("echo $$ > %1; for i in 1 2 3 4 5 6; do echo $i; sleep 0.25; done")
                            .arg(pidFile);
    Job *job = scheduler.add(spec);
    QTRY_VERIFY_WITH_TIMEOUT(job->state() == JobState::Running
                                 && job->record().slurmJobId.startsWith(m_allocation + u'.')
                                 && job->stdoutLog().totalBytes() > 0,
                             20000);
    const qint64 task = testutil::pidInFile(pidFile);
    QVERIFY(task > 0);
    QVERIFY(scheduler.pause(job));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Paused, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::isHeld(task), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(job->pausedMs() >= 1000, 10000);
    QVERIFY(testutil::isHeld(task));
    QVERIFY(scheduler.resume(job));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), 20000);
    QCOMPARE(job->state(), JobState::Finished);
    QCOMPARE(job->stdoutText(), QStringLiteral("1\n2\n3\n4\n5\n6\n"));
    QVERIFY(job->pausedMs() >= 1000);
}

void TestSlurmSteps::quickStepsKeepTheirIds()
{
    // 40 steps over in a moment: squeue, asked twice a second, missed some (94-100 of 100 in
    // bench/slurmsteps.sh); srun's prolog tells each id as the step is made.
    const QString exportPath = m_tmp.filePath(QStringLiteral("quick.jsonl"));
    const clitest::Result r = runInAllocation(
        {QStringLiteral("-j"), QStringLiteral("4"), QStringLiteral("--export"), exportPath,
         QStringLiteral("--template"), QStringLiteral("true {}"), QStringLiteral("--range"),
         QStringLiteral("1..40")});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 40);
    QSet<QString> ids;
    QSet<QString> allocations;
    for (const QJsonObject &row : rows) {
        const QStringList id = stepId(row);
        QVERIFY2(id.size() == 2, qPrintable(row.value(QStringLiteral("command")).toString()));
        QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("procdeck-node"));
        ids << id.join(u'.');
        allocations << id[0];
    }
    QCOMPARE(ids.size(), 40);
    QCOMPARE(allocations.size(), 1);
    // Nothing of srun's or the prolog's reached the jobs' stderr: salloc's lines alone.
    for (const QByteArray &line : r.err.split('\n'))
        QVERIFY2(line.isEmpty() || line.startsWith("salloc: "), line.constData());
}

void TestSlurmSteps::deadProcDeckLeavesNoStep()
{
    // kill -9 of procdeck-cli running 4 steps: its guardian ends them (SIGTERM to srun cancels
    // its step); the allocation is not ProcDeck's to end.
    QVERIFY(grant("4"));
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SLURM_JOB_ID"), m_allocation);
    cli.setProcessEnvironment(env);
    cli.start(clitest::cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                                   QStringLiteral("--slurm"), QStringLiteral("-j"),
                                   QStringLiteral("4"), QStringLiteral("--template"),
                                   QStringLiteral("sleep 60 {}"), QStringLiteral("--range"),
                                   QStringLiteral("1..4")});
    QVERIFY(cli.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(steps().count("procdeck"), 4, 30000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished());
    // srun's SIGTERM cancels the step; slurmd's work after it took 24 s under CI's load.
    QVERIFY2(remotetest::settles([&] { return steps().count("procdeck") == 0; }),
             steps().constData());
    const QByteArray alive = remotetest::run(QStringLiteral("squeue"),
                                             {QStringLiteral("--noheader"),
                                              QStringLiteral("--jobs=%1").arg(m_allocation),
                                              QStringLiteral("--format=%T")},
                                             m_conf)
                                 .out;
    QCOMPARE(alive, QByteArray("RUNNING\n"));
    for (const char *task : {"sleep 60 1", "sleep 60 2", "sleep 60 3", "sleep 60 4"})
        QVERIFY2(remotetest::settles([&] { return testutil::processesNamed(task).isEmpty(); }),
                 qPrintable(testutil::describeProcesses(testutil::processesNamed(task))));
}

QTEST_GUILESS_MAIN(TestSlurmSteps)
#include "tst_slurmsteps.moc"
