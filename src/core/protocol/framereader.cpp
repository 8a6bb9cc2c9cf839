#include "framereader.h"

#include "protocol.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QtEndian>

#include <utility>

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
    QByteArray frame;
    const Result r = nextFrame(&frame, error);
    if (r != Result::Message)
        return r;
    m_broken = decode(frame, m_pruner ? &*m_pruner : nullptr, out, error) != Result::Message;
    return m_broken ? Result::Error : Result::Message;
}

FrameReader::Result FrameReader::nextFrame(QByteArray *frame, QString *error)
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
    const qsizetype whole = kLengthBytes + qsizetype(length);
    if (m_buffer.size() < whole) {
        m_broken = false;
        return Result::NeedMore;
    }
    // Read only as far as the frame (wanted()), the buffer is usually the frame: no copy.
    if (m_buffer.size() == whole) {
        *frame = std::exchange(m_buffer, {});
    } else {
        *frame = m_buffer.left(whole);
        m_buffer.remove(0, whole);
    }
    m_broken = false;
    return Result::Message;
}

FrameReader::Result FrameReader::decode(const QByteArray &frame, const RecordPruner *pruner,
                                        QCborMap *out, QString *error)
{
    // Read where it lies: a page of the watch's listing is ~300 KB, not worth a copy.
    const char *payload = frame.constData() + kLengthBytes;
    const qsizetype length = frame.size() - kLengthBytes;
    QCborValue value;
    if (pruner) {
        const QByteArray pruned = pruner->prune(payload, length);
        QCborParserError prunedError;
        if (!pruned.isEmpty())
            value = QCborValue::fromCbor(pruned, &prunedError);
        if (pruned.isEmpty() || prunedError.error != QCborError::NoError)
            value = QCborValue(); // decoded whole below
    }
    QCborError cborError{QCborError::NoError};
    bool whole = true;
    if (value.isUndefined()) {
        QCborStreamReader reader(payload, length);
        value = QCborValue::fromCbor(reader);
        cborError = reader.lastError();
        whole = reader.currentOffset() == qint64(length);
    }
    if (cborError != QCborError::NoError || !whole) {
        // One item and nothing after it: trailing bytes are as wrong as a cut one.
        *error = QStringLiteral("a frame that is not one CBOR item (%1)")
                         .arg(cborError != QCborError::NoError ? cborError.toString()
                                                               : QStringLiteral("bytes after it"));
        return Result::Error;
    }
    if (!value.isMap() || protocol::typeOf(value.toMap()).isEmpty()) {
        *error = QStringLiteral("a frame that is not a message (a CBOR map with a \"type\")");
        return Result::Error;
    }
    *out = value.toMap();
    return Result::Message;
}

} // namespace procdeck
