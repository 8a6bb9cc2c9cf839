#include "guardian.h"

#include "guardianchannel.h"
#include "guardianprocess.h"
#include "reaper.h"
#include "session.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QSet>

#include <cstring>
#include <memory>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::guardian {

namespace {

std::unique_ptr<Channel> s_channel; ///< null while no guardian runs
pid_t s_pid = 0;
QByteArray s_reportPath;
/// What the guardian has been told, kept here too: a guardian lost (killed by someone) is made
/// anew and told it all again.
QHash<pid_t, int> s_running; ///< pgid → seq
QSet<pid_t> s_paused;        ///< pgids of the jobs paused now
QSet<int> s_slurmTrees;      ///< tree ids of the Slurm jobs submitted and not ended

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
    const Record record{'R', int32_t(s_reportPath.size()), 0};
    std::memcpy(message.data(), &record, sizeof record);
    message += s_reportPath;
    return sendBytes(message.constData(), size_t(message.size()));
}

/// A new guardian hears the report path and every running job.
void tellEverything()
{
    bool ok = sendReportPath();
    for (auto it = s_running.constBegin(); ok && it != s_running.constEnd(); ++it)
        ok = sendRecord(Record{'+', it.value(), it.key()});
    for (auto it = s_slurmTrees.constBegin(); ok && it != s_slurmTrees.constEnd(); ++it)
        ok = sendRecord(Record{'S', *it, 0});
    // A new guardian counts a pause from when it hears of it: earlier pauses are not known to it.
    for (auto it = s_paused.constBegin(); ok && it != s_paused.constEnd(); ++it)
        ok = sendRecord(Record{'P', 0, *it});
}

/// A send failed: the guardian is gone. Collect it, make a new one, tell it everything again.
void replaceLostGuardian()
{
    s_channel.reset();
    if (s_pid > 0) {
        ::waitpid(s_pid, nullptr, WNOHANG);
        reaper::unregisterChild(s_pid);
        s_pid = 0;
    }
    ensureRunning(); // a new one hears everything
}

void send(const Record &record)
{
    if (!sendRecord(record) && s_channel)
        replaceLostGuardian(); // s_running already holds the change this record was
}

} // namespace

bool ensureRunning()
{
    if (s_channel)
        return true;
    // Made in the parent: the child only fills it in.
    void *memory = ::mmap(nullptr, sizeof(Table), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        return false;
    auto *table = static_cast<Table *>(memory);
    table->count = 0;
    table->slurmCount = 0;
    table->reportPath[0] = '\0';
    const QByteArray marker = session::markerPrefix();
    const QByteArray runId = session::id().toLatin1();
    table->markerLength = size_t(qMin<qsizetype>(marker.size(), sizeof table->marker - 1));
    std::memcpy(table->marker, marker.constData(), table->markerLength);
    table->runIdLength = size_t(qMin<qsizetype>(runId.size(), sizeof table->runId - 1));
    std::memcpy(table->runId, runId.constData(), table->runIdLength);

    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        ::munmap(memory, sizeof(Table));
        return false;
    }
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        ::munmap(memory, sizeof(Table));
        return false;
    }
    if (child == 0)
        guardianMain(fds[0], fds[1], table);
    ::close(fds[0]);
    ::munmap(memory, sizeof(Table));
    s_channel = std::make_unique<Channel>(fds[1], [] { replaceLostGuardian(); });
    s_pid = child;
    reaper::registerChild(child); // it outlives us; never collected as a stray
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
    // (procdeck-cli --history) forks nothing.
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
    send(Record{'+', seq, pgid});
}

void jobEnded(int seq, pid_t pgid)
{
    s_running.remove(pgid);
    s_paused.remove(pgid);
    send(Record{'-', seq, pgid});
}

void jobPaused(pid_t pgid)
{
    if (!s_running.contains(pgid) || s_paused.contains(pgid))
        return;
    s_paused.insert(pgid);
    send(Record{'P', 0, pgid});
}

void jobResumed(pid_t pgid)
{
    if (s_paused.remove(pgid))
        send(Record{'p', 0, pgid});
}

void slurmJobStarted(int treeId)
{
    s_slurmTrees.insert(treeId);
    send(Record{'S', treeId, 0});
}

void slurmJobEnded(int treeId)
{
    if (s_slurmTrees.remove(treeId))
        send(Record{'s', treeId, 0});
}

} // namespace procdeck::guardian
