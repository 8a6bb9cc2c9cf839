#include "guardian.h"

#include "guardianchannel.h"
#include "guardianprotocol.h"
#include "reaper.h"
#include "session.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace procdeck::guardian {

namespace {

/// A lost guardian is looked for this often until collected, and killed after a second.
constexpr int kCollectEveryMs = 20;
constexpr int kCollectTriesBeforeKill = 50;

std::unique_ptr<Channel> s_channel; ///< null while no guardian runs
pid_t s_pid = 0;
QByteArray s_reportPath;
/// What the guardian has been told, kept here too: a guardian lost (killed by someone) is made
/// anew and told it all again.
QHash<pid_t, int> s_running; ///< pgid → seq
QSet<pid_t> s_paused;        ///< pgids of the jobs paused now
QSet<int> s_slurmTrees;      ///< tree ids of the Slurm jobs submitted and not ended
QSet<int> s_allocations;     ///< job ids of the Slurm allocations held

bool sendBytes(const void *data, size_t size)
{
    return s_channel && s_channel->send(data, size);
}

bool sendRecord(const Record &record)
{
    return sendBytes(&record, sizeof record);
}

bool sendReportPath()
{
    if (s_reportPath.isEmpty())
        return true;
    // Record and path in one send: the guardian reads them together.
    QByteArray message(sizeof(Record), '\0');
    const Record record{ReportPath, int32_t(s_reportPath.size()), 0};
    std::memcpy(message.data(), &record, sizeof record);
    message += s_reportPath;
    return sendBytes(message.constData(), size_t(message.size()));
}

/// A new guardian hears the report path and every running job.
void tellEverything()
{
    bool ok = sendReportPath();
    for (auto it = s_running.constBegin(); ok && it != s_running.constEnd(); ++it)
        ok = sendRecord(Record{JobStarted, it.value(), it.key()});
    for (auto it = s_slurmTrees.constBegin(); ok && it != s_slurmTrees.constEnd(); ++it)
        ok = sendRecord(Record{SlurmStarted, *it, 0});
    for (auto it = s_allocations.constBegin(); ok && it != s_allocations.constEnd(); ++it)
        ok = sendRecord(Record{SlurmAllocated, *it, 0});
    // A new guardian counts a pause from when it hears of it: earlier pauses are not known to it.
    for (auto it = s_paused.constBegin(); ok && it != s_paused.constEnd(); ++it)
        ok = sendRecord(Record{JobPaused, 0, *it});
}

/// The guardian is gone (its socket closed, or a send failed): collect it, make a new one and
/// tell it everything again.
/// Its socket closes as it exits, before it is a zombie: a loaded machine makes that a while.
/// Looked for again until collected (never waited for); it stays registered meanwhile, so the
/// reaper leaves it be and its pid is never another's. One that lives on without its socket is
/// of no use: killed. Its watcher, re-parented to us, exits within kPairWindowMs: collected then.
void collectLostGuardian(pid_t pid, int tries)
{
    if (::waitpid(pid, nullptr, WNOHANG) != 0) { // collected (or, -1, not ours to collect)
        reaper::unregisterChild(pid);
        QTimer::singleShot(kPairWindowMs + kCollectEveryMs, [] { reaper::reapStrays(); });
        return;
    }
    if (tries == kCollectTriesBeforeKill)
        ::kill(pid, SIGKILL);
    QTimer::singleShot(kCollectEveryMs, [pid, tries] { collectLostGuardian(pid, tries + 1); });
}

void replaceLostGuardian()
{
    s_channel.reset();
    if (s_pid > 0) {
        collectLostGuardian(s_pid, 0);
        s_pid = 0;
    }
    ensureRunning(); // a new one hears everything
}

void send(const Record &record)
{
    if (!sendRecord(record) && s_channel)
        replaceLostGuardian(); // s_running already holds the change this record was
}

/// procdeck-guard beside the program that runs (installed), else the one of the build tree.
const QByteArray &guardProgram()
{
    static const QByteArray path = [] {
        if (QCoreApplication::instance()) {
            const QString beside =
                QCoreApplication::applicationDirPath() + QStringLiteral("/procdeck-guard");
            if (QFile::exists(beside))
                return QFile::encodeName(beside);
        }
        return QByteArray(PROCDECK_GUARD_BUILD_PATH);
    }();
    return path;
}

/// Spawns procdeck-guard with `fd` as its descriptor kSocketFd, in a group of its own (Ctrl+C
/// is ProcDeck's), every signal at its default, stdin and stdout /dev/null. 0 on failure.
pid_t spawnGuard(int fd)
{
    const QByteArray runId = session::id().toLatin1();
    const QByteArray parent = QByteArray::number(qint64(::getpid()));
    const QByteArray &program = guardProgram();
    char *argv[] = {const_cast<char *>("procdeck-guard"), const_cast<char *>("--run"),
                    const_cast<char *>(runId.constData()), const_cast<char *>("--parent"),
                    const_cast<char *>(parent.constData()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fd, kSocketFd); // clears its close-on-exec
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&attributes);
    sigset_t all;
    sigset_t none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &all); // ProcDeck may ignore some (SIGPIPE)
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF
                                              | POSIX_SPAWN_SETSIGMASK);
    pid_t child = 0;
    const int error =
        ::posix_spawn(&child, program.constData(), &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return error == 0 ? child : 0;
}

} // namespace

