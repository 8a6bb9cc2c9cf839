// Issue 23's edges in procdeck-cli on this machine, against the real program: Ctrl+Z during a
// grace period, an --sshloginfile line with a note,
// --pty in GNU parallel's form, a failure line for a 1 MB command.
#include "clitest.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace clitest;

namespace {

/// Longer than any of these runs takes on a loaded machine; short of clitest's minute, so that
/// a job that hangs fails the test rather than the suite's timeout.
constexpr int kHangMs = 20000;

} // namespace

class TestCliEdges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stopDuringAGracePeriodWaitsForTheKill();
    void sshLoginFileNoteIsRefusedWithItsLine();
    void ptyInTheParallelForm();
    void longCommandIsCutInTheFailureLine();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

void TestCliEdges::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8()); // runs out of $HOME
    qputenv("LC_ALL", "C");
}

QString TestCliEdges::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestCliEdges::stopDuringAGracePeriodWaitsForTheKill()
{
    // SIGINT starts a 3 s grace for a job that ignores SIGTERM; a SIGTSTP during it stopped
    // procdeck-cli at once, and the SIGKILL waited for a SIGCONT ("0 job(s) paused").
    const QString pidFile = m_dir.filePath(QStringLiteral("grace.pid"));
    QProcess cli;
    const QString line = QStringLiteral("trap '' TERM; echo $$ > %1; exec sleep 3311").arg(pidFile);
    cli.start(cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--grace"),
                          QStringLiteral("3"), QStringLiteral("--shell"), line});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    const pid_t cliPid = pid_t(cli.processId());
    pid_t job = 0;
    QTRY_VERIFY_WITH_TIMEOUT((job = pid_t(testutil::pidInFile(pidFile))) > 0
                                 && testutil::commandLineOf(job) == "sleep 3311",
                             kDeadlineMs);
    QByteArray err;
    QElapsedTimer sinceInt;
    sinceInt.start();
    ::kill(cliPid, SIGINT);
    QTRY_VERIFY_WITH_TIMEOUT((err += cli.readAllStandardError()).contains("SIGINT received"),
                             kDeadlineMs);
    ::kill(cliPid, SIGTSTP);
    const auto gone = [&] { return testutil::commandLineOf(job) != "sleep 3311"; };
    const bool killed = QTest::qWaitFor(gone, kHangMs);
    const qint64 tookMs = sinceInt.elapsed();
    // Then it stops itself, as asked (or has ended already, its one job over).
    QTRY_VERIFY_WITH_TIMEOUT(QByteArray("TZ").contains(testutil::processState(cliPid))
                                 || cli.state() == QProcess::NotRunning,
                             kDeadlineMs);
    ::kill(cliPid, SIGCONT);
    if (!killed)
        ::kill(job, SIGKILL); // leave nothing running
    const Result r = finish(cli);
    err += r.err;
    QVERIFY2(killed, err.constData());
    QVERIFY2(tookMs >= 2900, qPrintable(QStringLiteral("SIGKILL after %1 ms").arg(tookMs)));
    QVERIFY2(err.contains("SIGTSTP: 0 job(s) paused with their process trees, nothing new starts; "
                          "1 job(s) being stopped (SIGTERM sent)"),
             err.constData());
    QCOMPARE(r.exitCode, 1);
}

void TestCliEdges::sshLoginFileNoteIsRefusedWithItsLine()
{
    // GNU parallel takes `localhost # note` as the host `note` and runs nothing.
    const QString file =
        write(QStringLiteral("logins"), "# my hosts\n2/localhost # the fast one\n");
    QVERIFY(!file.isEmpty());
    const Result r = runCli({QStringLiteral("--no-history"), QStringLiteral("--sshloginfile"), file,
                             QStringLiteral("--shell"), QStringLiteral("true")});
    QCOMPARE(r.exitCode, 255);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QVERIFY2(r.err.contains((file + QStringLiteral(":2: ")).toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains("a note after a login is not taken ('#')"), r.err.constData());
}

void TestCliEdges::ptyInTheParallelForm()
{
    const Result r = runCli({QStringLiteral("--no-history"), QStringLiteral("--pty"),
                             QStringLiteral("-k"), QStringLiteral("test -t 1 && echo terminal {}"),
                             QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("terminal a\nterminal b\n"));
}

void TestCliEdges::longCommandIsCutInTheFailureLine()
{
    // Too long to exec (E2BIG): the line that says so names the command by its start.
    const QByteArray command = "echo " + QByteArray(1000000, 'a');
    const QString file = write(QStringLiteral("commands"), command + '\n');
    QVERIFY(!file.isEmpty());
    const Result r =
        runCli({QStringLiteral("--no-history"), QStringLiteral("--commands-file"), file});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.size() < 1000,
             qPrintable(QStringLiteral("%1 bytes on stderr").arg(r.err.size())));
    QVERIFY2(r.err.contains("… (1000005 characters in all)): "), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCliEdges)
#include "tst_cliedges.moc"
