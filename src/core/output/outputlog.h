#pragma once

#include "spillname.h"

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <memory>

namespace procdeck {

struct SpillFile;

/// One captured stream (a job's stdout or its stderr).
///
/// Every byte goes to a spill file, opened on the first byte (a job that prints nothing costs
/// no file) and written by SpillWriter's thread, in order; memory keeps only a bounded tail for
/// display, so it stays flat whatever the child prints. Byte and line counts are exact. If the
/// spill file cannot be written (a full disk, no permission) the log says why, stops spilling,
/// and keeps the tail: capture never fails a job.
///
/// A job's pipes are read on OutputPump's thread (readFrom()) while the window's thread reads
/// the tail: the ring and the counts are kept under a lock, and what readers see (totalBytes(),
/// lineCount(), bytesSince(), tail()) is the stream up to the last publish(), made on the
/// readers' thread, so that a reader never sees it grow between two of its calls. A log that is
/// written on its readers' thread (append(), the default) publishes every append itself.
class OutputLog final
{
public:
    /// `spill` empty: keep the tail only. `tailLimit` bytes are always kept in memory.
    explicit OutputLog(SpillName spill, qsizetype tailLimit = kDefaultTailLimit);
    explicit OutputLog(QString spillPath, qsizetype tailLimit = kDefaultTailLimit)
        : OutputLog(SpillName(std::move(spillPath)), tailLimit)
    {
    }
    ~OutputLog();
    OutputLog(const OutputLog &) = delete;
    OutputLog &operator=(const OutputLog &) = delete;

    static constexpr qsizetype kDefaultTailLimit = 1024 * 1024;

    void append(const char *data, qsizetype size);
    void append(const QByteArray &bytes) { append(bytes.constData(), bytes.size()); }
    /// Room to read up to `size` bytes straight into, then appendRead(n) for the n read: bytes
    /// read this way reach the spill file with no copy on the way (the window reads every job's
    /// pipes). Valid until the next call on this log.
    char *readInto(qsizetype size);
    void appendRead(qsizetype n);
    /// One read(2) of at most `maxBytes` from the non-blocking descriptor `fd` into the log, for
    /// a writer on another thread than the readers': what read(2) returned (0 at end of file,
    /// -1 with errno set). Waits while the spill files' writer is too far behind.
    qsizetype readFrom(int fd, qsizetype maxBytes);
    /// Readers see only what publish() made visible from now on (call before another thread
    /// writes: OutputPump's).
    void setPublishedByHand() { m_publishByHand = true; }
    /// Makes everything appended so far visible to readers (call on the readers' thread). True
    /// if they see more than before.
    bool publish();
    /// Hands what is gathered to the spill file's writer (batches of 256 KiB) and waits until the
    /// file holds every byte so far, and after close() until it is closed (its error final):
    /// call it, off the window's thread, before reading the file.
    void flush();
    /// The stream is complete: readers see all of it, and the spill file is closed once it
    /// holds every byte. Waits for no disk (isWritten() says when it is done, flush() waits
    /// for it): a job's end. Appends after it are kept in memory only.
    void endStream();
    /// endStream(), then waits until the spill file is closed (a write error, a late one
    /// included, is known after it).
    void close();
    /// endStream()'s spill half, for the pump's thread once the stream has ended: queued.
    void closeSpill();
    /// True when the spill file can be read whole: closed, every byte in it (or its error
    /// known); true as well when nothing was spilled. Never waits.
    bool isWritten() const;
    /// True once the stream has ended having carried no byte: nothing held, nothing spilled,
    /// no error. One such log is as good as another (JobOutput::shareEmptyLogs()).
    bool endedEmpty() const;

    /// Keeps at most `bytes` of the tail in memory from now on (0: none), for an ended job
    /// whose complete output is on disk or no longer wanted. Never grows it.
    void shrinkTail(qsizetype bytes);

    qint64 totalBytes() const { return m_shown.totalBytes; }
    /// Lines as a person counts them: a last line without '\n' still counts.
    qint64 lineCount() const
    {
        return m_shown.newlines + (m_shown.totalBytes > 0 && !m_shown.endsWithNewline ? 1 : 0);
    }

