#include "oomkills.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>

namespace procdeck::oomkills {

namespace {

qint64 readCount()
{
    QFile vmstat(QStringLiteral("/proc/vmstat"));
    if (!vmstat.open(QIODevice::ReadOnly))
        return -1;
    // /proc files say they are empty: read line by line until the one wanted.
    while (!vmstat.atEnd()) {
        const QByteArray line = vmstat.readLine();
        if (line.startsWith("oom_kill ")) {
            bool ok = false;
            const qint64 n = line.mid(9).trimmed().toLongLong(&ok);
            return ok ? n : -1;
        }
    }
    return -1;
}

} // namespace

qint64 count(int maxAgeMs)
{
    static QMutex mutex;
    static QElapsedTimer readAt;
    static qint64 last = -1;
    const QMutexLocker lock(&mutex);
    if (!readAt.isValid() || readAt.elapsed() > maxAgeMs) {
        last = readCount();
        readAt.start();
    }
    return last;
}

} // namespace procdeck::oomkills
