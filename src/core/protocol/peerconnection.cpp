#include "peerconnection.h"

#include "protocol.h"

namespace procdeck {

PeerConnection::PeerConnection(QLocalSocket *socket, QObject *parent)
    : QObject(parent), m_socket(socket)
{
    m_socket->setParent(this);
    m_abortTimer.setSingleShot(true);
    m_abortTimer.setInterval(10000); // a peer that never reads its last frame
    connect(&m_abortTimer, &QTimer::timeout, m_socket, &QLocalSocket::abort);
    // A peer that starts a frame and never ends it would hold its bytes for ever.
    m_frameTimer.setSingleShot(true);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] {
        closeWith(QStringLiteral("a frame cut short: %1 bytes waited %2 s for the rest")
                          .arg(m_reader.held())
                          .arg(kFrameWithinMs / 1000));
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &PeerConnection::onReadyRead);
    connect(m_socket, &QLocalSocket::bytesWritten, this, &PeerConnection::writeSome);
    connect(m_socket, &QLocalSocket::disconnected, this, &PeerConnection::onDisconnected);
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
        if (e != QLocalSocket::PeerClosedError)
            finish(QString());
    });
}

qint64 PeerConnection::pendingBytes() const
{
    return m_queuedBytes + m_socket->bytesToWrite();
}

void PeerConnection::send(const QCborMap &message)
{
    if (!m_closing)
        sendFrame(protocol::encode(message));
}

void PeerConnection::sendFrame(const QByteArray &frame)
{
    if (m_closing)
        return;
    if (pendingBytes() + frame.size() > protocol::kMaxSendBytes) {
        const qint64 waiting = pendingBytes() + frame.size();
        // The frame under way is finished, so that the reason still reads as a frame.
        while (m_frames.size() > (m_headWritten > 0 ? 1 : 0))
            m_frames.pop_back();
        m_queuedBytes = m_frames.empty() ? 0 : m_frames.front().size() - m_headWritten;
        closeWith(QStringLiteral("dropped: %1 bytes were waiting for this client, which did not "
                                 "read them (at most %2)")
                          .arg(waiting)
                          .arg(protocol::kMaxSendBytes));
        return;
    }
    enqueue(frame);
    writeSome();
}

void PeerConnection::closeWith(const QString &reason)
{
    if (m_closing)
        return;
    enqueue(protocol::encode(protocol::error(reason)));
    m_closing = true;
    m_abortTimer.start();
    writeSome();
    finish(reason);
}

void PeerConnection::writeSome()
{
    // Qt's own buffer grows without bound: hand it a little at a time, as the peer reads.
    while (!m_frames.empty() && m_socket->bytesToWrite() < kSocketChunk
           && m_socket->state() == QLocalSocket::ConnectedState) {
        const QByteArray &head = m_frames.front();
        const qint64 n = m_socket->write(head.constData() + m_headWritten,
                                         qMin<qint64>(head.size() - m_headWritten, kSocketChunk));
        if (n <= 0)
            break;
        m_headWritten += n;
        m_queuedBytes -= n;
        if (m_headWritten == head.size()) {
            m_frames.pop_front();
            m_headWritten = 0;
        }
    }
    if (m_closing) {
        if (m_frames.empty() && m_socket->state() == QLocalSocket::ConnectedState)
            m_socket->disconnectFromServer(); // once Qt has written what it holds
        else if (m_socket->state() == QLocalSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &PeerConnection::gone, Qt::QueuedConnection);
        return;
    }
    if (pendingBytes() < kLowWater)
        emit drained();
}

void PeerConnection::enqueue(QByteArray frame)
{
    m_queuedBytes += frame.size();
    m_frames.push_back(std::move(frame));
}

void PeerConnection::pruneRecords(const RecordPruner &pruner)
{
    m_reader.pruneRecords(pruner);
    m_decoder = std::make_unique<FrameDecoder>(pruner);
    connect(m_decoder.get(), &FrameDecoder::decoded, this, &PeerConnection::onDecoded);
    connect(m_decoder.get(), &FrameDecoder::failed, this, &PeerConnection::closeWith);
}

void PeerConnection::onReadyRead()
{
    while (!m_closing && m_socket->bytesAvailable() > 0) {
        if (m_decoder && m_decoder->inFlight() >= kFramesInFlight)
            return; // read on once the decoder has answered (onDecoded())
        const qint64 wanted = m_reader.wanted();
        if (wanted > 0)
            m_reader.feed(m_socket->read(qMin(wanted, kSocketChunk)));
        if (!takeFrames())
            return;
    }
    if (m_reader.held() == 0)
        m_frameTimer.stop();
    else if (!m_frameTimer.isActive())
        m_frameTimer.start(kFrameWithinMs);
}

bool PeerConnection::takeFrames()
{
    for (;;) {
        QCborMap message;
        QByteArray frame;
        QString error;
        const FrameReader::Result r = m_decoder ? m_reader.nextFrame(&frame, &error)
                                                : m_reader.next(&message, &error);
        if (r == FrameReader::Result::NeedMore)
            return true;
        if (r == FrameReader::Result::Error) {
            closeWith(error);
            return false;
        }
        if (m_decoder) { // its message comes once decoded (onDecoded())
            m_decoder->decode(std::move(frame));
            continue;
        }
        emit messageReceived(message);
        if (m_closing)
            return false;
    }
}

void PeerConnection::onDecoded(const QCborMap &message)
{
    if (!m_closing)
        emit messageReceived(message);
    if (m_peerGone) {
        if (m_decoder->inFlight() == 0)
            onDisconnected();
        return;
    }
    if (!m_closing && m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void PeerConnection::onDisconnected()
{
    // What it sent before it went is told first, as without a decoder.
    m_peerGone = true;
    if (m_goneTold || (m_decoder && m_decoder->inFlight() > 0 && !m_closing))
        return;
    m_goneTold = true;
    finish(QString());
    emit gone();
}

void PeerConnection::finish(const QString &reason)
{
    m_closing = true;
    if (m_closedSaid)
        return;
    m_closedSaid = true;
    emit closed(reason);
}

} // namespace procdeck
