#include "enginelog.h"

#include "core/protocol/enginepaths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace enginelog {

bool open(QString *error)
{
    const QString path = procdeck::enginepaths::logPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot open '%1': %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
    return true;
}

void line(const QString &text)
{
    const QByteArray bytes
            = QStringLiteral("%1 procdeck-engine[%2]: %3\n")
                      .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
                      .arg(::getpid())
                      .arg(text)
                      .toUtf8();
    // One write: lines of two engines (one starting, one ending) never interleave.
    [[maybe_unused]] const ssize_t n
            = ::write(STDERR_FILENO, bytes.constData(), size_t(bytes.size()));
}

} // namespace enginelog
