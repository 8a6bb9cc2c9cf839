#include "stdiochannel.h"

#include "core/protocol/protocol.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace procdeck;

namespace {

void makeNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

constexpr qint64 kReadChunk = 64 * 1024;

} // namespace

StdioChannel::StdioChannel(int inFd, int outFd, QObject *parent)
    : QObject(parent),
      m_inFd(inFd),
      m_outFd(outFd),
      m_readNotifier(inFd, QSocketNotifier::Read),
      m_writeNotifier(outFd, QSocketNotifier::Write)
{
    makeNonBlocking(inFd);
    makeNonBlocking(outFd);
    m_writeNotifier.setEnabled(false);
    connect(&m_readNotifier, &QSocketNotifier::activated, this, &StdioChannel::onReadable);
    connect(&m_writeNotifier, &QSocketNotifier::activated, this, &StdioChannel::writeSome);
}

void StdioChannel::send(const QCborMap &message)
{
    sendFrame(protocol::encode(message));
}

void StdioChannel::sendFrame(const QByteArray &frame)
{
    if (m_cut && m_outFd < 0)
        return;
    m_queuedBytes += frame.size();
    m_frames.push_back(frame);
    if (!m_writeNotifier.isEnabled())
        writeSome();
}

void StdioChannel::writeSome()
{
    while (!m_frames.empty()) {
        const QByteArray &head = m_frames.front();
        const qint64 left = head.size() - m_headWritten;
        const ssize_t n = ::write(m_outFd, head.constData() + m_headWritten, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier.setEnabled(true);
            return;
        }
        if (n < 0) { // EPIPE above all: nobody reads us any more
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            m_frames.clear();
            m_queuedBytes = 0;
            m_writeNotifier.setEnabled(false);
            m_outFd = -1;
            cutWith(QStringLiteral("cannot write: %1").arg(why));
            return;
        }
        m_headWritten += n;
        m_queuedBytes -= n;
        if (m_headWritten == head.size()) {
            m_frames.pop_front();
            m_headWritten = 0;
        }
    }
    m_writeNotifier.setEnabled(false);
    if (!m_cut)
        emit drained();
}

void StdioChannel::onReadable()
{
    char buffer[kReadChunk];
    const ssize_t n = ::read(m_inFd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n <= 0) {
        cutWith(n == 0 ? QString()
                       : QStringLiteral("cannot read: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    m_reader.feed(QByteArray(buffer, n));
    for (;;) {
        QCborMap message;
        QString error;
        const FrameReader::Result r = m_reader.next(&message, &error);
        if (r == FrameReader::Result::NeedMore)
            return;
        if (r == FrameReader::Result::Error) {
            send(protocol::error(error));
            cutWith(error);
            return;
        }
        emit messageReceived(message);
        if (m_cut)
            return;
    }
}

void StdioChannel::cutWith(const QString &reason)
{
    m_readNotifier.setEnabled(false);
    if (m_cut)
        return;
    m_cut = true;
    emit cut(reason);
}
