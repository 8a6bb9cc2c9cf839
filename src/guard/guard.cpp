#include "guard.h"

#include "core/process/proctable.h"
#include "core/process/slurmcancel.h"
#include "core/types/signalsafe.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace procdeck::guard {

namespace {

using guardian::Record;

/// Between drains of the socket, which holds ~270 records (10 ms of 13,000 starts and ends a
/// second); what does not fit waits in ProcDeck for the next drain (guardian::Channel).
constexpr long kRestMs = 10;
/// Records and a report path, whole: what one drain reads at most.
constexpr size_t kBufferBytes = sizeof(Record) + guardian::kMaxPath + 64 * sizeof(Record);

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

void removeAt(int32_t *values, int *count, int i)
{
    values[i] = values[*count - 1];
    --*count;
}

/// Milliseconds since the epoch: when the guardian ended the jobs, for the history.
int64_t realtimeMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

int indexOfGroup(const Table &table, int32_t pgid)
{
    for (int i = 0; i < table.count; ++i)
        if (table.pgid[i] == pgid)
            return i;
    return -1;
}

/// The job in slot `i` ended: the last slot takes its place, the count shrinks last.
void removeJob(Table *table, int i)
{
    const int last = table->count - 1;
    table->seq[i] = table->seq[last];
    table->pausedSinceMs[i] = table->pausedSinceMs[last];
    table->pausedMs[i] = table->pausedMs[last];
    removeAt(table->pgid, &table->count, i);
}

/// A job's pause or resume: its paused time, were ProcDeck to die while it is paused.
void applyPause(const Record &record, Table *table)
{
    const int i = indexOfGroup(*table, record.pgid);
    if (i < 0)
        return;
    if (record.op == guardian::JobPaused && table->pausedSinceMs[i] == 0) {
        table->pausedSinceMs[i] = signalsafe::monotonicMs();
    } else if (record.op == guardian::JobResumed && table->pausedSinceMs[i] > 0) {
        table->pausedMs[i] += signalsafe::monotonicMs() - table->pausedSinceMs[i];
        table->pausedSinceMs[i] = 0;
    }
}

/// One record into the table. A slot is filled before the count grows: a watcher that reads
/// the table after the guardian was killed mid-update sees whole entries only.
void apply(const Record &record, const char *path, Table *table)
{
    switch (record.op) {
    case guardian::JobStarted:
        if (table->count < kMaxJobs) {
            table->seq[table->count] = record.seq;
            table->pgid[table->count] = record.pgid;
            table->pausedSinceMs[table->count] = 0;
            table->pausedMs[table->count] = 0;
            ++table->count;
        }
        break;
    case guardian::JobEnded:
        if (const int i = indexOfGroup(*table, record.pgid); i >= 0)
            removeJob(table, i);
        break;
    case guardian::JobPaused:
    case guardian::JobResumed:
        applyPause(record, table);
        break;
    case guardian::SlurmStarted:
        if (table->slurmCount < kMaxJobs)
            table->slurmTree[table->slurmCount++] = record.seq;
        break;
    case guardian::SlurmEnded:
        for (int i = 0; i < table->slurmCount; ++i) {
            if (table->slurmTree[i] == record.seq) {
                removeAt(table->slurmTree, &table->slurmCount, i);
                break;
            }
        }
        break;
    case guardian::SlurmAllocated:
        if (table->allocationCount < kMaxAllocations)
            table->allocation[table->allocationCount++] = record.seq;
        break;
    case guardian::SlurmReleased:
        for (int i = 0; i < table->allocationCount; ++i) {
            if (table->allocation[i] == record.seq) {
                removeAt(table->allocation, &table->allocationCount, i);
                break;
            }
        }
        break;
    case guardian::ReportPath:
        std::memcpy(table->reportPath, path, size_t(record.seq));
        table->reportPath[record.seq] = '\0';
        break;
    default:
        break;
    }
}

/// Applies the whole records at the start of `data`; returns the bytes they took.
size_t consume(const char *data, size_t size, Table *table)
{
    size_t at = 0;
    while (size - at >= sizeof(Record)) {
        Record record;
        std::memcpy(&record, data + at, sizeof record);
        size_t length = sizeof record;
        if (record.op == guardian::ReportPath) {
            if (record.seq < 0 || record.seq >= guardian::kMaxPath)
                return size; // not ProcDeck's: nothing after it can be read as records
            length += size_t(record.seq);
            if (size - at < length)
                break; // the path is still on its way
        }
        apply(record, data + at + sizeof record, table);
        at += length;
    }
    return at;
}

/// Waits until the socket is readable, calling `tick` every kTickMs. False on an error.
bool waitReadable(int fd, void (*tick)(void *), void *context)
{
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, kTickMs);
        tick(context);
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return false;
    }
}

