#include "framereader.h"

#include "protocol.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QtEndian>

namespace procdeck {

namespace {

constexpr qsizetype kLengthBytes = 4;

quint32 lengthOf(const QByteArray &buffer)
{
    return qFromBigEndian<quint32>(buffer.constData());
}

} // namespace

qint64 FrameReader::wanted() const
{
    if (m_buffer.size() < kLengthBytes)
        return kLengthBytes - m_buffer.size();
    const quint32 length = lengthOf(m_buffer);
    if (length == 0 || length > protocol::kMaxFrameBytes)
        return 0;
    return qMax<qint64>(0, kLengthBytes + qint64(length) - m_buffer.size());
}

FrameReader::Result FrameReader::next(QCborMap *out, QString *error)
{
    if (m_broken || m_buffer.size() < kLengthBytes)
        return m_broken ? Result::Error : Result::NeedMore;
    const quint32 length = lengthOf(m_buffer);
    m_broken = true; // until the frame proves whole
    if (length == 0) {
        *error = QStringLiteral("a frame of length 0");
        return Result::Error;
    }
    if (length > protocol::kMaxFrameBytes) {
        *error = QStringLiteral("a frame of %1 bytes (at most %2)")
                         .arg(length)
                         .arg(protocol::kMaxFrameBytes);
        return Result::Error;
    }
    if (m_buffer.size() < kLengthBytes + qsizetype(length)) {
        m_broken = false;
        return Result::NeedMore;
    }
    const QByteArray payload = m_buffer.mid(kLengthBytes, length);
    m_buffer.remove(0, kLengthBytes + length);
    QCborStreamReader reader(payload);
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || reader.currentOffset() != payload.size()) {
        // One item and nothing after it: trailing bytes are as wrong as a cut one.
        *error = QStringLiteral("a frame that is not one CBOR item (%1)")
                         .arg(reader.lastError() != QCborError::NoError
                                      ? reader.lastError().toString()
                                      : QStringLiteral("bytes after it"));
        return Result::Error;
    }
    if (!value.isMap() || protocol::typeOf(value.toMap()).isEmpty()) {
        *error = QStringLiteral("a frame that is not a message (a CBOR map with a \"type\")");
        return Result::Error;
    }
    *out = value.toMap();
    m_broken = false;
    return Result::Message;
}

} // namespace procdeck
