#include "session.h"

#include <QCoreApplication>
#include <QDateTime>

#include <unistd.h>

namespace procdeck::session {

QString id()
{
    // A function-local static: initialised once, thread-safely, on first use.
    static const QString value = QStringLiteral("%1-%2")
                                         .arg(QDateTime::currentDateTimeUtc().toString(
                                                 QStringLiteral("yyyyMMddHHmmsszzz")))
                                         .arg(qint64(::getpid()));
    return value;
}

QByteArray markerPrefix()
{
    static const QByteArray prefix = QByteArray(kMarkerName) + '=' + id().toLatin1() + ':';
    return prefix;
}

QByteArray markerEntry(int treeId)
{
    return markerPrefix() + QByteArray::number(treeId);
}

} // namespace procdeck::session
