#include "guardianchannel.h"

#include <QCoreApplication>
#include <QTimer>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace procdeck::guardian {

namespace {

/// Bytes written, 0 if the socket is full, -1 if the guardian is gone.
qint64 sendSome(int fd, const char *data, size_t size)
{
    ssize_t n;
    do {
        n = ::send(fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n >= 0)
        return n;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
}

} // namespace

Channel::Channel(int fd, std::function<void()> lost)
    : m_fd(fd), m_lost(std::move(lost))
{
    if (!QCoreApplication::instance())
        return; // no event loop to hear of it: the next send finds out
    m_closed = new QSocketNotifier(m_fd, QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(m_closed, &QSocketNotifier::activated, m_closed, [this] {
        m_gone = true;
        m_closed->setEnabled(false);
        QTimer::singleShot(0, m_closed, m_lost); // as for m_writable below
    });
}

Channel::~Channel()
{
    delete m_writable.data(); // before its descriptor goes; null if the application took it
    if (m_closed) {
        m_closed->setEnabled(false);
        m_closed->deleteLater(); // this may run inside its own timer's call
    }
    ::close(m_fd);
}

bool Channel::send(const void *data, size_t size)
{
    if (m_gone)
        return false;
    const auto *bytes = static_cast<const char *>(data);
    if (m_pending.isEmpty()) {
        const qint64 sent = sendSome(m_fd, bytes, size);
        if (sent < 0)
            return false;
        if (size_t(sent) == size)
            return true;
        bytes += sent;
        size -= size_t(sent);
    }
    m_pending.append(bytes, qsizetype(size));
    if (!m_writable) {
        m_writable
                = new QSocketNotifier(m_fd, QSocketNotifier::Write, QCoreApplication::instance());
        QObject::connect(m_writable, &QSocketNotifier::activated, m_writable, [this] {
            if (flushPending())
                return;
            m_gone = true;
            m_writable->setEnabled(false);
            // Told from the event loop, not from inside the notifier that the owner deletes
            // with this Channel; not at all if the owner found out first and deleted it.
            QTimer::singleShot(0, m_writable, m_lost);
        });
    }
    m_writable->setEnabled(true);
    return true;
}

bool Channel::flushPending()
{
    const qint64 sent = sendSome(m_fd, m_pending.constData(), size_t(m_pending.size()));
    if (sent < 0)
        return false;
    m_pending.remove(0, sent);
    if (m_pending.isEmpty())
        m_writable->setEnabled(false); // else: full again, and the notifier says when there is room
    return true;
}

} // namespace procdeck::guardian
