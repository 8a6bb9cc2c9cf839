#include "proctable.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace procdeck::proctable {

namespace {

/// Formats "/proc/<pid>/<leaf>" into `out` without snprintf (not async-signal-safe).
void procPath(char *out, size_t size, pid_t pid, const char *leaf) noexcept
{
    char digits[16];
    int n = 0;
    unsigned long value = static_cast<unsigned long>(pid);
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value && n < int(sizeof digits));
    size_t at = 0;
    for (const char *p = "/proc/"; *p && at + 1 < size; ++p)
        out[at++] = *p;
    while (n > 0 && at + 1 < size)
        out[at++] = digits[--n];
    if (at + 1 < size)
        out[at++] = '/';
    for (const char *p = leaf; *p && at + 1 < size; ++p)
        out[at++] = *p;
    out[at] = '\0';
}

long parseLong(const char **cursor) noexcept
{
    const char *p = *cursor;
    bool negative = false;
    if (*p == '-') {
        negative = true;
        ++p;
    }
    long value = 0;
    while (*p >= '0' && *p <= '9')
        value = value * 10 + (*p++ - '0');
    *cursor = p;
    return negative ? -value : value;
}

/// Moves past `count` space-separated fields; false when the line ends first.
bool skipFields(const char **cursor, int count) noexcept
{
    const char *p = *cursor;
    for (int i = 0; i < count; ++i) {
        while (*p == ' ')
            ++p;
        if (!*p || *p == '\n')
            return false;
        while (*p && *p != ' ' && *p != '\n')
            ++p;
    }
    *cursor = p;
    return true;
}

/// Reads the next field as a number; false when the line has ended.
bool nextField(const char **cursor, long long *out) noexcept
{
    while (**cursor == ' ')
        ++*cursor;
    if (!**cursor || **cursor == '\n')
        return false;
    *out = parseLong(cursor);
    return true;
}

/// Reads the fields of a stat line that follow the command name (state, from field 3 on).
bool parseFields(const char *p, pid_t pid, ProcessInfo *out) noexcept
{
    out->pid = pid;
    out->state = *p++;
    if (*p++ != ' ')
        return false;
    out->ppid = pid_t(parseLong(&p));
    if (*p++ != ' ')
        return false;
    out->pgrp = pid_t(parseLong(&p));
    if (*p++ != ' ')
        return false;
    out->session = pid_t(parseLong(&p));
    // tty_nr tpgid (7–8), flags (9), minflt … cmajflt (10–13), then utime stime cutime cstime
    // (14–17); priority … itrealvalue (18–21), starttime (22), vsize (23), rss (24); rsslim …
    // kstkeip (25–30), signal (31). An older kernel's shorter line ends early: what it has is kept.
    long long flags = 0;
    if (!skipFields(&p, 2) || !nextField(&p, &flags) || !skipFields(&p, 4))
        return true;
    out->kernelFlags = static_cast<unsigned long long>(flags);
    long long ticks[4] = {};
    for (long long &t : ticks)
        if (!nextField(&p, &t))
            return true;
    out->userTicks = static_cast<unsigned long long>(ticks[0]);
    out->systemTicks = static_cast<unsigned long long>(ticks[1]);
    out->childUserTicks = ticks[2];
    out->childSystemTicks = ticks[3];
    long long startTime = 0;
    if (!skipFields(&p, 4) || !nextField(&p, &startTime))
        return true;
    out->startTime = static_cast<unsigned long long>(startTime);
    nextField(&p, &startTime); // vsize, not kept
    if (!nextField(&p, &out->rssPages) || !skipFields(&p, 6))
        return true;
    long long pending = 0;
    if (nextField(&p, &pending))
        out->pendingSignals = static_cast<unsigned long long>(pending);
    return true;
}

/// The directory entries of /proc as the kernel gives them (struct linux_dirent64).
struct Dirent64 {
    ino64_t d_ino;
    off64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[1];
};

} // namespace

bool readProcess(pid_t pid, ProcessInfo *out) noexcept
{
    char path[64];
    procPath(path, sizeof path, pid, "stat");
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[1024]; // the fields up to rss fit well within it
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    // The command name in parentheses may hold spaces and ')': the fields follow the last ')'.
    const char *close = nullptr;
    for (const char *p = buffer; *p; ++p)
        if (*p == ')')
            close = p;
    if (!close || close[1] != ' ' || !close[2])
        return false;
    return parseFields(close + 2, pid, out);
}

