// Where jobs on ssh logins are placed, against the real sshd the ctest fixture services_sshd_start
// starts: a login's slots are the login's, whichever batches name it.
#include "remotetest.h"
#include "testutil.h"

#include "core/remote/hostslots.h"
#include "core/scheduling/scheduler.h"
#include "core/types/sshlogin.h"

#include <QtTest>

using namespace procdeck;

class TestSshPlacement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loginLimitIsTheLatestWord();
    void overlappingBatchesShareSlots();
    void retryWaitsForALoginNotTried();
    void laterJobsTakeTheSlotMeanwhile();
    void retriesPlacedAsGnuParallelPlacesThem();

private:
    QString login(const QString &host, int slotCount) const
    {
        return QStringLiteral("%1/ssh -F %2/ssh_config %3").arg(slotCount).arg(m_dir, host);
    }
    static RunOn onLogins(const QString &list)
    {
        RunOn runOn;
        runOn.where = RunOn::Where::SshHosts;
        QString error;
        if (!SshLogin::parseList(list, &runOn.sshLogins, &error))
            qFatal("%s", qPrintable(error));
        return runOn;
    }
    static JobSpec shell(const QString &command, int tries = 1)
    {
        JobSpec spec;
        spec.useShell = true;
        spec.shellCommand = command;
        spec.retries = tries;
        return spec;
    }

    /// The tries of the job numbered `firstSeq`, in order.
    static QList<const Job *> triesOf(const Scheduler &scheduler, int firstSeq)
    {
        QList<const Job *> tries;
        for (int i = 0; i < scheduler.count(); ++i)
            if (scheduler.jobAt(i)->firstSeq() == firstSeq)
                tries << scheduler.jobAt(i);
        return tries;
    }
    /// The hosts of what a run of `script` appended to `log`, for the job named `name`: each
    /// line "name host" (the host from LC_PDLOGIN, which the logins of `sshConfig` set).
    static QStringList hostsIn(const QByteArray &log, const QString &name);

    QString m_dir;
    QTemporaryDir m_tmp;
};

void TestSshPlacement::initTestCase()
{
    QString why;
    m_dir = remotetest::serviceDir("sshd", &why);
    QVERIFY2(!m_dir.isEmpty(), qPrintable(why));
}

void TestSshPlacement::loginLimitIsTheLatestWord()
{
    // A login is its ssh command and host; N/ (or -j) is its limit, as the latest list naming it says.
    const auto parsed = [](const QString &text) {
        SshLogin l;
        QString error;
        if (!SshLogin::parse(text, &l, &error))
            qFatal("%s", qPrintable(error));
        return l;
    };
    HostSlots logins;
    QCOMPARE(logins.use(parsed(QStringLiteral("2/ssh -p 2222 me@build1")), 0), 0);
    QCOMPARE(logins.use(parsed(QStringLiteral("2/ssh -p 2223 me@build1")), 0), 1); // another port, another login
    QCOMPARE(logins.use(parsed(QStringLiteral("3/ssh -p 2222 me@build1")), 0), 0);
    QCOMPARE(logins.count(), 2);
    QCOMPARE(logins.slotCount(0), 3);
    QCOMPARE(logins.use(parsed(QStringLiteral("ssh -p 2222 me@build1")), 4), 0); // -j 4, no N/
    QCOMPARE(logins.slotCount(0), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(logins.acquire({0}), 0);
    QCOMPARE(logins.acquire({0}), -1);
    QCOMPARE(logins.acquire({0, 1}), 1);
    logins.use(parsed(QStringLiteral("2/ssh -p 2222 me@build1")), 0); // lowered while 4 run: none free until 2 end
    QCOMPARE(logins.busy(0), 4);
    logins.release(0);
    logins.release(0);
    QCOMPARE(logins.acquire({0}), -1);
    logins.release(0);
    QCOMPARE(logins.acquire({0}), 0);
    QCOMPARE(logins.totalSlots(), 4);
}

void TestSshPlacement::overlappingBatchesShareSlots()
{
    // One batch on procdeck-a (2 slots) and procdeck-b (1 slot), then one on procdeck-a (2 slots)
    // alone: procdeck-a runs 2 jobs at most, whichever batch they come from (before: each batch
    // counted its own 2, and 4 ran there at once).
    Scheduler scheduler;
    const QString a = QStringLiteral("procdeck-a");
    int most = 0;
    int mostOnA = 0;
    connect(&scheduler, &Scheduler::jobStarted, this, [&] {
        int running = 0;
        int onA = 0;
        for (int i = 0; i < scheduler.count(); ++i) {
            const Job *job = scheduler.jobAt(i);
            if (job->state() != JobState::Running)
                continue;
            ++running;
            onA += job->record().host == a ? 1 : 0;
        }
        most = qMax(most, running);
        mostOnA = qMax(mostOnA, onA);
    });
    const QList<JobSpec> specs(3, shell(QStringLiteral("sleep 1")));
    const int both = scheduler.addBatch(specs, {}, onLogins(login(a, 2) + QLatin1Char(',') + login(QStringLiteral("procdeck-b"), 1)));
    const int onlyA = scheduler.addBatch(specs, {}, onLogins(login(a, 2)));
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.count() == 6 && scheduler.isIdle(), 60000);
    QCOMPARE(mostOnA, 2);
    QCOMPARE(most, 3);
    QMap<QString, int> perHost;
    for (int i = 0; i < scheduler.count(); ++i) {
        const Job *job = scheduler.jobAt(i);
        QCOMPARE(job->state(), JobState::Finished);
        QVERIFY(job->batchId() == both || job->batchId() == onlyA);
        ++perHost[job->record().host];
    }
    QCOMPARE(perHost.value(a), 5);
    QCOMPARE(perHost.value(QStringLiteral("procdeck-b")), 1);
    // One count per login, whichever batches named it.
    QCOMPARE(scheduler.hostSlots().count(), 2);
    QCOMPARE(scheduler.hostSlots().slotCount(0), 2);
    QCOMPARE(scheduler.hostSlots().busy(0), 0);
}

