// The engine's notifications (issue 25): a batch handed to the engine is told to the desktop when
// it ends, by the window's rule and in its words. Against a notification server of our own on a
// private session bus (ctest runs this under dbus-run-session) and a real procdeck-engine.
#include "enginetest.h"
#include "notifytest.h"

#include <QDBusConnection>
#include <QTest>

using enginetest::Home;

namespace {
constexpr int kDeadlineMs = 30000;

/// A batch of three jobs, the second failing, handed over and waited for: its wait's status.
int runBatchThroughTheEngine(const Home &home)
{
    const clitest::Result detach = home.cli({QStringLiteral("--detach"), QStringLiteral("exit {}"),
                                             QStringLiteral(":::"), QStringLiteral("0"),
                                             QStringLiteral("3"), QStringLiteral("0")});
    if (detach.exitCode != 0)
        return -1;
    QStringList wait{QStringLiteral("--wait")};
    for (const QByteArray &number : detach.out.trimmed().split('\n'))
        wait << QString::fromLatin1(number);
    return home.cli(wait).exitCode;
}
} // namespace

class TestEngineNotify : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aBatchThatEndsWithNoWindowIsTold();
    void nothingWhenSwitchedOff();

private:
    notifytest::Server m_server;
};

void TestEngineNotify::initTestCase()
{
    // Never the person's own desktop: only a bus made for this run.
    if (qEnvironmentVariableIsEmpty("PROCDECK_TEST_PRIVATE_BUS"))
        QSKIP("run through ctest (dbus-run-session gives it a private session bus)");
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    QVERIFY(m_server.start());
}

void TestEngineNotify::aBatchThatEndsWithNoWindowIsTold()
{
    const Home home; // the engine inherits the bus of the client that starts it
    const int before = int(m_server.notifications().size());
    QCOMPARE(runBatchThroughTheEngine(home), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.notifications().size(), before + 1, kDeadlineMs);
    const QStringList fields = m_server.notifications().last().split(QLatin1Char('\t'));
    QCOMPARE(fields.value(2), QStringLiteral("ProcDeck"));
    // LC_ALL=C: English, with its plural forms, as the window says it.
    QCOMPARE(fields.value(3), QStringLiteral("Batch ended: 1 job failed"));
    QVERIFY2(fields.value(4).startsWith(QStringLiteral("3 jobs · ")), qPrintable(fields.value(4)));
    QCOMPARE(fields.value(6), QStringLiteral("org.procdeck.ProcDeck")); // the window's entry
    // A job handed over alone, shorter than the setting's 10 s, is not worth one.
    const clitest::Result alone = home.cli({QStringLiteral("--detach"), QStringLiteral("--shell"),
                                            QStringLiteral("exit 0")});
    QCOMPARE(alone.exitCode, 0);
    QCOMPARE(home.cli({QStringLiteral("--wait"), QString::fromLatin1(alone.out.trimmed())})
                     .exitCode, 0);
    QCOMPARE(runBatchThroughTheEngine(home), 1); // told: what came before it was not
    QTRY_COMPARE_WITH_TIMEOUT(m_server.notifications().size(), before + 2, kDeadlineMs);
    QVERIFY(m_server.notifications().last().contains(QLatin1String("Batch ended")));
}

void TestEngineNotify::nothingWhenSwitchedOff()
{
    Home home;
    QDir(home.path("config")).mkpath(QStringLiteral("procdeck"));
    QFile conf(home.path("config") + QStringLiteral("/procdeck/procdeck.conf"));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("[notify]\nenabled=false\n");
    conf.close();
    const int before = int(m_server.notifications().size());
    QCOMPARE(runBatchThroughTheEngine(home), 1);
    // Switched on again while the engine runs: it reads the setting at each end.
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("[notify]\nenabled=true\n");
    conf.close();
    QCOMPARE(runBatchThroughTheEngine(home), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.notifications().size(), before + 1, kDeadlineMs);
}

QTEST_GUILESS_MAIN(TestEngineNotify)
#include "tst_enginenotify.moc"
