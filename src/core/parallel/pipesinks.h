#pragma once

#include <QByteArray>

#include <atomic>
#include <vector>

namespace procdeck {

/// The pipes of jobs that read a stream (--round-robin, --tee), written without blocking from
/// one thread: a pipe is given a piece when it has taken all of its last, so that a slow job
/// holds the reading back and no more than a piece a job is kept.
class PipeSinks final
{
public:
    enum class Until {
        Nothing,    ///< write what each pipe takes now
        OneFree,    ///< until a pipe has taken all it was given
        ThisOneFree, ///< until pipe `index` has (or its job no longer reads)
        AllWritten, ///< until every pipe has
    };

    /// `wakeFd` readable (or *stopping) ends a wait.
    PipeSinks(int wakeFd, const std::atomic<bool> *stopping);
    ~PipeSinks();
    PipeSinks(const PipeSinks &) = delete;
    PipeSinks &operator=(const PipeSinks &) = delete;

    /// A new pipe, its read end (for the job, close-on-exec) in *readEnd; false with errno set.
    bool open(int *readEnd);
    int size() const { return int(m_sinks.size()); }
    /// Whether any job still reads (a pipe whose reader has gone is closed).
    bool anyOpen() const;
    /// The first pipe from `from` on, round, that has taken all it was given; -1 if none.
    int nextFree(int from) const;
    /// Gives `bytes` to pipe `index` (free), the header first if it has had nothing yet.
    void give(int index, const QByteArray &header, const QByteArray &bytes);
    /// Gives `bytes` to every open pipe.
    void giveAll(const QByteArray &bytes);
    /// Writes, waiting as `until` says; false when stopped, or (OneFree) when no job reads.
    bool pump(Until until, int index = -1);
    /// The end of the stream: each job sees the end of its input once it has read the rest.
    void closeAll();

private:
    struct Sink {
        int fd = -1;
        QByteArray pending;
        qint64 written = 0;
        bool given = false;
        bool busy() const { return fd >= 0 && written < pending.size(); }
    };
    void writeSome(Sink *sink);

    std::vector<Sink> m_sinks;
    int m_wake;
    const std::atomic<bool> *m_stopping;
};

} // namespace procdeck
