#pragma once

#include "types/batchstats.h"
#include "batchslots.h"
#include "endedjobkeep.h"
#include "jobtallies.h"
#include "process/job.h"
#include "remote/jobplacements.h"
#include "resourcepolicy.h"
#include "types/jobspec.h"
#include "shortagebackoff.h"
#include "shutdown.h"
#include "steeringqueue.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace procdeck {

/// The queue: runs at most maxParallel() jobs at once, first in first out. Owns every job it was
/// given until removeEnded(). A start that falls short of descriptors, processes or memory keeps
/// the job queued and tries again when a running job ends or after a back-off; only when nothing
/// runs and the back-off is spent are the queued jobs failed, saying why. Destroying it kills
/// every process tree it started.
class Scheduler final : public QObject, public JobOwner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(QObject *parent = nullptr);
    ~Scheduler() override;

    /// At most this many jobs run at once; at least 1. Default: the CPU count.
    void setMaxParallel(int n);
    int maxParallel() const { return m_maxParallel; }
    /// Starts short of descriptors wait until some are freed, even with nothing running (the
    /// caller counted them: at least one job fits). Default: fail the queue after a while.
    void setWaitOutDescriptorShortage(bool wait) { m_backOff.setWaitOutDescriptors(wait); }
    /// Where jobs added from now on spill their complete output; empty keeps the tails only.
    void setOutputDir(const QString &dir) { m_outputDir = dir; }
    QString outputDir() const { return m_outputDir; }
    /// Bytes of each stream kept in memory for jobs added from now on.
    void setTailLimit(qsizetype bytes) { m_tailLimit = bytes; }
    /// What an ended job keeps in memory once jobEnded has been handled (its spill files keep
    /// all its output): by default its output's tail as while it ran, and its usage samples.
    /// procdeck-cli --quiet, the engine and the worker keep neither ({0, false}).
    void setEndedJobKeep(const EndedJobKeep &keep) { m_endedKeep = keep; }
    /// At least this long between two starts (GNU parallel's --delay); 0 = none.
    void setStartDelay(int ms) { m_startDelayMs = qMax(0, ms); }
    int startDelay() const { return m_startDelayMs; }
    /// Where jobs added without a place of their own run, from their next start on (procdeck-cli's
    /// -S/--slurm): here, on ssh logins (whose slots then say how many run at once), or on the
    /// Slurm cluster. `slotsPerLogin` (-j) on each login unless runOn.jobsPerLogin says; 0: 100 %.
    void setRunOn(const RunOn &runOn, int slotsPerLogin = 0)
    {
        m_placements.setDefault(runOn, slotsPerLogin);
        scheduleSoon();
    }
    RunOn runOn() const { return m_placements.defaultRunOn(); }
    /// Where `job` runs (its batch's place, or the default).
    RunOn runOnOf(const Job *job) const { return m_placements.runOnOf(job); }
    /// The slots of every ssh login jobs were sent to: one count per login, whichever batches name
    /// it.
    const HostSlots &hostSlots() const { return *m_placements.hostSlots(); }
    /// GNU parallel's --load, --memfree and --memsuspend over the jobs run on this computer.
    void setResourceLimits(const ResourceLimits &limits)
    {
        m_resources.setLimits(limits);
        scheduleSoon();
    }
    const ResourcePolicy &resources() const { return m_resources; }
    /// The load and free memory now, read on another thread (the sampler's): jobs start, pause,
    /// resume or are killed as the limits say.
    void setSystemFigures(const SystemFigures &figures) { m_resources.setFigures(figures); }
    /// While paused, queued jobs wait; running ones go on ("Pause queue").
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    /// Pauses (SIGSTOP) or resumes (SIGCONT) one running job's whole tree. A paused job keeps
    /// its slot. False when the job was not in a state to do so. A Slurm job is asked of Slurm
    /// (scontrol suspend/resume): Paused once it has, steeringRefused() when it would not.
    bool pause(Job *job) { return job && job->pause(); }
    bool resume(Job *job) { return job && job->resume(); }
    /// A batch: its running trees paused and its queued jobs held back, until resumeBatch().
    /// The batch actions reach its jobs that run in the engine too (addMirrored()).
    void pauseBatch(int batchId) { m_queue.pauseBatch(batchId, m_runningJobs | m_mirrored); }
    void resumeBatch(int batchId) { m_queue.resumeBatch(batchId, m_runningJobs | m_mirrored); }
    /// A batch ended: its queue cancelled, its running and paused jobs killed (no retries).
    void killBatch(int batchId) { m_queue.killBatch(batchId, m_runningJobs | m_mirrored); }
    bool isBatchPaused(int batchId) const { return m_queue.isBatchPaused(batchId); }
    /// Everything: the queue paused and every running tree stopped (procdeck-cli's SIGTSTP);
    /// resumeEverything() undoes it. Returns how many trees were paused.
    int pauseEverything()
    {
        setPaused(true);
        return SteeringQueue::pauseAll(m_runningJobs);
    }
    void resumeEverything()
    {
        SteeringQueue::resumeAll(m_runningJobs);
        setPaused(false);
    }

    /// Moves queued jobs to the front or the back of the queue (in their present order), or
    /// before `target` (a queued job). Jobs that wait for others, or are not queued, stay put.
    void moveToFront(const QList<Job *> &jobs) { m_queue.moveToFront(jobs); }
    void moveToBack(const QList<Job *> &jobs) { m_queue.moveToBack(jobs); }
    void moveBefore(const QList<Job *> &jobs, const Job *target)
    {
        m_queue.moveBefore(jobs, target);
    }
    /// The queued jobs in the order they will start (those waiting for others not included).
    QList<Job *> queueOrder() const { return m_queue.order(); }
    /// How a batch's --halt stands; null when it has none.
    const BatchHalt *batchHalt(int batchId) const { return m_queue.batchHalt(batchId); }

    /// Queues one job and returns it (owned here). Starting happens from the event loop. With
    /// `runOn` it runs there (side by side with jobs elsewhere), else where setRunOn() says.
    Job *add(const JobSpec &spec, const std::optional<RunOn> &runOn = {});
    /// A batch's own Max parallel: at most `n` of its jobs run at once, within maxParallel();
    /// 0 (the default) leaves it to maxParallel() alone.
    void setBatchMaxParallel(int batchId, int n);
    int batchMaxParallel(int batchId) const { return m_slots.limit(batchId); }
    /// Queues jobs as one batch; returns the batch's id (> 0).
    /// Their "after"/"after_success" name ids of the same batch (checked by
    /// jobdependencies::check() beforehand) or "#N"; `halt` is GNU parallel's --halt over the
    /// batch.
    int addBatch(const QList<JobSpec> &specs, const HaltPolicy &halt = {},
                 const std::optional<RunOn> &runOn = {});

    /// Makes each job its RemoteRun (`runOf(i)` for specs[i]).
    using MirrorRun = std::function<std::unique_ptr<RemoteRun>(int index)>;
    /// Adds jobs that another process runs and this one mirrors (the user's engine's:
    /// client/enginerun.h), each with the RemoteRun `runOf` makes for it, as one batch when
    /// there are several (its id returned; 0 for one job). They start at once, outside the
    /// queue, -j and quitting (runningCount(), isIdle() and shutdown() leave them out): the
    /// other side decides when each runs, retries it, and ends it; killing one here asks there.
    /// `batchId` >= 0 puts them in that batch instead (0: none; newBatchId() for a new one).
    /// One whose RemoteRun says it had ended there already (RemoteRun::endedBefore()) is made
    /// ended at once, never started: 100,000 such rows cost one insertion and no signal each.
    int addMirrored(QList<JobSpec> specs, const MirrorRun &runOf, int batchId = -1);
    /// A batch id of its own for addMirrored()'s jobs that come in several goes.
    int newBatchId() { return m_nextBatchId++; }
    /// The mirrored jobs not ended yet.
    int mirroredCount() const { return int(m_mirrored.size()); }
    const QSet<const Job *> &mirroredJobs() const { return m_mirrored; }

    int count() const { return int(m_jobs.size()); }
    Job *jobAt(int index) const { return m_jobs.at(size_t(index)).get(); }
    int indexOf(const Job *job) const;
    Job *jobBySeq(int seq) const;
    /// The batches that have jobs in the table, in the order they were added.
    QList<int> batchIds() const { return m_tallies.batchIds(); }
    /// The figures of one batch (0: the jobs added alone), or of every job as one batch; kept
    /// up to date at each transition, so asking costs the same at 100,000 jobs as at ten.
    BatchStats batchStats(int batchId) const { return m_tallies.stats(batchId, m_runningJobs); }
    BatchStats totals() const { return m_tallies.stats(-1, m_runningJobs); }
    int runningCount() const { return int(m_runningJobs.size()); }
    /// The running jobs, in no order: for work per running job that must not walk every job.
    const QSet<const Job *> &runningJobs() const { return m_runningJobs; }
    int queuedCount() const { return m_queuedCount; }
    /// Nothing running or queued, and no --basefile copy or removal under way.
    bool isIdle() const
    {
        return m_runningJobs.isEmpty() && m_queuedCount == 0 && !m_placements.settingUp();
    }

    /// Cancels a queued job, kills a running one.
    void kill(Job *job)
    {
        if (job)
            job->kill();
    }
    /// Everything queued is cancelled, everything running killed.
    void killAll() { endEvery(&Job::kill); }
    /// Kill all as a person asks it: killAll() and the jobs that run in the engine
    /// (addMirrored()), which quitting leaves running.
    void killAllShown()
    {
        killAll();
        killMirrored();
    }
    /// Asks the other side to end every mirrored job (addMirrored()); each ends here when the
    /// end comes back.
    void killMirrored();
    void killAllNow() { endEvery(&Job::killNow); } ///< SIGKILL to every running group, for quitting
    /// Ends every job for quitting (see Shutdown): the queue cancelled, SIGTERM to each running
    /// or paused tree, SIGKILL after its grace or `graceSeconds` if shorter (negative: its own).
    void shutdown(double graceSeconds = -1) { m_shutdown->start(graceSeconds); }
    /// SIGKILL to every tree now, as the end of a shutdown (started if it was not).
    void shutdownNow() { m_shutdown->killNow(); }
    /// How the shutdown stands (not started, counting down, SIGKILL sent).
    const Shutdown &shutdownStatus() const { return *m_shutdown; }
    /// Drops jobs in a terminal state (their spill files stay), each run of adjacent rows at once.
    void removeEnded();

