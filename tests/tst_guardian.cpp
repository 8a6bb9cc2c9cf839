// Whatever way the ProcDeck that started them dies, its job trees end: the guardian after a
// SIGKILL of procdeck-cli and of the window, escapees included, and the history says so.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

#include "core/process/guardian.h"
#include "core/process/reaper.h"
#include "testutil.h"

using testutil::processesNamed;

namespace {
constexpr int kDeadlineMs = 30000;
/// The promise is 2 s (SIGTERM, SIGKILL after the guardian's 1 s grace); a loaded machine is
/// given 3 s, the issue's own "3 s later ps shows none".
constexpr qint64 kGoneWithinMs = 3000;

QProcessEnvironment environmentWithData(const QString &dataHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

/// The guardian of ProcDeck `parent`: its child named procdeck-guard (0 when none).
pid_t guardianOf(qint64 parent)
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        if (close < 0 || !text.contains("(procdeck-guard)"))
            continue;
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields[0] != "Z" && fields[1].toLongLong() == parent)
            return pid_t(entry.toInt());
    }
    return 0;
}

QByteArray historyJson(const QProcessEnvironment &env)
{
    QProcess list;
    list.setProcessEnvironment(env);
    list.start(QStringLiteral(PROCDECK_CLI_PATH), {"--history", "--json"});
    list.waitForFinished(kDeadlineMs);
    return list.readAllStandardOutput();
}
} // namespace

class TestGuardian : public QObject
{
    Q_OBJECT

private slots:
    void killNineOfTheCliLeavesNothing();
    void killNineOfTheWindowLeavesNothing();
    void sigintGivesTheJobItsTermTrap();
    void aLostGuardianIsReplaced();
    void aStoppedGuardianNeverStopsProcDeck();

private:
    void killNineLeavesNothing(const QString &program, const QByteArray &base);
};

void TestGuardian::killNineLeavesNothing(const QString &program, const QByteArray &base)
{
    QTemporaryDir data;
    const QProcessEnvironment env = environmentWithData(data.path());
    const QByteArray a = "sleep " + base + '1', b = "sleep " + base + '2', c = "sleep " + base + '3';
    // One in the job's group, one that left it with setsid, and the leader's own.
    const QString line = QStringLiteral("%1 & setsid %2 & %3; wait").arg(QString::fromLatin1(a), QString::fromLatin1(b), QString::fromLatin1(c));
    QProcess deck;
    deck.setProcessEnvironment(env);
    deck.start(program, {QStringLiteral("--shell"), line});
    QVERIFY(deck.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(!processesNamed(a).isEmpty() && !processesNamed(b).isEmpty() && !processesNamed(c).isEmpty(), kDeadlineMs);
    // The history has the job as running before ProcDeck dies (rows go in within 0.2 s).
    QTRY_VERIFY_WITH_TIMEOUT(historyJson(env).contains("\"state\":\"running\""), kDeadlineMs);

    ::kill(pid_t(deck.processId()), SIGKILL);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(deck.waitForFinished(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(processesNamed(a).isEmpty() && processesNamed(b).isEmpty() && processesNamed(c).isEmpty(), kDeadlineMs);
    QVERIFY2(clock.elapsed() <= kGoneWithinMs, qPrintable(QStringLiteral("the job tree took %1 ms to end").arg(clock.elapsed())));

    // The next look at the history shows the job interrupted, ended by the guardian.
    QByteArray json;
    QTRY_VERIFY_WITH_TIMEOUT((json = historyJson(env)).contains("guardian"), kDeadlineMs);
    QVERIFY2(json.contains("\"state\":\"interrupted\""), json.constData());
}

void TestGuardian::killNineOfTheCliLeavesNothing()
{
    killNineLeavesNothing(QStringLiteral(PROCDECK_CLI_PATH), "340");
}

void TestGuardian::killNineOfTheWindowLeavesNothing()
{
#ifdef PROCDECK_GUI_PATH
    killNineLeavesNothing(QStringLiteral(PROCDECK_GUI_PATH), "341");
#else
    QSKIP("built without the window");
#endif
}

void TestGuardian::sigintGivesTheJobItsTermTrap()
{
    QTemporaryDir data;
    const QString flag = data.filePath(QStringLiteral("trap-ran"));
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data.path()));
    cli.start(QStringLiteral(PROCDECK_CLI_PATH),
              {QStringLiteral("--no-history"), QStringLiteral("--shell"),
               QStringLiteral("trap 'echo bye > %1; exit 0' TERM; sleep 3421 & wait").arg(flag)});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(!processesNamed("sleep 3421").isEmpty(), kDeadlineMs);
    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QVERIFY(QFile::exists(flag));
    QTRY_VERIFY_WITH_TIMEOUT(processesNamed("sleep 3421").isEmpty(), kDeadlineMs);
}

void TestGuardian::aLostGuardianIsReplaced()
{
    // Someone kills the guardian: ProcDeck sees it at its next word to it (a job's end), makes a
    // new one and tells it every running job; a kill -9 of ProcDeck then still ends them.
    QTemporaryDir data;
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data.path()));
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), {QStringLiteral("--no-history"), QStringLiteral("-j"), QStringLiteral("2"),
                                                  QStringLiteral("--shell"), QStringLiteral("sleep 3441"),
                                                  QStringLiteral("--shell"), QStringLiteral("sleep 3")});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    pid_t first = 0;
    QTRY_VERIFY_WITH_TIMEOUT((first = guardianOf(cli.processId())) > 0, kDeadlineMs);
    ::kill(first, SIGKILL);
    pid_t second = 0; // after `sleep 3` ends
    QTRY_VERIFY_WITH_TIMEOUT((second = guardianOf(cli.processId())) > 0 && second != first, kDeadlineMs);
    QVERIFY(!processesNamed("sleep 3441").isEmpty());
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(processesNamed("sleep 3441").isEmpty(), kDeadlineMs);
}