void TestSshPlacement::retryWaitsForALoginNotTried()
{
    // procdeck-a and procdeck-b, a slot each: a job failing everywhere (3 tries) starts on
    // procdeck-a, a 3 s job on procdeck-b. The second try waits for procdeck-b, though
    // procdeck-a is free (before: all 3 tries ran on procdeck-a); the third, with both tried
    // once, goes to procdeck-a. GNU parallel does the same (retriesPlacedAsGnuParallelPlacesThem).
    const QString a = QStringLiteral("procdeck-a");
    const QString b = QStringLiteral("procdeck-b");
    Scheduler scheduler;
    scheduler.addBatch({shell(QStringLiteral("exit 1"), 3), shell(QStringLiteral("sleep 3"))}, {},
                       onLogins(login(a, 1) + QLatin1Char(',') + login(b, 1)));
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.count() == 4 && scheduler.isIdle(), 60000);
    const Job *busy = scheduler.jobAt(1);
    QCOMPARE(busy->record().host, b);
    QCOMPARE(busy->state(), JobState::Finished);
    const QList<const Job *> tries = triesOf(scheduler, scheduler.jobAt(0)->seq());
    QCOMPARE(tries.size(), 3);
    QStringList hosts;
    for (const Job *t : tries) {
        QCOMPARE(t->state(), JobState::Failed);
        QCOMPARE(t->exitCode(), 1);
        hosts << t->record().host;
    }
    QCOMPARE(hosts, (QStringList{a, b, a}));
    QVERIFY(tries[1]->record().startedAt >= busy->record().finishedAt);
    qInfo("the second try waited %lld ms for procdeck-b", tries[0]->record().finishedAt.msecsTo(tries[1]->record().startedAt));
}

