#pragma once

#include "pipeplan.h"
#include "pipesinks.h"

#include <QHash>
#include <QObject>
#include <QSemaphore>
#include <QSet>
#include <QTemporaryDir>

#include <atomic>
#include <memory>

class QThread;

namespace procdeck {

class Job;
class Scheduler;

/// Reads GNU parallel --pipe's blocks from a file descriptor on a thread of its own, as jobs
/// need them: at most `inFlight` blocks are handed out and not yet released, so memory and the
/// temporary files stay bounded by the blocks in flight whatever the input's size. Each block
/// is written to a file of its own (header first), which is its job's standard input. The jobs
/// are added to a Scheduler; a block's file goes when its job has ended for good.
///
/// --round-robin and --tee (the plan's mode) stream instead: each job's standard input is a
/// pipe, written from the same thread without blocking; --round-robin gives each block to the
/// next job that has taken all of its last one, --tee gives every chunk read to every job. A
/// slow job holds the reading back (no more than a block a job is kept), as parallel's does.
/// --shard and --bin hand standard input to a PipeSharder, whose pipes are the jobs' input.
class PipeFeeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipeFeeder)

public:
    /// `maxParallel` as the scheduler's (0: the CPU count): parallel reads the next block when
    /// a job slot is free for it.
    PipeFeeder(std::shared_ptr<const PipePlan> plan, int fd, int maxParallel,
               Scheduler *scheduler, QObject *parent = nullptr);
    ~PipeFeeder() override;

    /// Makes the folder of the block files and starts reading; a failure is said (said()) and
    /// ends it (finished()).
    void start();
    /// No more blocks are wanted: the reading ends soon. A shutdown of the scheduler (the run
    /// stopped) does the same.
    void stop();
    bool isDone() const { return m_done; }

signals:
    /// A line for the person: parallel's warnings (a record longer than the block), or an error
    /// (the input could not be read, a block not written).
    void said(const QString &line, bool isError);
    /// Every block is handed out, or the reading failed or was stopped.
    void finished();

private:
    void read();
    /// The splitter's next block (false at the end or when stopped); its warnings said.
    bool nextBlock(parallel::PipeSplitter *splitter, QByteArray *block, qint64 *offset);
    void readRoundRobin();
    void readTee();
    void startShard();
    bool openSink(JobSpec spec, PipeSinks *sinks, QString *error);
    void addStream(const JobSpec &spec, int readEnd);
    void closeReadEnd(const Job *job);
    void add(const JobSpec &spec);
    void end(const QString &error);
    void onJobEnded(const Job *job);
    qint64 readInput(char *buffer, qint64 size);

    std::shared_ptr<const PipePlan> m_plan;
    Scheduler *m_scheduler;
    QSet<QString> m_files;         ///< the blocks of jobs not yet ended
    QHash<QString, int> m_readEnds; ///< streamed jobs not yet started: their pipe's read end
    int m_jobCount;                ///< --round-robin: the jobs to start
    int m_fd;
    QSemaphore m_slots;
    QTemporaryDir m_dir;
    QThread *m_thread = nullptr;
    PipeSharder *m_sharder = nullptr; ///< --shard, --bin: the perl that gives out the lines
    int m_wake[2] = {-1, -1};      ///< wakes the reader from its poll when stopped
    std::atomic<bool> m_stopping{false};
    bool m_done = false;
};

} // namespace procdeck
