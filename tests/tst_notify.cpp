// The window's notifications, against a notification server of our own on a private session bus
// (ctest runs this under dbus-run-session): exactly one for a finished batch, and "Show" brings
// the window forward on the job.
#include "mainwindow.h"
#include "notifier.h"
#include "core/models/jobtablemodel.h"

#include <QDBusConnection>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "notifytest.h"
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
    void cleanup();
    void oneNotificationForAFinishedBatch();
    void showBringsTheWindowOnTheJob();
    void nothingWhenSwitchedOff();

private:
    QTemporaryDir m_home;
    notifytest::Server m_server;
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

void TestNotify::cleanup()
{
    m_server.stop();
}

void TestNotify::oneNotificationForAFinishedBatch()
{
    QVERIFY(m_server.start());
    MainWindow w; // never shown, so never the active window: the person looks elsewhere
    QSignalSpy delivered(w.notifier(), &Notifier::delivered);
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch({testutil::shell(QStringLiteral("exit 0")), testutil::shell(QStringLiteral("exit 3")),
                   testutil::shell(QStringLiteral("exit 0"))},
                  3);
    QVERIFY(idle.wait(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(delivered.count() >= 1, kDeadlineMs);
    QVERIFY2(delivered.count() == 1, qPrintable(m_server.notifications().join(QLatin1Char('\n'))));
    QCOMPARE(delivered.first().first().toBool(), false); // by D-Bus, not the tray
    // The server printed each call before it answered it: what it printed is all there was.
    QTRY_VERIFY_WITH_TIMEOUT(m_server.notifications().size() >= 1, kDeadlineMs);
    QVERIFY2(m_server.notifications().size() == 1, qPrintable(m_server.notifications().join(QLatin1Char('\n'))));
    const QStringList fields = m_server.notifications().first().split(QLatin1Char('\t'));
    QCOMPARE(fields.value(2), QStringLiteral("ProcDeck"));
    QCOMPARE(fields.value(3), QStringLiteral("Batch ended: 1 job(s) failed"));
    QVERIFY2(fields.value(4).startsWith(QLatin1String("3 job(s)")), qPrintable(fields.value(4)));
    QVERIFY(m_server.output().contains("CAPS\n")); // it asked what the server can do
    QVERIFY2(fields.value(5).contains(QLatin1String("show")), qPrintable(fields.value(5))); // and offered "Show"
    // A job run alone and shorter than the threshold (10 s) is not worth a notification.
    w.launch(testutil::shell(QStringLiteral("exit 0")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY2(m_server.notifications().size() == 1 && delivered.count() == 1, qPrintable(m_server.notifications().join(QLatin1Char('\n'))));
}

void TestNotify::showBringsTheWindowOnTheJob()
{
    QVERIFY(m_server.start({QStringLiteral("--invoke"), QStringLiteral("show")})); // it "clicks" Show at once
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
    QCOMPARE(m_server.notifications().size(), 1);
}

void TestNotify::nothingWhenSwitchedOff()
{
    QVERIFY(m_server.start());
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
    QTRY_COMPARE_WITH_TIMEOUT(m_server.notifications().size(), 1, kDeadlineMs);
    QVERIFY(m_server.notifications().first().contains(QLatin1String("all 1 job(s) succeeded")));
}

QTEST_MAIN(TestNotify)
#include "tst_notify.moc"