void TestSshPlacement::laterJobsTakeTheSlotMeanwhile()
{
    // While the second try waits for procdeck-b, the job queued behind it takes procdeck-a's
    // slot (as GNU parallel: the waiting retry does not hold up the queue).
    const QString a = QStringLiteral("procdeck-a");
    const QString b = QStringLiteral("procdeck-b");
    Scheduler scheduler;
    scheduler.addBatch({shell(QStringLiteral("exit 1"), 2), shell(QStringLiteral("sleep 3")), shell(QStringLiteral("sleep 0.2")),
                        shell(QStringLiteral("sleep 0.2"))},
                       {}, onLogins(login(a, 1) + QLatin1Char(',') + login(b, 1)));
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.count() == 5 && scheduler.isIdle(), 60000);
    const QList<const Job *> tries = triesOf(scheduler, scheduler.jobAt(0)->seq());
    QCOMPARE(tries.size(), 2);
    QCOMPARE(tries[0]->record().host, a);
    QCOMPARE(tries[1]->record().host, b);
    const JobRecord busy = scheduler.jobAt(1)->record();
    QCOMPARE(busy.host, b);
    QVERIFY(tries[1]->record().startedAt >= busy.finishedAt);
    QCOMPARE(scheduler.jobAt(3)->state(), JobState::Finished);
    // The first job behind it went at once, on procdeck-a; where the second goes depends on how
    // long ssh takes (under load it may start after the retry).
    const JobRecord overtook = scheduler.jobAt(2)->record();
    QCOMPARE(overtook.state, JobState::Finished);
    QCOMPARE(overtook.host, a);
    QVERIFY(overtook.startedAt < tries[1]->record().startedAt);
}

QStringList TestSshPlacement::hostsIn(const QByteArray &log, const QString &name)
{
    QStringList hosts;
    for (const QByteArray &line : log.split('\n')) {
        const QStringList words = QString::fromUtf8(line).split(QLatin1Char(' '));
        if (words.size() == 2 && words[0] == name)
            hosts << words[1];
    }
    return hosts;
}

void TestSshPlacement::retriesPlacedAsGnuParallelPlacesThem()
{
    // The same placing by GNU parallel itself and by procdeck-cli, each given the same command:
    // each job appends "name host" when it starts, and "long-end host" as the long one ends. The
    // host comes from LC_PDLOGIN, set per login by an ssh_config of the test's own (the fixture's
    // logins with SetEnv; the sshd accepts LC_*).
    QFile config(m_dir + QStringLiteral("/ssh_config"));
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QString configPath = m_tmp.filePath(QStringLiteral("ssh_config"));
    QFile own(configPath);
    QVERIFY(own.open(QIODevice::WriteOnly));
    own.write("Host procdeck-a\n  SetEnv LC_PDLOGIN=procdeck-a\nHost procdeck-b\n  SetEnv LC_PDLOGIN=procdeck-b\n" + config.readAll());
    own.close();
    const QString logins = QStringLiteral("1/ssh -F %1 procdeck-a,1/ssh -F %1 procdeck-b").arg(configPath);
    for (const QString &program : {QStringLiteral("parallel"), clitest::cliPath()}) {
        const QString log = m_tmp.filePath(QFileInfo(program).fileName() + QStringLiteral(".log"));
        const QString job = QStringLiteral("echo {} $LC_PDLOGIN >> %1; case {} in fail) exit 1;; long) sleep 3; echo long-end $LC_PDLOGIN >> %1;; esac").arg(log);
        QStringList args{QStringLiteral("--retries"), QStringLiteral("3"), QStringLiteral("-S"), logins, job,
                         QStringLiteral(":::"), QStringLiteral("fail"), QStringLiteral("long")};
        if (program != QLatin1String("parallel"))
            args.prepend(QStringLiteral("--no-history"));
        const clitest::Result r = remotetest::run(program, args);
        QCOMPARE(r.exitCode, 1);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray lines = f.readAll();
        const QStringList fail = hostsIn(lines, QStringLiteral("fail"));
        const QStringList longEnd = hostsIn(lines, QStringLiteral("long-end"));
        qInfo("%s: fail on %s, long on %s", qPrintable(QFileInfo(program).fileName()), qPrintable(fail.join(QLatin1Char(','))),
              qPrintable(longEnd.join(QLatin1Char(','))));
        QCOMPARE(longEnd.size(), 1);
        QCOMPARE(fail.size(), 3);
        QVERIFY(fail[0] != longEnd[0]); // at once, on the other login
        QCOMPARE(fail[1], longEnd[0]);  // waited for the login not tried yet
        QCOMPARE(fail[2], fail[0]);     // both tried once: the first again
        QVERIFY(lines.indexOf("long-end") < lines.lastIndexOf("fail " + longEnd[0].toUtf8()));
    }
}

QTEST_GUILESS_MAIN(TestSshPlacement)
#include "tst_sshplacement.moc"
