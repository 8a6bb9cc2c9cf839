#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>

namespace procdeck {

/// Cuts a byte stream into the protocol's frames (protocol.h). Holds at most one frame's
/// bytes: a length past protocol::kMaxFrameBytes is an error before any of its payload is kept.
class FrameReader final
{
public:
    enum class Result { NeedMore, Message, Error };

    /// Adds bytes read from the peer.
    void feed(const QByteArray &bytes) { m_buffer += bytes; }
    /// How many more bytes complete the frame under way (the length's included): what to read.
    qint64 wanted() const;
    /// The next whole message into *out; Error with *error when the frame is not one (a length
    /// too large or zero, a payload that is not one CBOR map with a text "type"). After an
    /// error the stream cannot be read further: close the connection.
    Result next(QCborMap *out, QString *error);
    /// Bytes held for a frame not yet complete.
    qsizetype held() const { return m_buffer.size(); }

private:
    QByteArray m_buffer;
    bool m_broken = false;
};

} // namespace procdeck
