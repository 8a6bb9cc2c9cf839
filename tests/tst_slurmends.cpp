// How Slurm jobs end (issues 22 and 23), against the one-node cluster of the ctest fixture
// services_slurm_start: the signal that ended a task, srun's own errors as the job's error, and
// Kill all now right after the starts; an srun killed with its group leaves no job behind.
// PROCDECK_TEST_CLI runs them against another procdeck-cli (an older build: the "before").
#include "remotetest.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

class TestSlurmEnds : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void graceEndsTheJobAtItsEnd();
    void signalThatEndedTheTask();
    void srunsErrorIsTheJobsError();
    void queuedLinesAreNotTheJobsStderr();
    void killAllNowRightAfterTheStarts();
    void srunKilledWithItsGroupLeavesNoJob();
    void historyOfAKilledRunKeepsWhereItRan();
    void ctrlZSuspendsAndCountsAsPaused();

private:
    /// For a failure message: the processes named `cmdline` still alive, each with its parent's
    /// command line (slurmstepd [JOB.STEP] says which step left it), and slurmd's log's end.
    QString leftovers(const QByteArray &cmdline) const
    {
        QStringList lines;
        for (const pid_t pid : testutil::processesNamed(cmdline)) {
            procdeck::proctable::ProcessInfo info;
            if (!procdeck::proctable::readProcess(pid, &info))
                continue;
            const QByteArray parent = testutil::commandLineOf(info.ppid);
            lines << QStringLiteral("%1 under %2").arg(testutil::describeProcesses({pid}),
                                                       QString::fromLocal8Bit(parent));
        }
        QFile log(QFileInfo(m_conf).dir().filePath(QStringLiteral("slurmd.log")));
        if (log.open(QIODevice::ReadOnly))
            lines << QString::fromLocal8Bit(log.readAll().right(4000));
        return lines.join(QLatin1Char('\n'));
    }

    /// squeue's jobs, or what went wrong: a failed squeue is not an empty queue.
    QByteArray queue() const
    {
        const QStringList args{QStringLiteral("--noheader"), QStringLiteral("--format=%i %j %T")};
        const clitest::Result r = remotetest::run(QStringLiteral("squeue"), args, m_conf);
        return r.exitCode == 0 ? r.out : "squeue failed: " + r.err;
    }
    /// The sruns `parent` started.
    static QList<pid_t> sruns(pid_t parent)
    {
        struct Found {
            pid_t parent;
            QList<pid_t> pids;
        } found{parent, {}};
        procdeck::proctable::forEachProcess(
            [](const procdeck::proctable::ProcessInfo &info, void *raw) {
                auto *f = static_cast<Found *>(raw);
                if (info.alive() && info.ppid == f->parent
                    && testutil::commandLineOf(info.pid).startsWith("srun "))
                    f->pids << info.pid;
            },
            &found);
        return found.pids;
    }
    QProcess *startCli(const QStringList &args)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLURM_CONF"), m_conf);
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        p->setProcessEnvironment(env);
        const QString cli = qEnvironmentVariable("PROCDECK_TEST_CLI", clitest::cliPath());
        p->start(cli, QStringList{QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                                  QStringLiteral("--slurm")} + args);
        return p;
    }
    /// Runs one shell line on the cluster; the export's only row.
    QJsonObject runOne(const QStringList &options, const QString &line, clitest::Result *result)
    {
        const QString path = m_tmp.filePath(QStringLiteral("%1.jsonl").arg(++m_runs));
        QProcess *cli = startCli(options + QStringList{QStringLiteral("--export"), path,
                                                       QStringLiteral("--shell"), line});
        *result = clitest::finish(*cli);
        const QList<QJsonObject> rows = clitest::readJsonLines(path);
        return rows.size() == 1 ? rows.first() : QJsonObject();
    }

    QString m_conf;
    QTemporaryDir m_tmp;
    int m_runs = 0;
};

void TestSlurmEnds::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    m_conf = dir + QStringLiteral("/slurm.conf");
    QVERIFY(m_tmp.isValid());
}

void TestSlurmEnds::init()
{
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // nothing earlier
}

void TestSlurmEnds::graceEndsTheJobAtItsEnd()
{
    // Issue 23.10: a task that ignores TERM, a 2 s timeout and a 1 s grace: TERM at 2 s, the
    // cancel at 3 s, and the job ends once slurmctld has taken it (a plain scancel gave TERM and
    // KillWait again while srun waited on: 6.8 s). The duration's clock starts at srun's fork,
    // so srun's start-up is in it: 4.5 s leaves it 1.5 s; a coarse timer may fire 5 % early.
    // Slurm ends the task after KillWait.
    clitest::Result r;
    const QJsonObject row = runOne({QStringLiteral("--timeout"), QStringLiteral("2"),
                                    QStringLiteral("--grace"), QStringLiteral("1")},
                                   QStringLiteral("trap '' TERM; sleep 3131"), &r);
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("timed_out"));
    const double duration = row.value(QStringLiteral("duration_s")).toDouble();
    QVERIFY2(duration >= 2.85 && duration < 4.5, qPrintable(QString::number(duration)));
    QVERIFY2(!r.err.contains("Destroyed while process"), r.err.constData());
    QVERIFY2(remotetest::settles([&] { return testutil::processesNamed("sleep 3131").isEmpty(); }),
             qPrintable(testutil::describeProcesses(testutil::processesNamed("sleep 3131"))));
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    qInfo("timeout 2 s, grace 1 s: the TERM-ignoring job lasted %.2f s", duration);
}

