#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include <optional>

#include "recordpruner.h"

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
    /// next() without decoding: the next whole frame, its length's bytes included, into
    /// *frame (for decode(), on any thread); Error as next() for a length too large or zero.
    Result nextFrame(QByteArray *frame, QString *error);
    /// A frame nextFrame() gave as next() decodes it, its records cut by `pruner` (may be
    /// null): Message with *out, or Error with *error. Touches nothing shared.
    static Result decode(const QByteArray &frame, const RecordPruner *pruner, QCborMap *out,
                         QString *error);
    /// Bytes held for a frame not yet complete.
    qsizetype held() const { return m_buffer.size(); }
    /// From now on each message's records are cut by `pruner` before they are decoded (what a
    /// watch keeps of 100,000 jobs); a frame it cannot cut is decoded whole.
    void pruneRecords(const RecordPruner &pruner) { m_pruner = pruner; }

private:
    QByteArray m_buffer;
    std::optional<RecordPruner> m_pruner;
    bool m_broken = false;
};

} // namespace procdeck
