// --slurm-allocate (issue 28.2), against the one-node cluster (8 CPUs) of the ctest fixture
// services_slurm_start: procdeck-cli asks for one allocation, runs the batch's jobs as its steps
// and gives it back at every end: normal, --halt now, SIGINT, and kill -9 (its guardian). While
// the allocation waits, it says why.
#include "remotetest.h"
#include "testutil.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace procdeck;

class TestSlurmAllocate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void givenBackAfterANormalEnd();
    void givenBackAfterHaltNow();
    void givenBackWhenInterrupted();
    void givenBackWhenProcDeckIsKilled();
    void waitingSaysWhy();

private:
    QByteArray queue() const { return squeue({QStringLiteral("--format=%i %j %T")}); }
    /// The queue without what is COMPLETING: an allocation given back leaves it once Slurm has
    /// done its own completing (slurmd's epilog), which is not ProcDeck's to bound.
    QByteArray held() const
    {
        QByteArray out;
        for (const QByteArray &line : queue().split('\n'))
            if (!line.isEmpty() && !line.endsWith(" COMPLETING"))
                out += line + '\n';
        return out;
    }
    QByteArray squeue(const QStringList &args) const
    {
        return remotetest::run(QStringLiteral("squeue"), QStringList{QStringLiteral("--noheader")} + args,
                               m_conf)
            .out;
    }
    /// Steps ProcDeck runs, any allocation.
    int steps() const
    {
        return int(squeue({QStringLiteral("--steps"), QStringLiteral("--format=%j")}).count("procdeck"));
    }
    QStringList cliArgs(const QString &allocate, const QStringList &args) const
    {
        return QStringList{QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                           QStringLiteral("--slurm-allocate"), allocate}
            + args;
    }
    /// procdeck-cli started with `args` (SLURM_CONF and LC_ALL=C set), running 4 sleeps as steps.
    void startFourSleeps(QProcess *cli, const QString &allocate = QStringLiteral("-n 4"))
    {
        cli->start(clitest::cliPath(),
                   cliArgs(allocate, {QStringLiteral("-j"), QStringLiteral("4"),
                                      QStringLiteral("--template"), QStringLiteral("sleep 60.5 {}"),
                                      QStringLiteral("--range"), QStringLiteral("1..4")}));
        QVERIFY(cli->waitForStarted());
    }
    static QString stepId(const QJsonObject &row)
    {
        return row.value(QStringLiteral("slurm_job_id")).toString();
    }

    QString m_conf;
    QString m_held; ///< waitingSaysWhy's allocation of the whole node, given back in cleanup()
    QTemporaryDir m_tmp;
};

void TestSlurmAllocate::initTestCase()
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

void TestSlurmAllocate::init()
{
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }),
             queue().constData()); // nothing earlier
}

void TestSlurmAllocate::cleanup()
{
    if (!m_held.isEmpty())
        remotetest::run(QStringLiteral("scancel"), {std::exchange(m_held, {})}, m_conf);
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    for (const char *task : {"sleep 60.5 1", "sleep 60.5 2", "sleep 60.5 3", "sleep 60.5 4"})
        QVERIFY2(remotetest::settles([&] { return testutil::processesNamed(task).isEmpty(); }),
                 qPrintable(testutil::describeProcesses(testutil::processesNamed(task))));
}

