#include "guardian.h"

#include "guardianchannel.h"
#include "processgroup.h"
#include "proctable.h"
#include "reaper.h"
#include "session.h"
#include "types/signalsafe.h"
#include "slurmcancel.h"
#include "treekiller.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QSet>

#include <cerrno>
#include <memory>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::guardian {

namespace {

/// One message from ProcDeck to its guardian: fixed size, so that a pipe write (atomic below
/// PIPE_BUF) never interleaves and the guardian reads whole records.
struct Record {
    char op;       ///< '+' job started, '-' job ended (found by pgid), 'R' report path follows (length = seq),
                   ///< 'S' / 's' Slurm job of tree id `seq` submitted / ended
    int32_t seq;
    int32_t pgid;
};

constexpr int kMaxJobs = 1 << 16; ///< running at once; more is not a machine this runs on
constexpr int kMaxPath = 4096;
/// Between drains of the socket, which holds ~270 records (10 ms of 13,000 starts and ends a
/// second); what does not fit waits in ProcDeck for the next drain (guardian::Channel).
constexpr long kRestMs = 10;

std::unique_ptr<Channel> s_channel; ///< null while no guardian runs
pid_t s_pid = 0;
QByteArray s_reportPath;
/// What the guardian has been told, kept here too: a guardian lost (killed by someone) is made
/// anew and told it all again.
QHash<pid_t, int> s_running; ///< pgid → seq
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

// ---- In the guardian process: no allocation, async-signal-safe calls only. ----

struct Table {
    int32_t seq[kMaxJobs];
    int32_t pgid[kMaxJobs];
    int count;
    char reportPath[kMaxPath];
    char marker[256]; ///< "PROCDECK_JOB=<run id>:"
    size_t markerLength;
    char runId[128];
    size_t runIdLength;
    int32_t slurmTree[kMaxJobs]; ///< Slurm jobs by tree id (their names: procdeck-<run id>-<tree id>)
    int slurmCount;
};

bool readFully(int fd, void *buffer, size_t size)
{
    auto *p = static_cast<char *>(buffer);
    while (size > 0) {
        const ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= size_t(n);
    }
    return true;
}

void writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data += n;
        size -= size_t(n);
    }
}

void signalEverything(const Table &table, int sig)
{
    for (int i = 0; i < table.count; ++i)
        TreeKiller::signalTree(table.pgid[i], nullptr, 0, true, sig);
    // Escapees of every job of this run, whatever their group.
    TreeKiller::signalTree(0, table.marker, table.markerLength, true, sig);
}

struct AliveScan {
    const Table *table;
    bool any;
};

void findAlive(const proctable::ProcessInfo &info, void *context)
{
    auto *scan = static_cast<AliveScan *>(context);
    if (scan->any || !info.alive())
        return;
    for (int i = 0; i < scan->table->count; ++i) {
        if (info.pgrp == scan->table->pgid[i]) {
            scan->any = true;
            return;
        }
    }
    if (proctable::environHas(info.pid, scan->table->marker, scan->table->markerLength, false))
        scan->any = true;
}

bool anythingAlive(const Table &table)
{
    AliveScan scan{&table, false};
    proctable::forEachProcess(&findAlive, &scan);
    return scan.any;
}

