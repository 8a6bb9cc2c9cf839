#pragma once

#include "core/monitor/processsampler.h"
#include "core/scheduling/scheduler.h"

#include <QCborMap>
#include <QList>
#include <QObject>

#include <functional>

namespace procdeck {
class History;
}

/// What procdeck-cli holds in its process, held for every client: the scheduler and its jobs,
/// their output under one run folder, the sampler, the history. The policies clients ask for
/// (exit statuses, the export) are decided here, never by a client.
class EngineCore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineCore)

public:
    /// The most jobs a limit may let run at once (the engine's, a batch's).
    static constexpr qint64 kMostParallel = 100000;

    /// `history` (may be null) records every job once, whoever asked for it.
    explicit EngineCore(procdeck::History *history, QObject *parent = nullptr);
    ~EngineCore() override;

    procdeck::Scheduler &scheduler() { return m_scheduler; }
    const procdeck::Scheduler &scheduler() const { return m_scheduler; }

    /// Queues a "submit" request's jobs (docs/protocol.md) and returns their numbers; empty with
    /// *error when any of it cannot be read (then nothing is queued).
    QList<int> submit(const QCborMap &request, QString *error);
    /// Job number `n` (its first try), null when there is none.
    procdeck::Job *job(int n) const;
    /// The try that counts for the job: its last one so far.
    procdeck::Job *lastTry(procdeck::Job *job) const;
    /// The numbers of the jobs queued, running or paused now.
    QList<int> aliveNumbers() const;
    /// The numbers of `list` that name no job.
    QList<int> unknown(const QList<int> &list) const;
    /// Every job's number (its first try's), in order.
    QList<int> allNumbers() const;
    /// Queues each job of `numbers` again, as it was given (Run again), and returns the new
    /// jobs' numbers; empty with *error when submits are refused.
    QList<int> runAgain(const QList<int> &numbers, QString *error);
    /// The index in `numbers`, from `from` on, of the first job still alive (its last try queued,
    /// running or paused); numbers.size() when every one of them from there has ended.
    qsizetype firstAlive(const QList<int> &numbers, qsizetype from) const;
    /// --follow's exit status: the job's exit code, 128 + the signal that ended it, 124 when it
    /// timed out (255 when it never ran).
    static int followStatus(const procdeck::Job &job);
    /// GNU parallel's exit status over `numbers`: 0, 1-100 that many did not succeed, 101.
    int waitStatus(const QList<int> &numbers) const;
    /// The run log of `numbers` to `path` in `formatName` ("jsonl", "csv", …; empty: by the
    /// path's extension, else JSON Lines): the jobs as they are now, written on a worker thread
    /// (the event loop serves every client meanwhile). `written` is called on this thread with
    /// the error, or empty, unless `context` is gone by then.
    void writeExport(const QList<int> &numbers, const QString &path, const QString &formatName,
                     QObject *context, std::function<void(const QString &)> written) const;
    /// How many "wait" requests of all clients are not answered yet (status says it).
    int pendingWaits() const { return m_pendingWaits; }
    void addPendingWaits(int delta) { m_pendingWaits += delta; }
    /// From now on submits are refused, with `reason` ("the engine is stopping …"): its queue
    /// was cancelled, and a job queued now would hold its exit up for ever.
    void refuseSubmits(const QString &reason);
    /// Nothing queued, running or paused.
    bool isIdle() const { return m_scheduler.isIdle(); }

private:
    bool readJobs(const QCborMap &request, QList<procdeck::JobSpec> *specs, QString *error) const;
    bool readPlacing(const QCborMap &request, QString *error);

    procdeck::Scheduler m_scheduler;
    procdeck::ProcessSampler m_sampler{&m_scheduler};
    std::optional<procdeck::RunOn> m_runOn;
    procdeck::HaltPolicy m_halt;
    int m_batchMaxParallel = 0; ///< the submit's batch_max_parallel (0: none)
    int m_pendingWaits = 0;
    QString m_refusal; ///< why submits are refused (empty: they are taken)
};
