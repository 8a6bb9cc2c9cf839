#include "guardianprocess.h"

#include "processgroup.h"
#include "proctable.h"
#include "types/signalsafe.h"
#include "slurmcancel.h"
#include "treekiller.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace procdeck::guardian {

namespace {

/// Between drains of the socket, which holds ~270 records (10 ms of 13,000 starts and ends a
/// second); what does not fit waits in ProcDeck for the next drain (guardian::Channel).
constexpr long kRestMs = 10;

/// Milliseconds since the epoch: when the guardian ended the jobs, for the history.
int64_t realtimeMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

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

/// Each job ended: its run and number, when it ended (the trees were gone) and how long it had
/// stood paused in all, its pause up to `continuedMs` (the guardian's SIGCONT) included.
void report(const Table &table, int64_t endedAtMs, long continuedMs)
{
    if (table.count == 0 || table.reportPath[0] == '\0')
        return;
    const int fd = ::open(table.reportPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    for (int i = 0; i < table.count; ++i) {
        const int64_t since = table.pausedSinceMs[i];
        const int64_t paused = table.pausedMs[i] + (since > 0 ? continuedMs - since : 0);
        char line[192];
        size_t at = 0;
        std::memcpy(line, table.runId, table.runIdLength);
        at += table.runIdLength;
        line[at++] = '\t';
        at += signalsafe::formatNumber(line + at, table.seq[i]);
        line[at++] = '\t';
        at += signalsafe::formatNumber(line + at, long(endedAtMs));
        line[at++] = '\t';
        at += signalsafe::formatNumber(line + at, long(paused > 0 ? paused : 0));
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

int indexOfGroup(const Table &table, int32_t pgid)
{
    for (int i = 0; i < table.count; ++i)
        if (table.pgid[i] == pgid)
            return i;
    return -1;
}

/// A job's start, end, pause or resume, or a Slurm job's.
void apply(Table *table, const Record &record)
{
    const int i = indexOfGroup(*table, record.pgid);
    if (record.op == '+' && table->count < kMaxJobs) {
        table->seq[table->count] = record.seq;
        table->pgid[table->count] = record.pgid;
        table->pausedSinceMs[table->count] = 0;
        table->pausedMs[table->count] = 0;
        ++table->count;
    } else if (record.op == '-' && i >= 0) {
        const int last = --table->count;
        table->seq[i] = table->seq[last];
        table->pgid[i] = table->pgid[last];
        table->pausedSinceMs[i] = table->pausedSinceMs[last];
        table->pausedMs[i] = table->pausedMs[last];
    } else if (record.op == 'P' && i >= 0 && table->pausedSinceMs[i] == 0) {
        table->pausedSinceMs[i] = signalsafe::monotonicMs();
    } else if (record.op == 'p' && i >= 0 && table->pausedSinceMs[i] > 0) {
        table->pausedMs[i] += signalsafe::monotonicMs() - table->pausedSinceMs[i];
        table->pausedSinceMs[i] = 0;
    } else if (record.op == 'S' && table->slurmCount < kMaxJobs) {
        table->slurmTree[table->slurmCount++] = record.seq;
    } else if (record.op == 's') {
        for (int k = 0; k < table->slurmCount; ++k) {
            if (table->slurmTree[k] == record.seq) {
                table->slurmTree[k] = table->slurmTree[--table->slurmCount];
                break;
            }
        }
    }
}

void sayWhatWasEnded(const Table &table)
{
    if (table.count == 0)
        return;
    char message[160];
    size_t at = 0;
    const char head[] = "procdeck guardian: ProcDeck ended with ";
    std::memcpy(message + at, head, sizeof head - 1);
    at += sizeof head - 1;
    at += signalsafe::formatNumber(message + at, table.count);
    const char tail[] = " job(s) running; their process trees were ended (SIGTERM, then SIGKILL)\n";
    std::memcpy(message + at, tail, sizeof tail - 1);
    at += sizeof tail - 1;
    writeAll(STDERR_FILENO, message, at);
}

} // namespace

[[noreturn]] void guardianMain(int readFd, int parentsEnd, Table *table)
{
    // Were it kept (as fd 2, when ProcDeck started without stderr), no EOF would ever come.
    ::close(parentsEnd);
    // Stay out of the terminal's way: Ctrl+C, a closed terminal or a stop key are meant for
    // ProcDeck, and must not take the guardian with it.
    ::setpgid(0, 0);
    // ProcDeck's handlers came along with the fork, and they write to ProcDeck's signal socket:
    // back to the defaults first (SIGTERM ends the guardian as it would any program), then
    // ignore what is meant for ProcDeck.
    processgroup::restoreDefaultSignals();
    for (const int sig :
         {SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGALRM})
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
        if (record.op == 'R' && record.seq >= 0 && record.seq < kMaxPath) {
            if (!readFully(readFd, table->reportPath, size_t(record.seq)))
                break;
            table->reportPath[record.seq] = '\0';
        } else {
            apply(table, record);
        }
    }
    // The pipe closed: ProcDeck is gone. End what it left, on the cluster first.
    slurmcancel::cancelJobs(table->runId, table->runIdLength, table->slurmTree, table->slurmCount);
    signalEverything(*table, SIGTERM);
    signalEverything(*table, SIGCONT); // a stopped process cannot act on SIGTERM
    const long continuedMs = signalsafe::monotonicMs(); // a paused job's pause ends here
    const long deadline = signalsafe::monotonicMs() + kGraceMs;
    while (anythingAlive(*table) && signalsafe::monotonicMs() < deadline) {
        const timespec pause{0, 50 * 1000 * 1000};
        ::nanosleep(&pause, nullptr);
    }
    for (int pass = 0; pass < 5 && anythingAlive(*table); ++pass)
        signalEverything(*table, SIGKILL);
    sayWhatWasEnded(*table);
    report(*table, realtimeMs(), continuedMs);
    ::_exit(0);
}

} // namespace procdeck::guardian
