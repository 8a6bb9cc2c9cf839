// Issue 24.2: one owner for child processes. The helpers core runs for itself (squeue, scontrol,
// scancel, an ssh probe) are registered before they can exit, so the reaper's sweep of strays,
// which runs at every job's end, never collects one under QProcess's feet.
#include "core/process/helperprocess.h"
#include "core/process/reaper.h"

#include <QSignalSpy>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <sys/wait.h>

using namespace procdeck;

class TestHelperProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { reaper::enableSubreaper(); }
    void sweepLeavesAnEndedHelperToItsOwner();
    void failedStartIsToldLater();
    void teardownEndsARunningHelperQuietly();
};

void TestHelperProcess::sweepLeavesAnEndedHelperToItsOwner()
{
    // The helper has exited and QProcess has not heard of it yet when a job's end sweeps the
    // strays: the sweep must leave it alone, and its owner hears its real exit status (an
    // unregistered QProcess read finished(0, CrashExit) here).
    HelperProcess helper;
    QSignalSpy ended(&helper, &HelperProcess::finished);
    helper.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("echo said; exit 7")});
    QVERIFY(helper.isRunning());
    const pid_t pid = helper.pid();
    QVERIFY(pid > 0);
    siginfo_t info{};
    // Waits for its exit without collecting it (WNOWAIT), with no turn of the event loop.
    QCOMPARE(::waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT), 0);
    QCOMPARE(info.si_status, 7);
    QVERIFY(!reaper::strayChildren().contains(pid));
    reaper::reapStrays(); // what every job's end runs
    QVERIFY(ended.wait(10000));
    const auto result = ended.at(0).at(0).value<HelperResult>();
    QVERIFY2(result.ran, qPrintable(result.error));
    QCOMPARE(result.exitCode, 7);
    QCOMPARE(result.out, QByteArray("said\n"));
    QVERIFY(!helper.isRunning());
    QVERIFY(!reaper::isRegistered(pid)); // its owner has collected it: nothing left to own
}

void TestHelperProcess::failedStartIsToldLater()
{
    HelperProcess helper;
    QSignalSpy ended(&helper, &HelperProcess::finished);
    helper.start(QStringLiteral("/nonexistent/procdeck-helper"), {});
    QCOMPARE(ended.size(), 0); // never inside start(): callers finish their own bookkeeping first
    QVERIFY(ended.wait(10000));
    const auto result = ended.at(0).at(0).value<HelperResult>();
    QVERIFY(!result.ran);
    QVERIFY2(result.error.startsWith(QStringLiteral("/nonexistent/procdeck-helper: ")),
             qPrintable(result.error));
    QVERIFY(!helper.isRunning());
}

void TestHelperProcess::teardownEndsARunningHelperQuietly()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("Destroyed while process")));
    pid_t pid = 0;
    {
        HelperProcess helper;
        helper.start(QStringLiteral("sleep"), {QStringLiteral("3141")});
        QVERIFY(helper.isRunning());
        pid = helper.pid();
        QVERIFY(reaper::isRegistered(pid));
    }
    errno = 0;
    QCOMPARE(::kill(pid, 0), -1); // killed and collected: not even a zombie is left
    QCOMPARE(errno, ESRCH);
    QVERIFY(!reaper::isRegistered(pid));
}

QTEST_GUILESS_MAIN(TestHelperProcess)
#include "tst_helperprocess.moc"
