#include "outputsink.h"

#include "core/output/outputlog.h"
#include "core/types/errnotext.h"
#include "core/types/rawbytes.h"
#include "sinkfiles.h"

#include <QFile>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/sendfile.h>
#include <unistd.h>

// A member, not in an anonymous namespace: State (external linkage) holds a queue of them,
// which GCC warns about (-Wsubobject-linkage) when the file is part of a unity build.
struct OutputSink::Item {
    QByteArray bytes;
    QString path; ///< non-empty: copy `size` bytes of this file instead
    qint64 size = 0;
    QByteArray tag;
    std::shared_ptr<procdeck::OutputLog> log; ///< the file's: waited for before it is read
    std::shared_ptr<OutputSink::Cursor> cursor; ///< a growing file: `size` is where to stop
    bool wholeLines = false;
    std::shared_ptr<OutputSink::KeepIn> keepIn; ///< into a file instead of the descriptor
};

struct OutputSink::State {
    int fd = -1;
    QString name;
    /// Told "drained" in its own thread's event loop while it lives (set and cleared under the
    /// mutex, on that thread). A queued call and not a pipe: no descriptor, which under a low
    /// `ulimit -n` would be room for a job less.
    OutputSink *owner = nullptr;

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Item> queue; ///< the front stays until it has been written
    qint64 heldBytes = 0;   ///< the bytes of the queue's items held in memory
    qint64 dropped = 0;
    bool stopping = false;
    bool gone = false;
    QString error;
    std::thread thread;

    bool failed()
    {
        const std::lock_guard lock(mutex);
        return gone || !error.isEmpty();
    }

    /// Writes every byte, waiting for a descriptor someone made non-blocking. False when the
    /// reader is gone or the write failed (recorded).
    bool writeAll(const char *data, qsizetype size)
    {
        while (size > 0) {
            const ssize_t n = ::write(fd, data, size_t(size));
            if (n > 0) {
                data += n;
                size -= n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, -1);
                continue;
            }
            return failed(n < 0 ? errno : EIO);
        }
        return true;
    }

    /// Records why writing stopped: the reader went away (EPIPE), or the error to report.
    bool failed(int err)
    {
        const std::lock_guard lock(mutex);
        if (err == EPIPE)
            gone = true;
        else
            error = QStringLiteral("%1: %2").arg(name, procdeck::errnoText(err));
        return false;
    }

    /// Writes `size` bytes, each line prefixed by `tag` and a TAB when there is a tag (null: none;
    /// an empty one still writes its TAB).
    bool writeTagged(const char *data, qsizetype size, const QByteArray &tag, bool *atLineStart,
                     QByteArray *buffer)
    {
        if (tag.isNull())
            return writeAll(data, size);
        buffer->clear();
        const char *end = data + size;
        while (data < end) {
            if (*atLineStart) {
                buffer->append(tag);
                buffer->append('\t');
            }
            const char *newline
                    = static_cast<const char *>(std::memchr(data, '\n', size_t(end - data)));
            const char *stop = newline ? newline + 1 : end;
            buffer->append(data, stop - data);
            *atLineStart = newline != nullptr;
            data = stop;
        }
        return writeAll(buffer->constData(), buffer->size());
    }

    /// Copies the file in the kernel (sendfile), without passing the bytes through here.
    /// False when writing failed (recorded); true with *left > 0 when the copy is for
    /// read() and write() to finish (a descriptor sendfile does not take).
    bool sendWhole(int in, qint64 *left)
    {
        while (*left > 0) {
            const ssize_t n = ::sendfile(fd, in, nullptr, size_t(qMin<qint64>(*left, 1 << 20)));
            if (n > 0) {
                *left -= n;
                continue;
            }
            if (n == 0) { // the file is shorter than said: nothing more to copy
                *left = 0;
                return true;
            }
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, -1);
                continue;
            }
            if (errno == EINVAL || errno == ENOSYS)
                return true; // read() and write() do the rest
            return failed(errno);
        }
        return true;
    }

    /// A growing file's bytes from its cursor on (see writeGrowing()).
    void writeGrowing(const Item &item, QByteArray *buffer)
    {
        qint64 &printed = item.cursor->printed;
        if (item.size <= printed)
            return;
        if (item.log)
            item.log->flush(); // the file holds every byte readers were shown
        const int in = sinkfiles::openWaiting(QFile::encodeName(item.path), O_RDONLY | O_CLOEXEC);
        if (in < 0)
            return; // the job's own report says what was lost
        const qint64 end
                = item.wholeLines ? sinkfiles::lastLineEnd(in, printed, item.size) : item.size;
        bool atLineStart = true;
        QByteArray chunk(1 << 16, Qt::Uninitialized);
        while (printed < end) {
            const ssize_t n = ::pread(in, chunk.data(),
                                      size_t(qMin<qint64>(end - printed, chunk.size())), printed);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || !writeTagged(chunk.constData(), n, item.tag, &atLineStart, buffer))
                break;
            printed += n;
        }
        ::close(in);
    }

    /// --results, --files: the item into a file of its own, then perhaps its name on `fd`.
    void writeKept(const Item &item)
    {
        const OutputSink::KeepIn &k = *item.keepIn;
        QString name = k.path;
        int out = -1;
        if (k.newFile) {
            out = sinkfiles::newParFile(k.path, &name);
        } else {
            const QByteArray path = procdeck::rawbytes::toBytes(name);
            sinkfiles::makeFolders(path);
            out = sinkfiles::openWaiting(
                    path, O_WRONLY | O_CREAT | (k.append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0666);
        }
        if (out >= 0 && item.log)
            item.log->flush(); // the spill file holds every byte
        bool ok = out >= 0
                && (item.path.isEmpty()
                            ? sinkfiles::writeAll(out, item.bytes.constData(), item.bytes.size())
                            : sinkfiles::copyFile(out, item.path, item.size));
        const int err = errno;
        if (out >= 0 && ::close(out) != 0 && ok)
            ok = false;
        if (!ok) {
            const std::lock_guard lock(mutex);
            if (error.isEmpty())
                error = QStringLiteral("cannot write to '%1': %2")
                                .arg(name, procdeck::errnoText(ok ? errno : err));
            return;
        }
        if (k.printName)
            writeAll(QByteArray(k.tag + procdeck::rawbytes::toBytes(name) + '\n'));
    }

    bool writeAll(const QByteArray &bytes) { return writeAll(bytes.constData(), bytes.size()); }

    void writeItem(const Item &item, QByteArray *buffer)
    {
        if (item.keepIn)
            return writeKept(item);
        if (item.cursor)
            return writeGrowing(item, buffer);
        bool atLineStart = true;
        if (item.path.isEmpty()) {
            writeTagged(item.bytes.constData(), item.bytes.size(), item.tag, &atLineStart, buffer);
            return;
        }
        if (item.log)
            item.log->flush(); // the spill file's writer may still be at it (its close is queued)
        const int in = sinkfiles::openWaiting(QFile::encodeName(item.path), O_RDONLY | O_CLOEXEC);
        if (in < 0)
            return; // the job's own report says what was lost
        qint64 left = item.size;
        if (item.tag.isNull() && !sendWhole(in, &left)) {
            ::close(in);
            return;
        }
        QByteArray chunk(1 << 16, Qt::Uninitialized);
        while (left > 0) {
            const ssize_t n = ::read(in, chunk.data(), size_t(qMin<qint64>(left, chunk.size())));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || !writeTagged(chunk.constData(), n, item.tag, &atLineStart, buffer))
                break;
            left -= n;
        }
        ::close(in);
    }

    void run()
    {
        QByteArray buffer;
        for (;;) {
            Item item;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return !queue.empty() || stopping; });
                if (queue.empty())
                    return;
                item = queue.front();
            }
            if (!failed())
                writeItem(item, &buffer);
            const std::lock_guard lock(mutex);
            heldBytes -= queue.front().bytes.size();
            queue.pop_front();
            if (queue.empty() && owner) { // alive while the mutex is held: it clears it first
                OutputSink *sink = owner;
                QMetaObject::invokeMethod(sink, [sink] { sink->onWakeUp(); }, Qt::QueuedConnection);
            }
        }
    }
};