void TestSlurmEnds::signalThatEndedTheTask()
{
    // srun exits with 128 + N; Slurm keeps the task's real wait status, as a local job's is.
    clitest::Result r;
    const QJsonObject row = runOne({}, QStringLiteral("kill -9 $$"), &r);
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("crashed"));
    QCOMPARE(row.value(QStringLiteral("signal")).toString(), QStringLiteral("SIGKILL"));
    QVERIFY(row.value(QStringLiteral("exit_code")).isNull());
    const QJsonObject plain = runOne({}, QStringLiteral("exit 137"), &r); // a status, no signal
    QCOMPARE(plain.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(plain.value(QStringLiteral("exit_code")).toInt(), 137);
    QVERIFY(plain.value(QStringLiteral("signal")).isNull());
}

void TestSlurmEnds::srunsErrorIsTheJobsError()
{
    clitest::Result r;
    const QStringList badPartition{QStringLiteral("--slurm-args"),
                                   QStringLiteral("--partition=nope")};
    const QJsonObject row = runOne(badPartition, QStringLiteral("true"), &r);
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(row.value(QStringLiteral("error")).toString(),
             QStringLiteral("srun: error: Unable to allocate resources: "
                            "Invalid partition name specified"));
    // The task's own status is no srun error.
    const QJsonObject own = runOne({}, QStringLiteral("exit 3"), &r);
    QCOMPARE(own.value(QStringLiteral("exit_code")).toInt(), 3);
    QVERIFY(own.value(QStringLiteral("error")).isNull());
}

void TestSlurmEnds::queuedLinesAreNotTheJobsStderr()
{
    // Held 1 s by --begin, srun says "job N queued and waiting for resources" and "has been
    // allocated resources": srun's chatter, not the job's.
    clitest::Result r;
    const QStringList held{QStringLiteral("--slurm-args"), QStringLiteral("--begin=now+1")};
    const QJsonObject row = runOne(held, QStringLiteral("echo out; echo err >&2"), &r);
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(row.value(QStringLiteral("stdout")).toString(), QStringLiteral("out\n"));
    QCOMPARE(row.value(QStringLiteral("stderr")).toString(), QStringLiteral("err\n"));
}