namespace {

/// The hexadecimal mask on the line of /proc/PID/status that starts with `key` ("ShdPnd:");
/// 0 when there is no such line.
unsigned long long statusMask(const char *status, const char *key) noexcept
{
    const size_t keyLength = std::strlen(key);
    for (const char *line = status; *line;) {
        if (std::strncmp(line, key, keyLength) == 0) {
            unsigned long long mask = 0;
            for (const char *p = line + keyLength; *p && *p != '\n'; ++p) {
                const char c = *p;
                const int digit = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f'         ? c - 'a' + 10
                                                       : -1;
                if (digit >= 0)
                    mask = mask << 4 | unsigned(digit);
            }
            return mask;
        }
        const char *next = std::strchr(line, '\n');
        if (!next)
            break;
        line = next + 1;
    }
    return 0;
}

/// Signals whose default action is to ignore the signal or to stop the process.
constexpr unsigned long long kNotFatalByDefault = 1ULL << (SIGCHLD - 1) | 1ULL << (SIGCONT - 1)
        | 1ULL << (SIGSTOP - 1) | 1ULL << (SIGTSTP - 1) | 1ULL << (SIGTTIN - 1)
        | 1ULL << (SIGTTOU - 1) | 1ULL << (SIGURG - 1) | 1ULL << (SIGWINCH - 1);

} // namespace

bool fatalSignalPending(pid_t pid) noexcept
{
    char path[64];
    procPath(path, sizeof path, pid, "status");
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[4096]; // the signal lines come long before the end of a status
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    const unsigned long long pending
            = statusMask(buffer, "SigPnd:") | statusMask(buffer, "ShdPnd:");
    const unsigned long long handled
            = statusMask(buffer, "SigIgn:") | statusMask(buffer, "SigCgt:");
    return (pending & ~handled & ~kNotFatalByDefault) != 0;
}

bool forEachProcess(Visitor visit, void *context) noexcept
{
    const int dir = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return false;
    alignas(8) char buffer[8192];
    for (;;) {
        const long n = ::syscall(SYS_getdents64, dir, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (long offset = 0; offset < n;) {
            const auto *entry = reinterpret_cast<const Dirent64 *>(buffer + offset);
            offset += entry->d_reclen;
            const char *name = entry->d_name;
            if (*name < '1' || *name > '9')
                continue;
            const char *p = name;
            const long pid = parseLong(&p);
            if (*p != '\0')
                continue;
            ProcessInfo info;
            if (readProcess(pid_t(pid), &info))
                visit(info, context);
        }
    }
    ::close(dir);
    return true;
}

namespace {

/// Reads the NUL-separated environment of `pid` entry by entry; calls `match(entry, length)`
/// for each until it returns true. Entries longer than the buffer are skipped. `*unread` (if
/// given) says whether not one byte could be read.
template<typename Match>
bool scanEnviron(pid_t pid, Match match, bool *unread) noexcept
{
    if (unread)
        *unread = true;
    char path[64];
    procPath(path, sizeof path, pid, "environ");
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[4096];
    size_t held = 0;
    bool found = false;
    bool skipping = false; // inside an entry too long for the buffer
    for (;;) {
        const ssize_t n = ::read(fd, buffer + held, sizeof buffer - held);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (unread)
            *unread = false;
        held += size_t(n);
        size_t start = 0;
        for (size_t i = 0; i < held; ++i) {
            if (buffer[i] != '\0')
                continue;
            if (!skipping && match(buffer + start, i - start)) {
                found = true;
                break;
            }
            skipping = false;
            start = i + 1;
        }
        if (found)
            break;
        // Keep the unfinished entry at the front; drop it if it fills the buffer on its own.
        if (start == 0 && held == sizeof buffer) {
            skipping = true;
            held = 0;
        } else {
            std::memmove(buffer, buffer + start, held - start);
            held -= start;
        }
    }
    ::close(fd);
    return found;
}

} // namespace

bool environHas(pid_t pid, const char *prefix, size_t prefixLength, bool wholeEntry,
                bool *unread) noexcept
{
    return scanEnviron(
        pid,
        [&](const char *entry, size_t length) {
            if (wholeEntry ? length != prefixLength : length < prefixLength)
                return false;
            return std::memcmp(entry, prefix, prefixLength) == 0;
        },
        unread);
}

long environNumberAfter(pid_t pid, const char *prefix, size_t prefixLength, bool *unread) noexcept
{
    long number = -1;
    scanEnviron(pid, [&](const char *entry, size_t length) {
        if (length <= prefixLength || std::memcmp(entry, prefix, prefixLength) != 0)
            return false;
        long value = 0;
        for (size_t i = prefixLength; i < length; ++i) {
            if (entry[i] < '0' || entry[i] > '9')
                return false;
            value = value * 10 + (entry[i] - '0');
        }
        number = value;
        return true;
    }, unread);
    return number;
}

} // namespace procdeck::proctable
