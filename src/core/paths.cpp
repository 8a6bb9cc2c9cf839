#include "paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

namespace procdeck::paths {

QString runsRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("runs"));
}

QString newRunFolder()
{
    static int counter = 0;
    const QString name = QStringLiteral("%1-%2-%3")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")))
                             .arg(QCoreApplication::applicationPid())
                             .arg(++counter);
    return QDir(runsRoot()).filePath(name);
}

} // namespace procdeck::paths
