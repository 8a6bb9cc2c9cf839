#include "proctable.h"

#include <cerrno>
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
    char buffer[512];
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
    const char *p = close + 2;
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
    // On to starttime, the 22nd field: tty_nr … itrealvalue lie between.
    for (int field = 7; field <= 21; ++field) {
        while (*p == ' ')
            ++p;
        if (!*p)
            return true; // an older kernel's shorter line: no start time, the rest is there
        while (*p && *p != ' ')
            ++p;
    }
    while (*p == ' ')
        ++p;
    out->startTime = static_cast<unsigned long long>(parseLong(&p));
    return true;
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

bool environHas(pid_t pid, const char *prefix, size_t prefixLength, bool wholeEntry, bool *unread) noexcept
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