signals:
    void jobsAboutToBeInserted(int first, int last);
    void jobsInserted(int first, int last);
    /// Rows first..last are about to go / have gone (removeEnded, last run first).
    void jobsAboutToBeRemoved(int first, int last);
    void jobsRemoved(int first, int last);
    /// State, times or output of a job changed (output at most ~10 Hz per job): any of the three
    /// below.
    void jobChanged(procdeck::Job *job);
    void jobStateChanged(procdeck::Job *job);
    void jobOutputChanged(procdeck::Job *job);
    void jobUsageChanged(procdeck::Job *job);
    void jobStarted(procdeck::Job *job);
    void jobEnded(procdeck::Job *job);
    /// Nothing queued, nothing running.
    void idle();
    /// Busy slots per ssh login changed (hostSlots()), or another login came in use.
    void hostSlotsChanged();
    void pausedChanged(bool paused);
    /// setMaxParallel() changed the limit (a batch's, the toolbar's, an engine client's).
    void maxParallelChanged(int n);
    /// A job's pause or resume was refused (Slurm's scontrol said no); `error` says why.
    void steeringRefused(procdeck::Job *job, const QString &error);
    /// A batch's --halt was reached; `reason` says which and what was done.
    void batchHalted(int batchId, const QString &reason);

private:
    /// Cancels the queue, then ends every running job with `endRunning` (kill or killNow).
    void endEvery(void (Job::*endRunning)());
    /// `counted`: false for a retry, which takes its ended try's place in the counts.
    Job *createJob(JobSpec spec, int batchId, bool counted = true);
    /// The next try of a job that failed, queued after its delay; sets job->retriedAs().
    Job *queueRetry(Job *job);
    void scheduleSoon();
    void startWhatFits();
    void onJobEvent(Job *job, JobEvent event, const QString &detail) override;
    void onJobEnded(Job *job);
    void onJobRequeued(Job *job);
    /// A start fell short of resources: try again after a back-off; when nothing runs and the
    /// back-off is spent, fail what is queued with a message that says why.
    void backOff(int errnoValue);
    void failQueuedForWant(int errnoValue);
    /// The next job the start loop may start, or null: a job whose batch is at its own limit
    /// is passed over (those behind it may start), until none but such jobs are left.
    Job *nextStartable();
    /// Bookkeeping of a job that started: its slot, the counts, the back-off.
    void onStarted(Job *job);

    std::vector<std::unique_ptr<Job>> m_jobs;
    JobTallies m_tallies;
    BatchSlots m_slots; ///< {%} and each batch's own limit
    SteeringQueue
            m_queue; ///< every queued job: its order, delays, held batches, dependencies, --halt
    int m_queuedCount = 0;     ///< jobs in the Queued state
    QString m_outputDir;
    qsizetype m_tailLimit = OutputLog::kDefaultTailLimit;
    EndedJobKeep m_endedKeep;
    int m_maxParallel = 1;
    QSet<const Job *> m_runningJobs;
    QSet<const Job *> m_mirrored; ///< addMirrored()'s jobs while they run there
    ResourcePolicy m_resources{&m_runningJobs}; ///< --load, --memfree, --memsuspend
    bool m_inStartLoop = false;
    bool m_killingAll = false;
    bool m_endedInStartLoop = false;
    int m_nextSeq = 1;
    int m_nextBatchId = 1;
    bool m_paused = false;
    bool m_startPending = false;
    QTimer m_retryTimer; ///< after a shortage (m_backOff's wait) or a --delay, look again
    ShortageBackOff m_backOff;
    int m_startDelayMs = 0;
    QElapsedTimer m_lastStart;
    JobPlacements m_placements; ///< where each job runs
    /// Quitting's steps and countdown (a child).
    Shutdown *const m_shutdown = new Shutdown(
        {[this] { setPaused(true); }, [this] { killAll(); }, [this] { killAllNow(); }},
        &m_runningJobs, this);
};

} // namespace procdeck
