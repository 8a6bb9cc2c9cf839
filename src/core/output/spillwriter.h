#pragma once

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace procdeck {

/// One spill file as SpillWriter keeps it. Its fields are SpillWriter's, read and written under
/// its lock (the descriptor by its thread only).
struct SpillFile {
    QString path;
    int fd = -1;
    QString error; ///< why the file does not hold every byte given for it; empty while it does
    int queuedTasks = 0; ///< given and not yet done
};

/// Writes the spill files — every byte a job prints — on a thread of its own, so that the thread
/// reading the jobs' pipes (the window's) never waits for the disk: writing them there was more
/// than half of the window's time under 64 × `yes`.
///
/// One thread and one queue: a file's chunks are written in the order they were given, and its
/// folder is made and the file created there too. Nothing is dropped: when the writer falls
/// kMaxQueuedBytes behind (a disk slower than the jobs), giving a chunk waits until it has caught
/// up halfway, rather than let memory grow. Readers that need the whole file wait for it with
/// sync() (off the window's thread): the bytes of one file, and whatever was queued before them.
/// Nobody else waits: close() only queues the closing, so that neither the pump's thread nor a
/// job's end waits for a disk that is slow or stuck.
class SpillWriter final
{
public:
    static SpillWriter &instance();
    ~SpillWriter();
    SpillWriter(const SpillWriter &) = delete;
    SpillWriter &operator=(const SpillWriter &) = delete;

    static constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;

    /// A file to be created (truncated) at `path`, its folder made if needed.
    std::shared_ptr<SpillFile> open(const QString &path);
    void write(const std::shared_ptr<SpillFile> &file, QByteArray bytes);
    /// Waits until every byte given for `file` is in it (or it failed: error() says why).
    void sync(const SpillFile &file);
    /// Waits until everything given so far, for every file, is done: each file made, holding its
    /// bytes, and closed if its closing was given (or its error known). For a front end about to
    /// say how a run went or to remove its folder: this thread may be behind, and made a file in
    /// a folder that had been removed as empty, or met a write error after the job's end.
    void syncAll();
    /// Closes the file once everything given for it is written; does not wait (sync() does, and
    /// then error() is final).
    void close(const std::shared_ptr<SpillFile> &file);
    /// True when everything given for `file`, its closing included, is done.
    bool isDone(const SpillFile &file) const;
    QString error(const SpillFile &file) const;
    /// An empty buffer with room for `capacity` bytes, one that was written before if there is
    /// one: fresh 256 KiB buffers cost page faults on every batch (a quarter of the window's time
    /// under 64 × `yes`), reused ones do not.
    QByteArray takeBuffer(qsizetype capacity);

private:
    SpillWriter();

    enum class Kind { Open, Write, Close };
    struct Task {
        Kind kind;
        std::shared_ptr<SpillFile> file;
        QByteArray bytes;
    };
    void push(Task task);
    void run();
    /// The task's disk work, outside the lock; the error it met, empty if none.
    static QString perform(Task &task);

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;     ///< for the thread: tasks came, or it is to stop
    std::condition_variable m_progress; ///< for those waiting: a task is done
    std::deque<Task> m_tasks;
    std::vector<QByteArray> m_spare; ///< written buffers kept for takeBuffer()
    qint64 m_queuedBytes = 0;
    quint64 m_given = 0; ///< tasks pushed, ever
    quint64 m_done = 0;  ///< tasks performed, ever
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace procdeck
