#pragma once

#include <QByteArray>
#include <QPointer>
#include <QSocketNotifier>

#include <functional>

namespace procdeck::guardian {

/// ProcDeck's end of the socket to its guardian: sends never wait.
///
/// The guardian drains the socket, then rests a few milliseconds; a burst of job starts and ends
/// (thousands a second) can fill the socket in between, and a blocking send() would stop the
/// event loop until the next drain. Here what does not fit is kept, in order, and sent as one
/// piece when the socket has room again (the guardian reads a byte stream: records may be split
/// anywhere). Were ProcDeck to die with bytes kept, the guardian still ends every process that
/// carries this run's marker; only its report could miss those last jobs.
class Channel final
{
public:
    /// Takes `fd` (one end of a SOCK_STREAM socket pair); `lost` is called when a send finds
    /// the guardian gone, from inside send() or later from the event loop, and from the event
    /// loop as soon as the guardian's end closes (it never writes: it died).
    Channel(int fd, std::function<void()> lost);
    ~Channel();
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    /// Queues `size` bytes after everything sent before. False when the guardian is gone (the
    /// bytes are dropped: a new guardian is told everything anew).
    bool send(const void *data, size_t size);
    /// Bytes kept because the socket was full.
    qsizetype pendingBytes() const { return m_pending.size(); }
    /// False once a send found the guardian gone.
    bool isOpen() const { return !m_gone; }

private:
    /// Writes what it can of the kept bytes. False when the guardian is gone.
    bool flushPending();

    int m_fd;
    std::function<void()> m_lost;
    QByteArray m_pending;
    bool m_gone = false;
    /// On while bytes are kept. Owned by the application object: this Channel may outlive it
    /// (it is a static's), and a notifier must go while its event dispatcher is there.
    QPointer<QSocketNotifier> m_writable;
    QPointer<QSocketNotifier> m_closed; ///< readable: the guardian's end has closed
};

} // namespace procdeck::guardian
