#pragma once

#include "core/protocol/framereader.h"

#include <QByteArray>
#include <QCborMap>
#include <QObject>
#include <QSocketNotifier>

#include <deque>

/// The protocol's frames (docs/protocol.md) over two descriptors, procdeck-cli --worker's stdin
/// and stdout: messages in as signals, messages out through a queue written as the reader takes
/// them, never blocking the event loop (a reader that stops reading must not stop the jobs'
/// timeouts). Both descriptors are made non-blocking.
class StdioChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StdioChannel)

public:
    StdioChannel(int inFd, int outFd, QObject *parent = nullptr);

    /// Queues `message` for the peer.
    void send(const QCborMap &message);
    void sendFrame(const QByteArray &frame);
    /// Bytes queued and not yet written.
    qint64 pendingBytes() const { return m_queuedBytes; }
    /// Whether more output may be produced now (below kLowWater queued), and the peer is there.
    bool wantsMore() const { return !m_cut && m_queuedBytes < kLowWater; }
    /// Stops reading (what comes later is not read) and writing once the queue is out.
    bool isCut() const { return m_cut; }

    static constexpr qint64 kLowWater = 256 * 1024;

signals:
    void messageReceived(const QCborMap &message);
    /// The connection is over: its input ended (empty `reason`), a frame was broken, or the
    /// output cannot be written (the reader has gone). Said once.
    void cut(const QString &reason);
    /// What was queued fell below kLowWater.
    void drained();

private:
    void onReadable();
    void writeSome();
    void cutWith(const QString &reason);

    int m_inFd;
    int m_outFd;
    QSocketNotifier m_readNotifier;
    QSocketNotifier m_writeNotifier;
    procdeck::FrameReader m_reader;
    std::deque<QByteArray> m_frames;
    qint64 m_headWritten = 0;
    qint64 m_queuedBytes = 0;
    bool m_cut = false;
};
