#include "enginestarter.h"

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

bool spawn(QString *error)
{
    const QByteArray program = QFile::encodeName(enginePath());
    const QString log = procdeck::enginepaths::logPath();
    QDir().mkpath(QFileInfo(log).absolutePath());
    const QByteArray logPath = QFile::encodeName(log);
    // The exec's errno comes back through a pipe closed by the exec itself (O_CLOEXEC).
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        *error = QStringLiteral("cannot start the engine: pipe: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Everything the child needs is made before the fork: after it, only async-signal-safe calls.
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(report[0]);
        ::close(report[1]);
        *error = QStringLiteral("cannot start the engine: fork: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (child == 0) {
        // A second fork: the engine is nobody's child but init's (or a subreaper's), so that
        // the client never has to collect it.
        ::setsid();
        if (::fork() != 0)
            ::_exit(0);
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open(logPath.constData(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(in, STDIN_FILENO);
        if (out >= 0) {
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
        }
        ::dup2(report[1], 3); // dup2 clears O_CLOEXEC: set it again
        ::fcntl(3, F_SETFD, FD_CLOEXEC);
        ::syscall(SYS_close_range, 4U, ~0U, 0U);
        if (::chdir("/") != 0) { } // the engine holds no client's folder
        char *const argv[] = {const_cast<char *>(program.constData()), nullptr};
        ::execv(program.constData(), argv);
        const int failed = errno;
        if (::write(3, &failed, sizeof failed) < 0) { }
        ::_exit(127);
    }
    ::close(report[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    int failed = 0;
    ssize_t n;
    while ((n = ::read(report[0], &failed, sizeof failed)) < 0 && errno == EINTR) { }
    ::close(report[0]);
    if (n == sizeof failed) {
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