void report(const Table &table)
{
    if (table.count == 0 || table.reportPath[0] == '\0')
        return;
    const int fd = ::open(table.reportPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    for (int i = 0; i < table.count; ++i) {
        char line[192];
        size_t at = 0;
        std::memcpy(line, table.runId, table.runIdLength);
        at += table.runIdLength;
        line[at++] = '\t';
        at += signalsafe::formatNumber(line + at, table.seq[i]);
        line[at++] = '\n';
        writeAll(fd, line, at); // one write a line: O_APPEND keeps concurrent guardians apart
    }
    ::close(fd);
}

/// Once the socket is drained, a short rest before the next blocking read: a send to a guardian
/// not waiting in read() wakes nobody (each job's start and end woke it, two context switches a
/// job). Nothing is missed: the socket keeps every record, and its EOF comes after the last.
void restAfterDraining(int readFd)
{
    int pending = 0;
    if (::ioctl(readFd, FIONREAD, &pending) == 0 && pending == 0) {
        const timespec rest{0, kRestMs * 1000 * 1000};
        ::nanosleep(&rest, nullptr);
    }
}

[[noreturn]] void guardianMain(int readFd, int parentsEnd, Table *table)
{
    ::close(parentsEnd); // were it kept (as fd 2, when ProcDeck started without stderr), no EOF ever
    // Stay out of the terminal's way: Ctrl+C, a closed terminal or a stop key are meant for
    // ProcDeck, and must not take the guardian with it.
    ::setpgid(0, 0);
    // ProcDeck's handlers came along with the fork, and they write to ProcDeck's signal socket:
    // back to the defaults first (SIGTERM ends the guardian as it would any program), then
    // ignore what is meant for ProcDeck.
    processgroup::restoreDefaultSignals();
    for (const int sig : {SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGALRM})
        ::signal(sig, SIG_IGN);
    ::prctl(PR_SET_NAME, "procdeck-guard", 0, 0, 0);
    // Hold nothing of ProcDeck's but stderr (for the one line it may say): a job's stdin pipe
    // kept open here would never see EOF.
    if (readFd != 3) {
        ::dup2(readFd, 3);
        readFd = 3;
    }
    ::close(STDIN_FILENO);
    ::close(STDOUT_FILENO);
    if (::syscall(SYS_close_range, 4U, ~0U, 0U) != 0)
        for (int fd = 4; fd < 65536; ++fd)
            ::close(fd);

    Record record{};
    while (readFully(readFd, &record, sizeof record)) {
        restAfterDraining(readFd);
        if (record.op == '+' && table->count < kMaxJobs) {
            table->seq[table->count] = record.seq;
            table->pgid[table->count] = record.pgid;
            ++table->count;
        } else if (record.op == '-') {
            for (int i = 0; i < table->count; ++i) {
                if (table->pgid[i] == record.pgid) {
                    --table->count;
                    table->seq[i] = table->seq[table->count];
                    table->pgid[i] = table->pgid[table->count];
                    break;
                }
            }
        } else if (record.op == 'S' && table->slurmCount < kMaxJobs) {
            table->slurmTree[table->slurmCount++] = record.seq;
        } else if (record.op == 's') {
            for (int i = 0; i < table->slurmCount; ++i) {
                if (table->slurmTree[i] == record.seq) {
                    table->slurmTree[i] = table->slurmTree[--table->slurmCount];
                    break;
                }
            }
        } else if (record.op == 'R' && record.seq >= 0 && record.seq < kMaxPath) {
            if (!readFully(readFd, table->reportPath, size_t(record.seq)))
                break;
            table->reportPath[record.seq] = '\0';
        }
    }

    // The pipe closed: ProcDeck is gone. End what it left, on the cluster first.
    slurmcancel::cancelJobs(table->runId, table->runIdLength, table->slurmTree, table->slurmCount);
    signalEverything(*table, SIGTERM);
    signalEverything(*table, SIGCONT); // a stopped process cannot act on SIGTERM
    const long deadline = signalsafe::monotonicMs() + kGraceMs;
    while (anythingAlive(*table) && signalsafe::monotonicMs() < deadline) {
        const timespec pause{0, 50 * 1000 * 1000};
        ::nanosleep(&pause, nullptr);
    }
    for (int pass = 0; pass < 5 && anythingAlive(*table); ++pass)
        signalEverything(*table, SIGKILL);
    if (table->count > 0) {
        char message[160];
        size_t at = 0;
        const char head[] = "procdeck guardian: ProcDeck ended with ";
        std::memcpy(message + at, head, sizeof head - 1);
        at += sizeof head - 1;
        at += signalsafe::formatNumber(message + at, table->count);
        const char tail[] = " job(s) running; their process trees were ended (SIGTERM, then SIGKILL)\n";
        std::memcpy(message + at, tail, sizeof tail - 1);
        at += sizeof tail - 1;
        writeAll(STDERR_FILENO, message, at);
    }
    report(*table);
    ::_exit(0);
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
    send(Record{'-', seq, pgid});
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