void TestSlurmEnds::killAllNowRightAfterTheStarts()
{
    // A second Ctrl+C is Kill all now. Sent the moment the 20 sruns exist, some of their jobs
    // are not registered with slurmctld yet: a scancel by name misses them, and srun's group
    // SIGKILLed then left them RUNNING with nobody to end them.
    QProcess *cli = startCli({QStringLiteral("-j"), QStringLiteral("20"),
                              QStringLiteral("--template"), QStringLiteral("sleep 3132 # {}"),
                              QStringLiteral("--range"), QStringLiteral("1..20")});
    QVERIFY(cli->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(sruns(pid_t(cli->processId())).size(), 20, 20000);
    QElapsedTimer sinceKill;
    sinceKill.start();
    ::kill(pid_t(cli->processId()), SIGINT);
    ::kill(pid_t(cli->processId()), SIGINT);
    const clitest::Result r = clitest::finish(*cli);
    QVERIFY2(r.exitCode != 0, r.err.constData());
    qInfo("procdeck-cli ended %lld ms after Kill all now", sinceKill.elapsed());
    // procdeck-cli ends once Slurm says every job ended (completing is Slurm's own work left).
    const QByteArray atTheEnd = queue();
    QVERIFY2(!atTheEnd.contains(" RUNNING") && !atTheEnd.contains(" PENDING"), atTheEnd.constData());
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    // slurmstepd ends a cancelled step's tasks after KillWait: under load that took more than
    // 10 s after the job left squeue, and once (CI, beside the sanitized suites) some outlived
    // three minutes with squeue empty. Tasks of jobs Slurm says have ended are Slurm's to end
    // (ProcDeck sees no node, only the queue, asserted above): said with slurmd's log, and
    // ended here so that the tests after start clean.
    const auto tasks = [] { return testutil::processesNamed("sleep 3132"); };
    if (!remotetest::settles([&] { return tasks().isEmpty(); })) {
        qWarning("Slurm left tasks of ended jobs: %s", qPrintable(leftovers("sleep 3132")));
        for (const pid_t pid : tasks())
            ::kill(pid, SIGKILL);
    }
    qInfo("Kill all now at the starts of 20 jobs: squeue empty %lld ms after procdeck-cli ended",
          clock.elapsed());
}

void TestSlurmEnds::srunKilledWithItsGroupLeavesNoJob()
{
    // srun and its helper SIGKILLed together leave their job RUNNING: ProcDeck's last resort
    // after Kill all now did that under ASan when a scancel had not taken yet, and nobody ended
    // the job. srun's end is not its job's: the job is cancelled, and procdeck-cli ends once
    // squeue says it has.
    QProcess *cli = startCli({QStringLiteral("--shell"), QStringLiteral("sleep 3135")});
    QVERIFY(cli->waitForStarted());
    QVERIFY2(remotetest::settles([&] { return queue().contains(" RUNNING"); }),
             queue().constData());
    const QByteArray id = queue().trimmed().split(' ').value(0);
    const auto cancel = qScopeGuard([&] { // a failure here must not fail the tests after it
        remotetest::run(QStringLiteral("scancel"), {QString::fromLatin1(id)}, m_conf);
    });
    const QList<pid_t> srun = sruns(pid_t(cli->processId()));
    QCOMPARE(srun.size(), 1);
    QCOMPARE(::killpg(srun.first(), SIGKILL), 0); // srun leads its job's group
    const clitest::Result r = clitest::finish(*cli);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(!queue().contains(" RUNNING"), queue().constData());
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    QVERIFY2(remotetest::settles([&] { return testutil::processesNamed("sleep 3135").isEmpty(); }),
             qPrintable(testutil::describeProcesses(testutil::processesNamed("sleep 3135"))));
}

void TestSlurmEnds::historyOfAKilledRunKeepsWhereItRan()
{
    // Issue 23.7: kill -9 of procdeck-cli while its Slurm job runs. The row the next open marks
    // interrupted keeps the Slurm job id and the node (they come after the start: the history
    // recorded them only at the end, which never came).
    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    env.insert(QStringLiteral("SLURM_CONF"), m_conf);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    const QString cliPath = qEnvironmentVariable("PROCDECK_TEST_CLI", clitest::cliPath());
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.start(cliPath, {QStringLiteral("--quiet"), QStringLiteral("--slurm"), QStringLiteral("--shell"),
                        QStringLiteral("sleep 3134")});
    QVERIFY2(remotetest::settles([&] { return queue().contains(" RUNNING"); }),
             queue().constData());
    const QByteArray id = queue().trimmed().split(' ').value(0);
    const auto history = [&] {
        QProcess list;
        list.setProcessEnvironment(env);
        list.start(cliPath, {QStringLiteral("--history"), QStringLiteral("--json")});
        return clitest::finish(list).out;
    };
    const QByteArray idField = "\"slurm_job_id\":\"" + id + '"';
    // Recorded while it runs, or never: the history answers from its file.
    QTRY_VERIFY_WITH_TIMEOUT(history().contains(idField), 10000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(10000));
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // the guardian's scancel
    const QByteArray after = history();
    QVERIFY2(after.contains(idField) && after.contains("\"host\":\"procdeck-node\"")
                 && after.contains("interrupted"),
             after.constData());
}

void TestSlurmEnds::ctrlZSuspendsAndCountsAsPaused()
{
    // Issue 23.1: Ctrl+Z of procdeck-cli with a Slurm job running. procdeck-cli stops itself
    // once scontrol has suspended the job: the job is Paused, its time stopped counts as paused
    // and out of its 6 s timeout. (It stopped itself at once, and the job timed out, paused 0 s.)
    const QString path = m_tmp.filePath(QStringLiteral("ctrlz.jsonl"));
    QProcess *cli = startCli({QStringLiteral("--timeout"), QStringLiteral("6"), QStringLiteral("--export"),
                              path, QStringLiteral("--shell"),
                              QStringLiteral("for i in $(seq 20); do echo $i; sleep 0.2; done")});
    QVERIFY2(remotetest::settles([&] { return queue().contains(" RUNNING"); }),
             queue().constData());
    const QByteArray id = queue().trimmed().split(' ').value(0);
    ::kill(pid_t(cli->processId()), SIGTSTP);
    QTRY_COMPARE_WITH_TIMEOUT(testutil::processState(cli->processId()), 'T', 20000);
    QVERIFY(queue().contains(" SUSPENDED"));
    QTest::qWait(5000); // the pause itself: more than the 6 s timeout leaves of the job's 4 s
    QVERIFY(queue().contains(" SUSPENDED"));
    ::kill(pid_t(cli->processId()), SIGCONT);
    const clitest::Result r = clitest::finish(*cli);
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = clitest::readJsonLines(path);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(rows[0].value(QStringLiteral("slurm_job_id")).toString(), QString::fromLatin1(id));
    QVERIFY(rows[0].value(QStringLiteral("stdout")).toString().endsWith(QStringLiteral("\n19\n20\n")));
    const double paused = rows[0].value(QStringLiteral("paused_s")).toDouble();
    QVERIFY2(paused >= 5.0, qPrintable(QString::number(paused)));
}

QTEST_GUILESS_MAIN(TestSlurmEnds)
#include "tst_slurmends.moc"
