#include "procfiles.h"

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

} // namespace procdeck::procfiles
