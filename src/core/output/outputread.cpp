#include "outputread.h"

#include "outputlog.h"

#include <QFile>

namespace procdeck::outputread {

QByteArray readFrom(OutputLog &log, qint64 *offset, qint64 max)
{
    const qint64 total = log.totalBytes();
    if (*offset >= total)
        return {};
    if (*offset >= log.heldFrom())
        return log.bytesSince(*offset).left(max);
    QFile file(log.spillPath());
    if (!log.spillPath().isEmpty()) {
        log.flush();
        if (file.open(QIODevice::ReadOnly) && file.seek(*offset))
            return file.read(qMin(max, total - *offset));
    }
    *offset = log.heldFrom(); // neither memory nor a file has them: go on from what is held
    return log.bytesSince(*offset).left(max);
}

} // namespace procdeck::outputread
