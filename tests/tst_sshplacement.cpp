// Where jobs on ssh logins are placed, against the real sshd the ctest fixture services_sshd_start
// starts: a login's slots are the login's, whichever batches name it.
#include "remotetest.h"
#include "testutil.h"

#include "core/hostslots.h"
#include "core/scheduler.h"
#include "core/sshlogin.h"

#include <QtTest>

using namespace procdeck;

class TestSshPlacement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loginLimitIsTheLatestWord();
    void overlappingBatchesShareSlots();

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

    QString m_dir;
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

QTEST_GUILESS_MAIN(TestSshPlacement)
#include "tst_sshplacement.moc"
