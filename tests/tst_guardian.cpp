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

/// The living child of `parent` whose name is `name` (0 when none).
pid_t childNamed(qint64 parent, const QByteArray &name)
{
    const QByteArray needle = '(' + name + ')';
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        if (close < 0 || !text.contains(needle))
            continue;
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields[0] != "Z" && fields[1].toLongLong() == parent)
            return pid_t(entry.toInt());
    }
    return 0;
}

/// The guardian of ProcDeck `parent` (0 when none).
pid_t guardianOf(qint64 parent)
{
    return childNamed(parent, "procdeck-guard");
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
    void theGuardianHasACommandLineOfItsOwn();
    void aKilledGuardianIsReplacedAtOnce();
    void killNineOfTheCliAndItsGuardianTogether();

private:
    /// procdeck-cli running `sleep <base>1` (and its guardian); false on a failure.
    bool startCliWithAJob(QProcess *cli, const QProcessEnvironment &env, const QByteArray &sleep);
    void killNineLeavesNothing(const QString &program, const QByteArray &base,
                               const QStringList &options = {});
};

void TestGuardian::killNineLeavesNothing(const QString &program, const QByteArray &base,
                                         const QStringList &options)
{
    QTemporaryDir data;
    const QProcessEnvironment env = environmentWithData(data.path());
    const QByteArray a = "sleep " + base + '1', b = "sleep " + base + '2', c = "sleep " + base + '3';
    // One in the job's group, one that left it with setsid, and the leader's own.
    const QString line = QStringLiteral("%1 & setsid %2 & %3; wait").arg(QString::fromLatin1(a), QString::fromLatin1(b), QString::fromLatin1(c));
    QProcess deck;
    deck.setProcessEnvironment(env);
    deck.start(program, options + QStringList{QStringLiteral("--shell"), line});
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
    // Its own jobs (--in-window); the ones it hands to the engine run on after it
    // (tst_windowcommandengine).
    killNineLeavesNothing(QStringLiteral(PROCDECK_GUI_PATH), "341",
                          {QStringLiteral("--in-window")});
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
    // Someone kills the guardian: ProcDeck sees it (its socket closes, or at its next word to it,
    // a job's end), makes a new one and tells it every running job; a kill -9 of ProcDeck then
    // still ends them.
    QTemporaryDir data;
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data.path()));
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), {QStringLiteral("--no-history"), QStringLiteral("-j"), QStringLiteral("2"),
                                                  QStringLiteral("--shell"), QStringLiteral("sleep 3441"),
                                                  QStringLiteral("--shell"), QStringLiteral("sleep 3")});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    pid_t first = 0;
    QTRY_VERIFY_WITH_TIMEOUT((first = guardianOf(cli.processId())) > 0, kDeadlineMs);
    // The guardian starts before the first job's exec: the job must run before it is killed.
    QTRY_VERIFY_WITH_TIMEOUT(!processesNamed("sleep 3441").isEmpty(), kDeadlineMs);
    ::kill(first, SIGKILL);
    pid_t second = 0;
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

bool TestGuardian::startCliWithAJob(QProcess *cli, const QProcessEnvironment &env,
                                    const QByteArray &sleep)
{
    cli->setProcessEnvironment(env);
    const QString line = QString::fromLatin1(sleep + " & setsid " + sleep + "; wait");
    cli->start(QStringLiteral(PROCDECK_CLI_PATH),
               {QStringLiteral("--no-history"), QStringLiteral("--shell"), line});
    const auto up = [&] {
        return processesNamed(sleep).size() == 2 && guardianOf(cli->processId()) > 0;
    };
    return cli->waitForStarted(kDeadlineMs) && QTest::qWaitFor(up, kDeadlineMs);
}

void TestGuardian::theGuardianHasACommandLineOfItsOwn()
{
    // It was a fork of procdeck-cli with its whole command line: `pkill -9 -f procdeck-cli`
    // killed both, and the jobs ran on. Here the same to this test's own two processes.
    QTemporaryDir data;
    QProcess cli;
    QVERIFY(startCliWithAJob(&cli, environmentWithData(data.path()), "sleep 3461"));
    const pid_t guard = guardianOf(cli.processId());
    const QByteArray cmdline = testutil::commandLineOf(guard);
    QVERIFY2(cmdline.startsWith("procdeck-guard --run ") && !cmdline.contains("procdeck-cli"),
             cmdline.constData());
    for (const pid_t pid : {pid_t(cli.processId()), guard})
        if (testutil::commandLineOf(pid).contains("procdeck-cli"))
            ::kill(pid, SIGKILL);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(processesNamed("sleep 3461").isEmpty(), kDeadlineMs);
}

void TestGuardian::aKilledGuardianIsReplacedAtOnce()
{
    // No job starts or ends after the kill: ProcDeck hears of the death itself, collects the
    // guardian and makes a new one, told of the running job.
    QTemporaryDir data;
    QProcess cli;
    QVERIFY(startCliWithAJob(&cli, environmentWithData(data.path()), "sleep 3471"));
    const pid_t first = guardianOf(cli.processId());
    QVERIFY(first > 1);
    ::kill(first, SIGKILL);
    pid_t second = 0;
    QTRY_VERIFY_WITH_TIMEOUT((second = guardianOf(cli.processId())) > 0 && second != first,
                             kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(testutil::processState(first), '\0', kDeadlineMs); // collected
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(processesNamed("sleep 3471").isEmpty(), kDeadlineMs);
}

void TestGuardian::killNineOfTheCliAndItsGuardianTogether()
{
    // Nobody is left to hear either death but the guardian's watcher.
    QTemporaryDir data;
    QProcess cli;
    QVERIFY(startCliWithAJob(&cli, environmentWithData(data.path()), "sleep 3481"));
    const pid_t guard = guardianOf(cli.processId());
    QVERIFY(guard > 1); // never kill(0, …): that is this test's own group
    // The guardian forks its watcher as it starts; killed before that, nothing is left to
    // watch, and that is not the case this test is about.
    QTRY_VERIFY_WITH_TIMEOUT(childNamed(guard, "procdeck-watch") > 0, kDeadlineMs);
    ::kill(pid_t(cli.processId()), SIGKILL);
    ::kill(guard, SIGKILL);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    const auto gone = [] { return processesNamed("sleep 3481").isEmpty(); };
    const bool ended = QTest::qWaitFor(gone, kDeadlineMs);
    for (const pid_t pid : processesNamed("sleep 3481"))
        ::kill(pid, SIGKILL); // leave nothing running when it failed
    QVERIFY2(ended, "the job tree outlived ProcDeck and its guardian");
    QVERIFY2(clock.elapsed() <= kGoneWithinMs,
             qPrintable(QStringLiteral("the job tree took %1 ms to end").arg(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestGuardian)
#include "tst_guardian.moc"
