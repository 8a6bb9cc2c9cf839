#pragma once

#include "job.h"
#include "jobspec.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace procdeck {

/// Figures for the jobs added together in one batch (the notes' "ten sleeps").
struct BatchStats {
    int total = 0;
    int queued = 0;
    int running = 0;
    int succeeded = 0;
    int failed = 0;       ///< every terminal state but Finished
    qint64 wallMs = 0;    ///< first start to last end (or to now, while running)
    qint64 workMs = 0;    ///< the sum of the jobs' own run times
    /// workMs / wallMs: how much the parallelism bought (×5.5 for the ten sleeps).
    double speedup() const { return wallMs > 0 ? double(workMs) / double(wallMs) : 0.0; }
    bool done() const { return queued == 0 && running == 0; }
};

/// The queue: runs at most maxParallel() jobs at once, first in first out. Owns every job it was
/// given until removeEnded(). A start that falls short of descriptors, processes or memory keeps
/// the job queued and tries again when a running job ends or after a back-off; only when nothing
/// runs and the back-off is spent are the queued jobs failed, saying why. Destroying it kills
/// every process tree it started.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(QObject *parent = nullptr);
    ~Scheduler() override;

    /// At most this many jobs run at once; at least 1. Default: the CPU count.
    void setMaxParallel(int n);
    int maxParallel() const { return m_maxParallel; }
    /// Where jobs added from now on spill their complete output; empty keeps the tails only.
    void setOutputDir(const QString &dir) { m_outputDir = dir; }
    QString outputDir() const { return m_outputDir; }
    /// Bytes of each stream kept in memory for jobs added from now on.
    void setTailLimit(qsizetype bytes) { m_tailLimit = bytes; }
    /// Bytes of each stream an ended job keeps in memory once jobEnded has been handled (its
    /// spill file keeps everything); 0 keeps none (procdeck-cli --quiet). Default: the tail limit.
    void setEndedTailLimit(qsizetype bytes) { m_endedTailLimit = bytes; }
    /// At least this long between two starts (GNU parallel's --delay); 0 = none.
    void setStartDelay(int ms) { m_startDelayMs = qMax(0, ms); }
    int startDelay() const { return m_startDelayMs; }
    /// While paused, queued jobs wait; running ones go on.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    /// Queues one job and returns it (owned here). Starting happens from the event loop.
    Job *add(const JobSpec &spec);
    /// Queues jobs as one batch; returns the batch's id (> 0).
    int addBatch(const QList<JobSpec> &specs);

    int count() const { return int(m_jobs.size()); }
    Job *jobAt(int index) const { return m_jobs.at(size_t(index)).get(); }
    int indexOf(const Job *job) const;
    Job *jobBySeq(int seq) const;
    QList<int> batchIds() const;
    BatchStats batchStats(int batchId) const;
    BatchStats totals() const; ///< every job as one batch
    int runningCount() const { return int(m_runningJobs.size()); }
    /// The running jobs, in no order: for work per running job that must not walk every job.
    const QSet<const Job *> &runningJobs() const { return m_runningJobs; }
    int queuedCount() const { return m_queuedCount; }
    bool isIdle() const { return m_runningJobs.isEmpty() && m_queuedCount == 0; }

    void kill(Job *job);  ///< cancels a queued job, kills a running one
    void killAll();       ///< everything queued is cancelled, everything running killed
    void killAllNow();    ///< SIGKILL to every running group, for quitting
    void removeEnded();   ///< drops jobs in a terminal state (their spill files stay)

signals:
    void jobsAboutToBeInserted(int first, int last);
    void jobsInserted(int first, int last);
    void jobAboutToBeRemoved(int index);
    void jobRemoved(int index);
    /// State, times or output of a job changed (output at most ~10 Hz per job): any of the three below.
    void jobChanged(procdeck::Job *job);
    void jobStateChanged(procdeck::Job *job);
    void jobOutputChanged(procdeck::Job *job);
    void jobUsageChanged(procdeck::Job *job);
    void jobStarted(procdeck::Job *job);
    void jobEnded(procdeck::Job *job);
    /// Nothing queued, nothing running.
    void idle();

private:
    Job *createJob(const JobSpec &spec, int batchId);
    void scheduleSoon();
    void startWhatFits();
    void onJobEnded(Job *job);
    void onJobRequeued(Job *job);
    /// A start fell short of resources: try again after a back-off; when nothing runs and the
    /// back-off is spent, fail what is queued with a message that says why.
    void backOff(int errnoValue);
    void failQueuedForWant(int errnoValue);

    std::vector<std::unique_ptr<Job>> m_jobs;
    std::deque<Job *> m_queue; ///< may still hold jobs cancelled while they waited (skipped lazily)
    int m_queuedCount = 0;     ///< jobs in the Queued state
    QString m_outputDir;
    qsizetype m_tailLimit = OutputLog::kDefaultTailLimit;
    qsizetype m_endedTailLimit = -1; ///< -1: as m_tailLimit
    int m_maxParallel = 1;
    QSet<const Job *> m_runningJobs;
    bool m_inStartLoop = false;
    bool m_killingAll = false;
    bool m_endedInStartLoop = false;
    int m_nextSeq = 1;
    int m_nextBatchId = 1;
    bool m_paused = false;
    bool m_startPending = false;
    QTimer m_retryTimer; ///< after a shortage, look again later (doubling, capped)
    int m_retryDelayMs = 0;
    qint64 m_shortWithNothingRunningMs = 0; ///< how long starts have failed with nothing running
    int m_startDelayMs = 0;
    QElapsedTimer m_lastStart;
};

} // namespace procdeck
