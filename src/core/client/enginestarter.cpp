#include "enginestarter.h"

#include "process/reaper.h"
#include "protocol/enginepaths.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::enginestarter {

namespace {

/// The three pipes of a start, all O_CLOEXEC: the exec's errno (closed by the exec itself), the
/// engine's pid from the fork between, and the word that it may exit (the client's end closed).
struct Pipes {
    int report[2] = {-1, -1};
    int handOff[2] = {-1, -1};
    int marked[2] = {-1, -1};

    bool open()
    {
        return ::pipe2(report, O_CLOEXEC) == 0 && ::pipe2(handOff, O_CLOEXEC) == 0
                && ::pipe2(marked, O_CLOEXEC) == 0;
    }
    void closeChildEnds()
    {
        closeOne(report[1]);
        closeOne(handOff[1]);
        closeOne(marked[0]);
    }
    void closeMarked() { closeOne(marked[1]); }
    ~Pipes()
    {
        for (int *fd : {&report[0], &report[1], &handOff[0], &handOff[1], &marked[0], &marked[1]})
            closeOne(*fd);
    }

private:
    static void closeOne(int &fd)
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

/// How long a started engine may take to answer: its start-up is not ours to bound tightly,
/// only to give up on at last.
constexpr int kEngineStartMs = 30000;
constexpr int kConnectPollMs = 20;

bool answers()
{
    QLocalSocket socket;
    socket.connectToServer(enginepaths::socketPath());
    return socket.waitForConnected(5000);
}

} // namespace

QString enginePath()
{
    // Another engine program for packagers and tests (an upgrade under a running engine).
    if (const QString chosen = qEnvironmentVariable("PROCDECK_ENGINE"); !chosen.isEmpty())
        return chosen;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {here.filePath(QStringLiteral("procdeck-engine")),
          here.filePath(QStringLiteral("../engine/procdeck-engine")),
          here.filePath(QStringLiteral("../src/engine/procdeck-engine"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    return here.filePath(QStringLiteral("procdeck-engine"));
}

namespace {

QString failure(const char *what, int errorNumber)
{
    return QStringLiteral("cannot start the engine: %1: %2")
            .arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errorNumber)));
}

/// The fork between the client and the engine: a session of its own, then the engine's fork,
/// whose pid goes to the client; it exits once the client has marked that pid (reaper), so that
/// a client that is a subreaper never takes the engine for a job's stray. Only async-signal-safe
/// calls: the client may have threads.
[[noreturn]] void runBetween(const Pipes &pipes, const char *program, const char *logPath)
{
    ::setsid();
    const pid_t engine = ::fork();
    if (engine != 0) {
        const int reported = engine > 0 ? int(engine) : -errno;
        if (::write(pipes.handOff[1], &reported, sizeof reported) < 0) { }
        ::close(pipes.marked[1]); // the client's end closed is the word
        char marked = 0;
        while (::read(pipes.marked[0], &marked, 1) < 0 && errno == EINTR) { }
        ::_exit(0);
    }
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0600);
    ::dup2(in, STDIN_FILENO);
    if (out >= 0) {
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
    }
    ::dup2(pipes.report[1], 3); // dup2 clears O_CLOEXEC: set it again
    ::fcntl(3, F_SETFD, FD_CLOEXEC);
    ::syscall(SYS_close_range, 4U, ~0U, 0U);
    if (::chdir("/") != 0) { } // the engine holds no client's folder
    char *const argv[] = {const_cast<char *>(program), nullptr};
    ::execv(program, argv);
    const int failed = errno;
    if (::write(3, &failed, sizeof failed) < 0) { }
    ::_exit(127);
}

template<typename T>
ssize_t readWhole(int fd, T *value)
{
    ssize_t n;
    while ((n = ::read(fd, value, sizeof *value)) < 0 && errno == EINTR) { }
    return n;
}

} // namespace

bool spawn(QString *error)
{
    const QByteArray program = QFile::encodeName(enginePath());
    const QString log = procdeck::enginepaths::logPath();
    QDir().mkpath(QFileInfo(log).absolutePath());
    const QByteArray logPath = QFile::encodeName(log);
    // The exec's errno comes back through a pipe closed by the exec itself (O_CLOEXEC).
    Pipes pipes;
    if (!pipes.open()) {
        *error = failure("pipe", errno);
        return false;
    }
    // Everything the child needs is made before the fork: after it, only async-signal-safe calls.
    const pid_t between = ::fork();
    if (between < 0) {
        *error = failure("fork", errno);
        return false;
    }
    if (between == 0)
        runBetween(pipes, program.constData(), logPath.constData());
    pipes.closeChildEnds();
    int engine = 0;
    if (readWhole(pipes.handOff[0], &engine) == sizeof engine && engine > 0)
        reaper::markDaemon(pid_t(engine));
    pipes.closeMarked(); // the fork between may go: the engine is marked
    int status = 0;
    while (::waitpid(between, &status, 0) < 0 && errno == EINTR) { }
    if (engine <= 0) {
        *error = failure("fork", engine < 0 ? -engine : EAGAIN);
        return false;
    }
    reaper::reapDaemonWhenItEnds(pid_t(engine)); // ours now where we are a subreaper
    int failed = 0;
    if (readWhole(pipes.report[0], &failed) == sizeof failed) {
        *error = QStringLiteral("cannot start the engine '%1': %2")
                         .arg(QFile::decodeName(program),
                              QString::fromLocal8Bit(std::strerror(failed)));
        return false;
    }
    return true;
}

bool ensureRunning(QString *error)
{
    // Under the start lock: whoever got it first started the engine we then find answering.
    const QString lockPath = enginepaths::startLockPath();
    const int lock = ::open(QFile::encodeName(lockPath).constData(),
                            O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        *error = QStringLiteral("cannot lock '%1'").arg(lockPath);
        if (lock >= 0)
            ::close(lock);
        return false;
    }
    bool answered = answers();
    if (!answered && spawn(error)) {
        const QDeadlineTimer deadline(kEngineStartMs);
        while (!(answered = answers()) && !deadline.hasExpired())
            QThread::msleep(kConnectPollMs);
        if (!answered)
            *error = QStringLiteral("the engine did not answer within %1 s (see %2)")
                             .arg(kEngineStartMs / 1000)
                             .arg(enginepaths::logPath());
    }
    ::close(lock); // lets the lock go
    return answered;
}

} // namespace procdeck::enginestarter
