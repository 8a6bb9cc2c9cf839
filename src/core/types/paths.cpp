#include "paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace procdeck::paths {

QString runsRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("runs"));
}

namespace {

QString newRunName()
{
    static int counter = 0;
    return QStringLiteral("%1-%2-%3")
        .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")))
        .arg(QCoreApplication::applicationPid())
        .arg(++counter);
}

} // namespace

QString newRunFolder()
{
    return QDir(runsRoot()).filePath(newRunName());
}

QString createRunFolder(const QString &parent, QString *error)
{
    const QString absolute = QDir(parent).absolutePath();
    if (!QDir().mkpath(absolute)) {
        // mkpath says nothing of why: ask mkdir(2) itself about the first part that is missing.
        QString missing = absolute;
        while (!QFileInfo::exists(QFileInfo(missing).absolutePath()))
            missing = QFileInfo(missing).absolutePath();
        const int err = ::mkdir(QFile::encodeName(missing).constData(), 0777) == 0 ? 0 : errno;
        *error = QStringLiteral("cannot create '%1': %2")
                         .arg(missing, QString::fromLocal8Bit(std::strerror(err ? err : EACCES)));
        return {};
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = QDir(absolute).filePath(newRunName());
        if (::mkdir(QFile::encodeName(path).constData(), 0777) == 0)
            return path;
        if (errno != EEXIST) { // mkdir(2) is atomic: EEXIST means another run has that name
            *error = QStringLiteral("cannot create a folder in '%1': %2")
                             .arg(absolute, QString::fromLocal8Bit(std::strerror(errno)));
            return {};
        }
    }
    *error = QStringLiteral("cannot create a folder in '%1': every name is taken").arg(absolute);
    return {};
}

} // namespace procdeck::paths