OutputSink::OutputSink(int fd, QString name, QObject *parent)
    : QObject(parent), m_state(std::make_shared<State>())
{
    m_state->fd = fd;
    m_state->name = std::move(name);
    m_state->owner = this;
    std::shared_ptr<State> state = m_state; // the thread keeps the state alive if it outlives us
    m_state->thread = std::thread([state] { state->run(); });
}

OutputSink::~OutputSink()
{
    bool drained = false;
    {
        const std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
        m_state->owner = nullptr;
        drained = m_state->queue.empty() || m_state->gone || !m_state->error.isEmpty();
    }
    m_state->wake.notify_all();
    if (drained)
        m_state->thread.join();
    else
        m_state->thread.detach(); // blocked on a reader that does not read: the exit ends it
}

void OutputSink::write(QByteArray bytes, const QByteArray &tag)
{
    if (bytes.isEmpty())
        return;
    {
        const std::lock_guard lock(m_state->mutex);
        if (m_state->gone || !m_state->error.isEmpty())
            return;
        if (m_state->heldBytes + bytes.size() > kMaxHeldBytes
            && bytes.size() > 4096) { // a message always fits
            m_state->dropped += bytes.size();
            return;
        }
        m_state->heldBytes += bytes.size();
        m_state->queue.push_back(Item{std::move(bytes), {}, 0, tag, {}, {}, false, {}});
    }
    m_state->wake.notify_one();
}

void OutputSink::writeFile(const QString &path, qint64 size, const QByteArray &tag,
                           std::shared_ptr<procdeck::OutputLog> log)
{
    if (size <= 0)
        return;
    {
        const std::lock_guard lock(m_state->mutex);
        if (m_state->gone || !m_state->error.isEmpty())
            return;
        m_state->queue.push_back(Item{{}, path, size, tag, std::move(log), {}, false, {}});
    }
    m_state->wake.notify_one();
}

void OutputSink::writeGrowing(const QString &path, qint64 upTo, std::shared_ptr<Cursor> cursor,
                              bool wholeLines, const QByteArray &tag,
                              std::shared_ptr<procdeck::OutputLog> log)
{
    {
        const std::lock_guard lock(m_state->mutex);
        if (m_state->gone || !m_state->error.isEmpty())
            return;
        m_state->queue.push_back(
                Item{{}, path, upTo, tag, std::move(log), std::move(cursor), wholeLines, {}});
    }
    m_state->wake.notify_one();
}

void OutputSink::keep(const KeepIn &where, const QByteArray &bytes, const QString &from,
                      qint64 size, std::shared_ptr<procdeck::OutputLog> log)
{
    {
        const std::lock_guard lock(m_state->mutex);
        if (m_state->gone || !m_state->error.isEmpty())
            return;
        m_state->heldBytes += bytes.size();
        m_state->queue.push_back(Item{bytes, from, size, {}, std::move(log), {}, false,
                                      std::make_shared<KeepIn>(where)});
    }
    m_state->wake.notify_one();
}

bool OutputSink::isDrained() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->queue.empty();
}

bool OutputSink::readerGone() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->gone;
}

QString OutputSink::error() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->error;
}

qint64 OutputSink::droppedBytes() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->dropped;
}

void OutputSink::onWakeUp()
{
    if (isDrained())
        emit drained();
}