    /// The last bytes kept in memory (at most tailLimit()).
    QByteArray tail() const;
    /// The offset in the whole stream of tail()'s first byte: 0 when the tail is everything.
    qint64 tailOffset() const
    {
        return m_shown.totalBytes - qMin<qint64>(m_shown.totalBytes, m_tailLimit);
    }
    bool tailIsComplete() const { return tailOffset() == 0; }
    qsizetype tailLimit() const { return m_tailLimit; }
    /// The memory the tail's buffer takes (its capacity): never more than tailLimit(),
    /// whatever the output was.
    qsizetype tailMemory() const;
    /// The offset of the first byte memory still holds (<= tailOffset()): bytesSince() can
    /// continue from any offset at or after it.
    qint64 heldFrom() const;
    /// The bytes from `offset` (absolute) to the end, as far as memory still holds them; the
    /// live output view asks for what came since it last looked. `*start`, when given, is told
    /// the offset of the first byte returned: later than `offset` when memory no longer holds
    /// it — the writer, on its own thread, may have overwritten it since heldFrom() was asked.
    QByteArray bytesSince(qint64 offset, qint64 *start = nullptr) const;

    /// The spill file's path, empty when nothing was spilled (no output, or spilling disabled).
    QString spillPath() const { return m_shown.spilled ? m_spillName.path() : QString(); }
    /// True when the spill file holds, or is being given, every byte of the stream (after
    /// close(): holds it).
    bool spillIsComplete() const { return m_shown.spilled && spillError().isEmpty(); }
    /// Why spilling stopped ("No space left on device"), empty if it did not (so far).
    QString spillError() const;

    /// The whole stream when it can be had: the spill file if complete, else the memory tail.
    /// `truncated` says which. Waits for the spill file's writer (see flush()).
    QByteArray readAll(bool *truncated = nullptr) const;

private:
    /// What readers see (see publish()); theirs alone.
    struct Shown {
        qint64 totalBytes = 0;
        qint64 newlines = 0;
        bool endsWithNewline = false;
        bool spilled = false;
    };
    void countAndKeep(const char *data, qsizetype size);
    bool publishLocked();
    qint64 liveHeldFrom() const { return m_totalBytes - m_heldBytes; }
    QByteArray bytesSinceLocked(qint64 offset, qint64 end, qint64 *start = nullptr) const;
    /// Once the writer is done with a closed spill file: its last word kept, the file let go
    /// (100,000 ended jobs must fit in memory). settleLocked() under both locks; settle() takes
    /// them unless the writer's lock is busy (then the next look does it): it never waits.
    void settle() const;
    void settleLocked() const;
    std::shared_ptr<SpillFile> spillFile() const;
    void count(const char *data, qsizetype size);
    void keep(const char *data, qsizetype size);
    void growRing(qsizetype needed);
    void spill(const char *data, qsizetype size);
    void startSpilling();
    void handOver(QByteArray bytes);

    const SpillName m_spillName;
    /// The writer's: held across a read and its spill hand-over (which may wait for the disk);
    /// guards m_pendingSpill, m_scratch, m_readInto*, m_spillClosed (written under both).
    mutable QMutex m_writeMutex;
    /// The ring, the live counts and m_spillFile/m_spilled (written under both locks); held only
    /// for memory work, never while waiting.
    mutable QMutex m_mutex;
    Shown m_shown;
    bool m_publishByHand = false;
    /// Until the writer is done with it after close(); SpillWriter writes it.
    mutable std::shared_ptr<SpillFile> m_spillFile;
    mutable QString m_spillError; ///< once the writer is done: its last word
    QByteArray m_pendingSpill;
    QByteArray m_scratch; ///< readInto()'s room when nothing is spilled
    bool m_readIntoSpill = false; ///< where readInto() gave room: m_pendingSpill (from
                                  ///< m_readIntoAt) or m_scratch
    qsizetype m_readIntoAt = 0;
    bool m_spillClosed = false;
    bool m_spilled
            = false; ///< a spill file was created (it outlives m_spillFile, closed at the end)
    /// The tail: a ring that grows (doubling) up to tailLimit and then overwrites its oldest
    /// bytes, so that capture allocates nothing per read and never moves bytes to trim.
    QByteArray m_ring;
    qsizetype m_ringStart = 0; ///< where the oldest held byte is
    qsizetype m_heldBytes = 0;
    qsizetype m_tailLimit;
    qint64 m_totalBytes = 0;
    qint64 m_newlines = 0;
    bool m_endsWithNewline = false;
};

} // namespace procdeck
