#pragma once

#include "framedecoder.h"
#include "framereader.h"

#include <QByteArray>
#include <QCborMap>
#include <QLocalSocket>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>

namespace procdeck {

/// One end of a protocol connection, on an event loop: messages in as signals, messages out
/// through a bounded queue. Nothing a peer sends or fails to read can make it hold more than
/// one frame in (protocol::kMaxFrameBytes) and protocol::kMaxSendBytes out.
class PeerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeerConnection)

public:
    /// Takes `socket` (connected) as its child.
    explicit PeerConnection(QLocalSocket *socket, QObject *parent = nullptr);

    /// Queues `message`. When what waits for the peer would pass protocol::kMaxSendBytes, the
    /// queue is dropped, the peer told why (an "error" frame, last) and the connection closed.
    void send(const QCborMap &message);
    /// The same for a frame already encoded (protocol::encode's form).
    void sendFrame(const QByteArray &frame);
    /// Sends an "error" with `reason`, then closes once it is written (at most 10 s later).
    void closeWith(const QString &reason);
    /// Bytes not yet taken by the peer's socket: ours and Qt's.
    qint64 pendingBytes() const;
    /// Whether more may be sent without filling the peer's buffer (for output streamed to it).
    bool wantsMore() const { return isOpen() && pendingBytes() < kLowWater; }
    bool isOpen() const { return !m_closing; }
    QLocalSocket *socket() const { return m_socket; }
    /// Each message's records cut by `pruner` before they are decoded, on a thread of the
    /// connection's own (FrameDecoder); its messages come as before, in order, a turn later.
    void pruneRecords(const RecordPruner &pruner);

    /// Below this many pending bytes drained() is emitted: the producers' cue.
    static constexpr qint64 kLowWater = 256 * 1024;

signals:
    void messageReceived(const QCborMap &message);
    /// The connection is over: `reason` says why (empty: the peer went away).
    void closed(const QString &reason);
    /// What was pending fell below kLowWater.
    void drained();
    /// The socket is closed and what it had to write is written (or given up): the connection
    /// may be deleted now, not at closed(), which comes before the last frame is out.
    void gone();

private:
    void onReadyRead();
    /// Tells the messages read, or hands their frames to the decoder; false when the
    /// connection is over.
    bool takeFrames();
    void onDecoded(const QCborMap &message);
    /// The peer went away: once the frames under way are decoded, the connection is over.
    void onDisconnected();
    void writeSome();
    void finish(const QString &reason);
    void enqueue(QByteArray frame);

    static constexpr qint64 kSocketChunk = 64 * 1024;
    static constexpr int kFrameWithinMs = 30000;
    /// Frames at most handed to the decoder and not decoded: the socket is not read meanwhile
    /// (what waits stays bounded; a page is ~300 KB).
    static constexpr int kFramesInFlight = 4;
    QLocalSocket *m_socket;
    FrameReader m_reader;
    std::unique_ptr<FrameDecoder> m_decoder; ///< with pruneRecords()
    std::deque<QByteArray> m_frames; ///< frames not yet handed (wholly) to the socket
    qint64 m_headWritten = 0;        ///< bytes of the first frame already handed over
    qint64 m_queuedBytes = 0;        ///< what m_frames holds beyond m_headWritten
    QTimer m_abortTimer;
    QTimer m_frameTimer; ///< a frame begun must be whole within kFrameWithinMs
    bool m_closing = false;
    bool m_closedSaid = false;
    bool m_peerGone = false; ///< disconnected, its last frames still being decoded
    bool m_goneTold = false; ///< the disconnection told (gone())
};

} // namespace procdeck
