// The window's notifications, against a notification server of our own on a private session bus
// (ctest runs this under dbus-run-session): exactly one for a finished batch, and "Show" brings
// the window forward on the job.
#include "mainwindow.h"
#include "notifier.h"
#include "core/models/jobtablemodel.h"

#include <QDBusConnection>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;
using namespace procdeck::app;

namespace {
constexpr int kDeadlineMs = 30000;
} // namespace

class TestNotify : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void oneNotificationForAFinishedBatch();
    void showBringsTheWindowOnTheJob();
    void nothingWhenSwitchedOff();

private:
    /// Starts the test server (with `--invoke KEY` if given) and waits for it to own the name.
    bool startServer(const QStringList &args = {});
    /// The server's NOTIFY lines so far.
    QStringList notifications();

    QTemporaryDir m_home;
    QProcess m_server;
    QByteArray m_serverOutput;
};

void TestNotify::initTestCase()
{
    // Never the person's own desktop: only a bus made for this run.
    if (qEnvironmentVariableIsEmpty("PROCDECK_TEST_PRIVATE_BUS"))
        QSKIP("run through ctest (dbus-run-session gives it a private session bus)");
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QLocale::setDefault(QLocale::c());
}

void TestNotify::init()
{
    m_serverOutput.clear();
}

void TestNotify::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(kDeadlineMs);
    }
}

bool TestNotify::startServer(const QStringList &args)
{
    m_server.start(QStringLiteral(PROCDECK_NOTIFYSERVER_PATH), args);
    if (!m_server.waitForStarted(kDeadlineMs))
        return false;
    QDeadlineTimer deadline(kDeadlineMs);
    while (!m_serverOutput.contains("READY\n") && !deadline.hasExpired())
        if (m_server.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            m_serverOutput += m_server.readAllStandardOutput();
    return m_serverOutput.contains("READY\n");
}

QStringList TestNotify::notifications()
{
    m_serverOutput += m_server.readAllStandardOutput();
    QStringList lines;
    for (const QByteArray &line : m_serverOutput.split('\n'))
        if (line.startsWith("NOTIFY\t"))
            lines << QString::fromUtf8(line);
    return lines;
}

void TestNotify::oneNotificationForAFinishedBatch()
{
    QVERIFY(startServer());
    MainWindow w; // never shown, so never the active window: the person looks elsewhere
    QSignalSpy delivered(w.notifier(), &Notifier::delivered);
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch({testutil::shell(QStringLiteral("exit 0")), testutil::shell(QStringLiteral("exit 3")),
                   testutil::shell(QStringLiteral("exit 0"))},
                  3);
    QVERIFY(idle.wait(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(delivered.count() >= 1, kDeadlineMs);
    QVERIFY2(delivered.count() == 1, qPrintable(notifications().join(QLatin1Char('\n'))));
    QCOMPARE(delivered.first().first().toBool(), false); // by D-Bus, not the tray
    // The server printed each call before it answered it: what it printed is all there was.
    QTRY_VERIFY_WITH_TIMEOUT(notifications().size() >= 1, kDeadlineMs);
    QVERIFY2(notifications().size() == 1, qPrintable(notifications().join(QLatin1Char('\n'))));
    const QStringList fields = notifications().first().split(QLatin1Char('\t'));
    QCOMPARE(fields.value(2), QStringLiteral("ProcDeck"));
    QCOMPARE(fields.value(3), QStringLiteral("Batch ended: 1 job(s) failed"));
    QVERIFY2(fields.value(4).startsWith(QLatin1String("3 job(s)")), qPrintable(fields.value(4)));
    QVERIFY(m_serverOutput.contains("CAPS\n")); // it asked what the server can do
    QVERIFY2(fields.value(5).contains(QLatin1String("show")), qPrintable(fields.value(5))); // and offered "Show"
    // A job run alone and shorter than the threshold (10 s) is not worth a notification.
    w.launch(testutil::shell(QStringLiteral("exit 0")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY2(notifications().size() == 1 && delivered.count() == 1, qPrintable(notifications().join(QLatin1Char('\n'))));
}

void TestNotify::showBringsTheWindowOnTheJob()
{
    QVERIFY(startServer({QStringLiteral("--invoke"), QStringLiteral("show")})); // it "clicks" Show at once
    MainWindow w;
    QSignalSpy show(w.notifier(), &Notifier::showJobRequested);
    w.launchBatch({testutil::shell(QStringLiteral("exit 0")), testutil::shell(QStringLiteral("exit 4")),
                   testutil::shell(QStringLiteral("exit 0"))},
                  3);
    const int failing = w.scheduler().jobAt(1)->seq();
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->clearSelection();
    QTRY_COMPARE_WITH_TIMEOUT(show.count(), 1, kDeadlineMs);
    QCOMPARE(show.first().first().toInt(), failing); // the batch's first failure
    QTRY_VERIFY_WITH_TIMEOUT(w.isVisible(), kDeadlineMs);
    const QModelIndexList rows = w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(JobTableModel::SeqRole).toInt(), failing);
    QCOMPARE(notifications().size(), 1);
}

void TestNotify::nothingWhenSwitchedOff()
{
    QVERIFY(startServer());
    MainWindow w;
    NotifySettings off;
    off.enabled = false;
    w.notifier()->setSettings(off);
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch({testutil::shell(QStringLiteral("exit 0"))}, 1);
    QVERIFY(idle.wait(kDeadlineMs));
    // Switched on again, the next batch is told: the only notification is that one.
    w.notifier()->setSettings(NotifySettings{});
    QSignalSpy delivered(w.notifier(), &Notifier::delivered);
    w.launchBatch({testutil::shell(QStringLiteral("exit 0"))}, 1);
    QVERIFY(delivered.wait(kDeadlineMs));
    QTRY_COMPARE_WITH_TIMEOUT(notifications().size(), 1, kDeadlineMs);
    QVERIFY(notifications().first().contains(QLatin1String("all 1 job(s) succeeded")));
}

QTEST_MAIN(TestNotify)
#include "tst_notify.moc"
