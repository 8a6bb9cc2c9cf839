#pragma once

#include "batchhalt.h"
#include "dependencytracker.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <deque>
#include <functional>

namespace procdeck {

class Job;

/// The scheduler's queued jobs and how they are steered: the order they start in (moved to the
/// front, the back, or before another by drag), retries waiting out their delay, the queued jobs
/// of a paused batch, jobs waiting for others ("after", "after_success"), and each batch's
/// --halt. Every queued job is in exactly one of those places. Work per event is the jobs the
/// event concerns; only a halt and a person's moves look at the whole queue.
class SteeringQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SteeringQueue)

public:
    /// `jobBySeq`: the scheduler's job of that number, or null (to resolve "#N", find retries).
    /// `running`: the scheduler's running jobs (a --halt now ends a batch's).
    SteeringQueue(std::function<Job *(int)> jobBySeq, const QSet<const Job *> *running,
                  QObject *parent = nullptr);

    /// Queues `job` at the back, or holds it while it waits for the jobs its spec names
    /// (`batchJobs` resolves ids of its batch; "#N" the scheduler's job N). A job that can never
    /// start (an "after_success" job already failed) ends Skipped at once.
    void add(Job *job, const QHash<QString, Job *> &batchJobs);
    /// The batch's --halt, over `total` jobs.
    void setHalt(int batchId, const HaltPolicy &policy, int total);
    const BatchHalt *batchHalt(int batchId) const;

    /// The next job to start, or null: jobs that ended meanwhile are dropped, those of a halted
    /// batch cancelled, those of a paused batch held back. It stays first until takeFront().
    Job *peekNext();
    void takeFront() { m_order.pop_front(); }
    /// Back to the front (a start that fell short of resources, an exec that failed for it).
    void putFront(Job *job) { m_order.push_front(job); }
    /// The front job waits while the ones behind it are looked at (a retry waiting for a login
    /// it has not tried yet, as GNU parallel lets later jobs take the free slot meanwhile). It
    /// keeps its place: it is first again at endTurn().
    void passOver();
    /// The start loop's turn is over: the jobs passed over are first again, in their order.
    void endTurn();
    /// A retry: first in line now, or after `delayMs`.
    void addRetry(Job *job, qint64 delayMs);
    /// A queued job ended (cancelled, skipped): it waits nowhere any more.
    void forget(Job *job);
    /// A job ended with no try to follow: its batch's halt counts it (and may halt the batch),
    /// the jobs waiting for it learn of it.
    void settle(const Job &job);
    /// Drops the pointers to ended jobs (before they are deleted).
    void dropEnded();

    void moveBefore(const QList<Job *> &jobs, const Job *target);
    /// Jobs that wait in the engine's queue (RemoteRun::movableThere()) are moved there: the
    /// first of `jobs` ends first at the front, the last last at the back.
    void moveToFront(const QList<Job *> &jobs);
    void moveToBack(const QList<Job *> &jobs);
    /// The queued jobs in the order they will start (those held back not included).
    QList<Job *> order() const;
    /// Every queued job, wherever it waits, in job order.
    QList<Job *> all() const;

    /// A batch's running trees paused (of `running`), its queued jobs held until resumeBatch().
    void pauseBatch(int batchId, const QSet<const Job *> &running);
    /// A batch's queued jobs cancelled, then its running (and paused) ones killed: SIGTERM,
    /// SIGKILL after the grace. Killed jobs get no retry.
    void killBatch(int batchId, const QSet<const Job *> &running);
    void resumeBatch(int batchId, const QSet<const Job *> &running);
    bool isBatchPaused(int batchId) const { return m_pausedBatches.contains(batchId); }
    /// Every tree of `running` paused (returns how many) or resumed (procdeck-cli's SIGTSTP).
    static int pauseAll(const QSet<const Job *> &running);
    static void resumeAll(const QSet<const Job *> &running);

signals:
    /// Jobs became startable outside the scheduler's own turn (a delay ran out, a prerequisite
    /// ended): look at the queue again.
    void jobsReady();
    /// The batch's --halt was reached; its queued jobs are cancelled already (and with `now`,
    /// its running ones are being ended: SIGTERM, SIGKILL after their grace).
    void batchHalted(int batchId, const QString &reason);

private:
    void putFirst(QList<Job *> jobs);
    void halt(int batchId);
    /// The last try so far of the job `named` is a try of (`named` itself when never retried).
    Job *lastTry(const Job *named) const;

    std::function<Job *(int)> m_jobBySeq;
    const QSet<const Job *> *m_running;
    std::deque<Job *> m_order; ///< may still hold jobs cancelled while they waited (dropped lazily)
    QList<Job *> m_passedOver; ///< taken from m_order's front this turn (passOver()), in order
    QSet<Job *> m_delayed;     ///< retries waiting for their delay
    QSet<Job *> m_heldByBatch; ///< queued jobs of a paused batch
    QSet<int> m_pausedBatches;
    DependencyTracker m_dependencies; ///< jobs waiting for others
    QHash<int, BatchHalt> m_halts;    ///< batch id → its --halt, for batches that have one
    /// Jobs to skip, ended one after another by the outermost settle(): a skipped job settles
    /// too, and ending it from within would recurse once per link of a 20,000-job chain.
    std::deque<std::pair<Job *, QString>> m_toSkip;
    bool m_skipping = false;
};

} // namespace procdeck
