#include "sinkfiles.h"

#include "core/types/rawbytes.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <chrono>
#include <thread>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sinkfiles {

qint64 lastLineEnd(int in, qint64 from, qint64 to)
{
    char buffer[1 << 16];
    while (to > from) {
        const qint64 start = qMax(from, to - qint64(sizeof buffer));
        const ssize_t n = ::pread(in, buffer, size_t(to - start), start);
        if (n != to - start)
            return from; // shorter than said: nothing is printed from it now
        if (const void *newline = ::memrchr(buffer, '\n', size_t(n)))
            return start + (static_cast<const char *>(newline) - buffer) + 1;
        to = start;
    }
    return from;
}

void makeFolders(const QByteArray &path)
{
    for (qsizetype slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1))
        ::mkdir(path.left(slash).constData(), 0777); // EEXIST and the rest: open() will say
}

int newParFile(const QString &folder, QString *name)
{
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int attempt = 0; attempt < 100; ++attempt) {
        QString file = folder + QLatin1String("/par");
        for (int i = 0; i < 5; ++i)
            file += QLatin1Char(kChars[QRandomGenerator::global()->bounded(62)]);
        file += QLatin1String(".par");
        const int fd = ::open(procdeck::rawbytes::toBytes(file).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) {
            *name = file;
            return fd;
        }
    }
    return -1;
}

QString parFolder()
{
    const QString dir = qEnvironmentVariable("TMPDIR");
    return dir.isEmpty() ? QDir::tempPath() : dir;
}

int openWaiting(const QByteArray &path, int flags, int mode)
{
    constexpr int kWaitMs = 2;
    constexpr int kGiveUpMs = 5000;
    for (int waited = 0;; waited += kWaitMs) {
        const int fd = ::open(path.constData(), flags, mode);
        if (fd >= 0 || (errno != EMFILE && errno != ENFILE) || waited >= kGiveUpMs)
            return fd;
        std::this_thread::sleep_for(std::chrono::milliseconds(kWaitMs));
    }
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

bool copyFile(int out, const QString &from, qint64 size)
{
    const int in = openWaiting(QFile::encodeName(from), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return size == 0;
    QByteArray chunk(1 << 16, Qt::Uninitialized);
    bool ok = true;
    for (qint64 left = size; ok && left > 0;) {
        const ssize_t n = ::read(in, chunk.data(), size_t(qMin<qint64>(left, chunk.size())));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        ok = writeAll(out, chunk.constData(), n);
        left -= n;
    }
    const int err = errno;
    ::close(in);
    errno = err;
    return ok;
}

} // namespace sinkfiles
