// Issue 24.2: one owner for child processes. The helpers core runs for itself (squeue, scontrol,
// scancel, an ssh probe) are registered before they can exit, so the reaper's sweep of strays,
// which runs at every job's end, never collects one under QProcess's feet.
#include "core/client/enginestarter.h"
#include "core/process/helperprocess.h"
#include "core/process/reaper.h"
#include "core/process/treekiller.h"

#include <QSignalSpy>
#include <QtTest>

#include <QTemporaryDir>

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
    void anEngineStartedHereIsNoJobsStray();
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

namespace {
/// The parent's pid, from /proc/PID/stat (its fourth field); 0 when the process is gone.
pid_t parentOf(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? pid_t(fields.at(1).toInt()) : 0;
}
} // namespace

void TestHelperProcess::anEngineStartedHereIsNoJobsStray()
{
    // The window is a subreaper: the engine it starts (double-forked, a session of its own, no
    // job's marker) comes back to it as a child. A job's end sweeps the strays and kills those
    // that left a job's tree; it killed the engine just started when a job ended meanwhile (a
    // window restarting its engine saw "did not answer within 30 s").
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString pidFile = home.filePath(QStringLiteral("engine.pid"));
    const QString program = home.filePath(QStringLiteral("engine.sh"));
    QFile script(program);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(QStringLiteral("#!/bin/sh\necho $$ > '%1.new'; mv '%1.new' '%1'\nexec sleep 3141\n")
                         .arg(pidFile)
                         .toUtf8());
    script.close();
    QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    qputenv("PROCDECK_ENGINE", QFile::encodeName(program));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.path())); // its log
    QString error;
    QVERIFY2(enginestarter::spawn(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidFile), 30000);
    QFile written(pidFile);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const pid_t engine = pid_t(written.readAll().trimmed().toInt());
    QVERIFY(engine > 0);
    QCOMPARE(parentOf(engine), ::getpid()); // ours: we are the subreaper it came back to
    QVERIFY(reaper::isDaemon(engine));
    QVERIFY(!reaper::strayChildren().contains(engine));
    TreeKiller::sweepLeftovers(0, 1, false); // what a job's end runs
    QCOMPARE(::kill(engine, 0), 0); // left alone
    ::kill(engine, SIGTERM);
    // Collected by its own waiter: no zombie left, and the mark gone with it.
    QTRY_VERIFY_WITH_TIMEOUT(!reaper::isDaemon(engine), 30000);
    errno = 0;
    QCOMPARE(::kill(engine, 0), -1);
    QCOMPARE(errno, ESRCH);
}

QTEST_GUILESS_MAIN(TestHelperProcess)
#include "tst_helperprocess.moc"
