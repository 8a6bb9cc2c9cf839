#include "outputread.h"

#include "outputlog.h"

#include <QFile>

namespace procdeck::outputread {

QByteArray readFrom(OutputLog &log, qint64 *offset, qint64 max)
{
    const qint64 total = log.totalBytes();
    if (*offset >= total)
        return {};
    // Memory first, asked once: what it gives says where it begins, which is later than asked
    // when the pump's thread has overwritten those bytes meanwhile (they are in the file then).
    qint64 start = *offset;
    QByteArray held = log.bytesSince(*offset, &start);
    if (start == *offset)
        return held.left(max);
    if (!log.spillPath().isEmpty()) {
        log.flush();
        QFile file(log.spillPath());
        if (file.open(QIODevice::ReadOnly) && file.seek(*offset))
            return file.read(qMin(max, total - *offset));
    }
    *offset = start; // neither memory nor a file has them: go on from what is held
    return held.left(max);
}

} // namespace procdeck::outputread