void TestGuardian::aStoppedGuardianNeverStopsProcDeck()
{
    // The guardian rests between drains and may be slow, or stopped: a burst of starts and ends
    // larger than its socket holds (~270 records) must not make ProcDeck wait, and every byte
    // reaches it once it reads again.
    using namespace procdeck;
    QVERIFY(guardian::ensureRunning());
    const pid_t keeper = guardian::pid();
    QVERIFY(::kill(keeper, SIGSTOP) == 0);
    QSemaphore burstDone;
    std::atomic<bool> rescued{false};
    std::thread watchdog([&] { // were a send to block, this lets it go on, and the test fail
        if (!burstDone.tryAcquire(1, kDeadlineMs)) {
            rescued = true;
            ::kill(keeper, SIGCONT);
        }
    });
    // One group of the test's own, told 20,000 times: were the test to die mid-burst, the
    // guardian would signal that group, never another program's.
    const pid_t group = ::fork();
    QVERIFY(group >= 0);
    if (group == 0) {
        ::setpgid(0, 0);
        ::pause();
        ::_exit(0);
    }
    ::setpgid(group, group); // both sides: whichever runs first, it is a group before it is told
    reaper::registerChild(group); // ours to collect, not a stray
    constexpr int kJobs = 20000;
    for (int i = 0; i < kJobs; ++i) {
        guardian::jobStarted(i + 1, group); // each ends again at once
        guardian::jobEnded(i + 1, group);
    }
    burstDone.release();
    watchdog.join();
    QVERIFY2(!rescued, "a send waited for the stopped guardian");
    QVERIFY(guardian::waitingBytes() > 0);
    QVERIFY(::kill(keeper, SIGCONT) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(guardian::waitingBytes(), qsizetype(0), kDeadlineMs);
    QCOMPARE(guardian::pid(), keeper); // the same guardian, never taken for lost
    ::kill(-group, SIGKILL);
    QCOMPARE(::waitpid(group, nullptr, 0), group);
    reaper::unregisterChild(group);
}

QTEST_GUILESS_MAIN(TestGuardian)
#include "tst_guardian.moc"