bool ensureRunning()
{
    if (s_channel)
        return true;
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return false;
    if (fds[0] == kSocketFd) { // dup2 onto itself would keep close-on-exec
        const int moved = ::fcntl(fds[0], F_DUPFD_CLOEXEC, kSocketFd + 1);
        ::close(fds[0]);
        fds[0] = moved;
    }
    const pid_t child = fds[0] >= 0 ? spawnGuard(fds[0]) : 0;
    if (fds[0] >= 0)
        ::close(fds[0]);
    if (child <= 0) {
        ::close(fds[1]);
        return false;
    }
    reaper::registerChild(child); // it outlives us; never collected as a stray
    s_pid = child;
    s_channel = std::make_unique<Channel>(fds[1], [] { replaceLostGuardian(); });
    tellEverything();
    return true;
}

pid_t pid()
{
    return s_pid;
}

qsizetype waitingBytes()
{
    return s_channel ? s_channel->pendingBytes() : 0;
}

void setReportPath(const QString &path)
{
    const QByteArray bytes = QFile::encodeName(path);
    if (bytes.size() >= kMaxPath)
        return;
    s_reportPath = bytes;
    // Sent when a guardian runs, or when the first job makes one: opening the history alone
    // (procdeck-cli --history) starts nothing.
    if (s_channel && !sendReportPath())
        replaceLostGuardian();
}

void jobStarted(int seq, pid_t pgid)
{
    const bool running = s_channel != nullptr;
    s_running.insert(pgid, seq);
    if (!running) {
        ensureRunning(); // a new guardian hears every running job, this one included
        return;
    }
    send(Record{JobStarted, seq, pgid});
}

void jobEnded(int seq, pid_t pgid)
{
    s_running.remove(pgid);
    s_paused.remove(pgid);
    send(Record{JobEnded, seq, pgid});
}

void jobPaused(pid_t pgid)
{
    if (!s_running.contains(pgid) || s_paused.contains(pgid))
        return;
    s_paused.insert(pgid);
    send(Record{JobPaused, 0, pgid});
}

void jobResumed(pid_t pgid)
{
    if (s_paused.remove(pgid))
        send(Record{JobResumed, 0, pgid});
}

void slurmJobStarted(int treeId)
{
    s_slurmTrees.insert(treeId);
    send(Record{SlurmStarted, treeId, 0});
}

void slurmJobEnded(int treeId)
{
    if (s_slurmTrees.remove(treeId))
        send(Record{SlurmEnded, treeId, 0});
}

void slurmAllocationHeld(int jobId)
{
    ensureRunning(); // no job may have started yet
    s_allocations.insert(jobId);
    send(Record{SlurmAllocated, jobId, 0});
}

void slurmAllocationReleased(int jobId)
{
    if (s_allocations.remove(jobId))
        send(Record{SlurmReleased, jobId, 0});
}

} // namespace procdeck::guardian