void TestSlurmAllocate::givenBackAfterANormalEnd()
{
    // 12 jobs as steps of one allocation of 4 CPUs, each with its JOBID.STEPID; the allocation
    // is gone from the queue within 5 s of procdeck-cli's end.
    const QString exportPath = m_tmp.filePath(QStringLiteral("normal.jsonl"));
    const clitest::Result r = remotetest::run(
        clitest::cliPath(),
        cliArgs(QStringLiteral("-n 4"),
                {QStringLiteral("-j"), QStringLiteral("4"), QStringLiteral("--export"), exportPath,
                 QStringLiteral("--template"), QStringLiteral("echo {}"), QStringLiteral("--range"),
                 QStringLiteral("1..12")}),
        m_conf);
    QElapsedTimer sinceEnd;
    sinceEnd.start();
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
    QCOMPARE(rows.size(), 12);
    QSet<QString> allocations;
    QSet<QString> ids;
    static const QRegularExpression form(QStringLiteral("^([0-9]+)\\.[0-9]+$"));
    for (const QJsonObject &row : rows) {
        QCOMPARE(row.value(QStringLiteral("exit_code")).toInt(), 0);
        const QRegularExpressionMatch m = form.match(stepId(row));
        QVERIFY2(m.hasMatch(), qPrintable(stepId(row)));
        allocations << m.captured(1);
        ids << stepId(row);
    }
    QCOMPARE(allocations.size(), 1);
    QCOMPARE(ids.size(), 12);
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
    qInfo("the allocation left the queue %lld ms after procdeck-cli ended", sinceEnd.elapsed());
}

void TestSlurmAllocate::givenBackAfterHaltNow()
{
    // The first job fails while three sleeps run: --halt now kills them and the batch ends; the
    // allocation goes with it.
    const QString batch = m_tmp.filePath(QStringLiteral("halt.json"));
    QFile f(batch);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"jobs": [{"command": "sleep 1; exit 3"}, {"command": "sleep 60.5 1"},
                {"command": "sleep 60.5 2"}, {"command": "sleep 60.5 3"}]})");
    f.close();
    QElapsedTimer wall;
    wall.start();
    const clitest::Result r = remotetest::run(
        clitest::cliPath(),
        cliArgs(QStringLiteral("-n 4"), {QStringLiteral("-j"), QStringLiteral("4"),
                                         QStringLiteral("--halt"), QStringLiteral("now,fail=1"),
                                         QStringLiteral("--batch"), batch}),
        m_conf);
    QVERIFY(r.exitCode > 0);
    QVERIFY2(wall.elapsed() < 50000, qPrintable(QString::number(wall.elapsed())));
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
}

void TestSlurmAllocate::givenBackWhenInterrupted()
{
    QProcess cli;
    startFourSleeps(&cli);
    QTRY_COMPARE_WITH_TIMEOUT(steps(), 4, 30000);
    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(30000));
    QVERIFY(cli.exitCode() > 0);
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
}

void TestSlurmAllocate::givenBackWhenProcDeckIsKilled()
{
    // Nobody is left to give it back but the guardian.
    QProcess cli;
    startFourSleeps(&cli);
    QTRY_COMPARE_WITH_TIMEOUT(steps(), 4, 30000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished());
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
}

void TestSlurmAllocate::waitingSaysWhy()
{
    // The node's 8 CPUs are held: an allocation of 2 waits, and procdeck-cli says why; SIGINT
    // then withdraws the request.
    const clitest::Result hold = remotetest::run(
        QStringLiteral("salloc"), {QStringLiteral("--no-shell"), QStringLiteral("-n"), QStringLiteral("8")},
        m_conf);
    const QRegularExpressionMatch granted
        = QRegularExpression(QStringLiteral("Granted job allocation ([0-9]+)"))
              .match(QString::fromLocal8Bit(hold.err));
    QVERIFY2(granted.hasMatch(), hold.err.constData());
    m_held = granted.captured(1);
    QProcess cli;
    startFourSleeps(&cli, QStringLiteral("-n 2"));
    QByteArray err;
    static const QRegularExpression said(
        QStringLiteral("procdeck-cli: Waiting for Slurm \\((Resources|Priority)\\)\\n"));
    QTRY_VERIFY_WITH_TIMEOUT((err += cli.readAllStandardError(), said.match(QString::fromUtf8(err)).hasMatch()),
                             20000);
    QCOMPARE(steps(), 0);
    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(30000));
    QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("--format=%i")}).trimmed(), m_held.toLatin1(),
                              5000);
}

QTEST_GUILESS_MAIN(TestSlurmAllocate)
#include "tst_slurmallocate.moc"
