#include "procfiles.h"

#include <dirent.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace procdeck::procfiles {

namespace {

/// Reads /proc/<pid>/<leaf> into `buffer` (NUL-terminated); the byte count, -1 when unreadable.
ssize_t readSmall(qint64 pid, const char *leaf, char *buffer, size_t size) noexcept
{
    char path[64];
    const int length = std::snprintf(path, sizeof path, "/proc/%lld/%s", pid, leaf);
    if (length <= 0 || size_t(length) >= sizeof path)
        return -1;
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const ssize_t n = ::read(fd, buffer, size - 1);
    ::close(fd);
    buffer[n > 0 ? n : 0] = '\0';
    return n;
}

/// The number after "<key>: " in `text`, -1 when absent.
qint64 fieldAfter(const char *text, const char *key) noexcept
{
    const char *at = std::strstr(text, key);
    if (!at)
        return -1;
    at += std::strlen(key);
    while (*at == ' ' || *at == '\t' || *at == ':')
        ++at;
    qint64 value = 0;
    while (*at >= '0' && *at <= '9')
        value = value * 10 + (*at++ - '0');
    return value;
}

/// The calls a process sleeps in, by number on this architecture (the numbers differ between
/// architectures; <sys/syscall.h> has this one's).
struct CallName {
    long number;
    const char *name;
};
#define PROCDECK_CALL(name) {SYS_##name, #name}
constexpr CallName kCalls[] = {
    PROCDECK_CALL(read), PROCDECK_CALL(write), PROCDECK_CALL(readv), PROCDECK_CALL(writev),
    PROCDECK_CALL(pread64), PROCDECK_CALL(pwrite64), PROCDECK_CALL(openat),
    PROCDECK_CALL(ppoll), PROCDECK_CALL(pselect6), PROCDECK_CALL(epoll_pwait),
    PROCDECK_CALL(nanosleep), PROCDECK_CALL(clock_nanosleep), PROCDECK_CALL(wait4),
    PROCDECK_CALL(waitid), PROCDECK_CALL(futex), PROCDECK_CALL(accept4),
    PROCDECK_CALL(recvfrom), PROCDECK_CALL(recvmsg), PROCDECK_CALL(sendto),
    PROCDECK_CALL(sendmsg), PROCDECK_CALL(connect), PROCDECK_CALL(flock), PROCDECK_CALL(fcntl),
    PROCDECK_CALL(fsync), PROCDECK_CALL(fdatasync), PROCDECK_CALL(rt_sigsuspend),
    PROCDECK_CALL(rt_sigtimedwait), PROCDECK_CALL(msgrcv), PROCDECK_CALL(semtimedop),
    PROCDECK_CALL(io_getevents),
#ifdef SYS_poll // the older calls, on architectures that still have them
    PROCDECK_CALL(poll), PROCDECK_CALL(select), PROCDECK_CALL(pause), PROCDECK_CALL(epoll_wait),
    PROCDECK_CALL(accept),
#endif
};
#undef PROCDECK_CALL

} // namespace

bool readIo(qint64 pid, qint64 *readBytes, qint64 *writeBytes) noexcept
{
    char buffer[512]; // seven short lines
    if (readSmall(pid, "io", buffer, sizeof buffer) <= 0)
        return false;
    // "\nread_bytes": not "rchar"'s line, and the newline keeps "cancelled_write_bytes" out.
    *readBytes = fieldAfter(buffer, "\nread_bytes");
    *writeBytes = fieldAfter(buffer, "\nwrite_bytes");
    return *readBytes >= 0 && *writeBytes >= 0;
}

QByteArray commandLine(qint64 pid)
{
    char buffer[4096]; // a longer command line is cut: the view elides it anyway
    const ssize_t n = readSmall(pid, "cmdline", buffer, sizeof buffer);
    if (n <= 0)
        return {};
    QByteArray line(buffer, int(n));
    while (line.endsWith('\0'))
        line.chop(1);
    line.replace('\0', ' ');
    return line;
}

QByteArray name(qint64 pid)
{
    char buffer[64];
    if (readSmall(pid, "comm", buffer, sizeof buffer) <= 0)
        return {};
    return QByteArray(buffer).trimmed();
}

int threads(qint64 pid)
{
    char buffer[2048]; // Threads: comes about two thirds down a status of some 1,400 bytes
    if (readSmall(pid, "status", buffer, sizeof buffer) <= 0)
        return 0;
    return int(qMax<qint64>(0, fieldAfter(buffer, "\nThreads:")));
}

int openDescriptors(qint64 pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/fd", pid);
    DIR *dir = ::opendir(path);
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = ::readdir(dir))
        if (entry->d_name[0] != '.')
            ++count;
    ::closedir(dir);
    return count;
}

QByteArray waitChannel(qint64 pid)
{
    char buffer[128];
    if (readSmall(pid, "wchan", buffer, sizeof buffer) <= 0 || std::strcmp(buffer, "0") == 0)
        return {};
    return QByteArray(buffer);
}

QByteArray systemCall(qint64 pid)
{
    char buffer[256]; // the number and six arguments, the stack and the program counter
    if (readSmall(pid, "syscall", buffer, sizeof buffer) <= 0)
        return {};
    // "running", or "-1 …" (in no call, stopped in user space): no number to name.
    if (buffer[0] < '0' || buffer[0] > '9')
        return {};
    long number = 0;
    for (const char *at = buffer; *at >= '0' && *at <= '9'; ++at)
        number = number * 10 + (*at - '0');
    for (const CallName &call : kCalls)
        if (call.number == number)
            return QByteArray(call.name);
    return {};
}

} // namespace procdeck::procfiles