/// Once the socket is drained, a short rest before the next wait: a send to a guardian not
/// waiting in poll() wakes nobody (each job's start and end woke it, two context switches a
/// job). Nothing is missed: the socket keeps every record, and its EOF comes after the last.
void restAfterDraining(int fd)
{
    int pending = 0;
    if (::ioctl(fd, FIONREAD, &pending) == 0 && pending == 0) {
        const timespec rest{0, kRestMs * 1000 * 1000};
        ::nanosleep(&rest, nullptr);
    }
}

void signalEverything(const Table &table, int sig)
{
    const pid_t self = ::getpid();
    for (int i = 0; i < table.count; ++i)
        if (table.pgid[i] > 1)
            ::kill(-table.pgid[i], sig);
    // Escapees of every job of this run, whatever their group.
    struct Scan {
        const Table &table;
        pid_t self;
        int sig;
    } scan{table, self, sig};
    proctable::forEachProcess(
        [](const proctable::ProcessInfo &info, void *raw) {
            const auto *s = static_cast<const Scan *>(raw);
            if (info.alive() && info.pid != s->self
                && proctable::environHas(info.pid, s->table.marker, s->table.markerLength, false))
                ::kill(info.pid, s->sig);
        },
        &scan);
}

bool anythingAlive(const Table &table)
{
    struct Scan {
        const Table &table;
        bool any;
    } scan{table, false};
    proctable::forEachProcess(
        [](const proctable::ProcessInfo &info, void *raw) {
            auto *s = static_cast<Scan *>(raw);
            if (s->any || !info.alive())
                return;
            for (int i = 0; i < s->table.count && !s->any; ++i)
                s->any = info.pgrp == s->table.pgid[i];
            const Table &t = s->table;
            if (!s->any)
                s->any = proctable::environHas(info.pid, t.marker, t.markerLength, false);
        },
        &scan);
    return scan.any;
}

/// Each job ended: its run and number, when it ended (the trees were gone) and how long it had
/// stood paused in all, its pause up to `continuedMs` (the guardian's SIGCONT) included.
void report(const Table &table, int64_t endedAtMs, int64_t continuedMs)
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

void say(int jobs)
{
    char message[160];
    size_t at = 0;
    const char head[] = "procdeck guardian: ProcDeck ended with ";
    std::memcpy(message + at, head, sizeof head - 1);
    at += sizeof head - 1;
    at += signalsafe::formatNumber(message + at, jobs);
    const char tail[] = " job(s) running; their process trees were ended (SIGTERM, then SIGKILL)\n";
    std::memcpy(message + at, tail, sizeof tail - 1);
    at += sizeof tail - 1;
    writeAll(STDERR_FILENO, message, at);
}

} // namespace

void serve(int socketFd, Table *table, void (*tick)(void *), void *context)
{
    static char buffer[kBufferBytes];
    size_t have = 0;
    while (waitReadable(socketFd, tick, context)) {
        const ssize_t n = ::read(socketFd, buffer + have, sizeof buffer - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // ProcDeck is gone
        have += size_t(n);
        const size_t used = consume(buffer, have, table);
        std::memmove(buffer, buffer + used, have - used);
        have -= used;
        restAfterDraining(socketFd);
    }
}

void endEverything(Table *table)
{
    // On the cluster first: srun killed first would leave its job running there.
    slurmcancel::cancelJobs(table->runId, table->runIdLength, table->slurmTree, table->slurmCount);
    // An allocation ProcDeck asked for is its to give back: its steps end with it.
    slurmcancel::cancelAllocations(table->allocation, table->allocationCount);
    signalEverything(*table, SIGTERM);
    signalEverything(*table, SIGCONT); // a stopped process cannot act on SIGTERM
    const int64_t continuedMs = signalsafe::monotonicMs(); // a paused job's pause ends here
    const long deadline = signalsafe::monotonicMs() + guardian::kGraceMs;
    while (anythingAlive(*table) && signalsafe::monotonicMs() < deadline) {
        const timespec pause{0, 50 * 1000 * 1000};
        ::nanosleep(&pause, nullptr);
    }
    for (int pass = 0; pass < 5 && anythingAlive(*table); ++pass)
        signalEverything(*table, SIGKILL);
    if (table->count > 0)
        say(table->count);
    report(*table, realtimeMs(), continuedMs);
    table->ended = 1;
}

} // namespace procdeck::guard
