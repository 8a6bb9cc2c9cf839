#pragma once

#include "guardian.h"
#include "jobfacts.h"
#include "jobowner.h"
#include "treekiller.h"

#include <QBasicTimer>
#include <QObject>

#include <climits>
#include <csignal>
#include <memory>

namespace procdeck {

class JobOutputReader;
class JobProcess;
class TreeKiller;

/// One run of a JobSpec. Owns its QProcess (JobProcess) and its output (JobOutput, whose pipes
/// JobOutputReader reads on OutputPump's thread); its child leads a process group of its own and
/// every process it starts carries the job's environment marker (PROCDECK_JOB=<run>:<seq>), so that
/// a kill, a timeout or the leader's exit reaches the whole tree, escapees included (TreeKiller).
/// Its state changes only as isAllowedTransition() allows, each change emitted. Nothing blocks.
/// What it was and what became of it, the table's and the exports' data, is its JobFacts. It is
/// started by JobStart::run().
class Job final : public QObject, public JobFacts
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)
    friend class JobStart; ///< starts it: JobStart::run(job)

public:
    /// `outputDir` empty: output is kept in memory only (the bounded tail).
    Job(int seq, JobSpec spec, const QString &outputDir,
        qsizetype tailLimit = OutputLog::kDefaultTailLimit, QObject *parent = nullptr);
    ~Job() override; ///< kills the process group if still running: no orphans

    /// How a start attempt went.
    enum class StartResult {
        Started,       ///< forked: Running, `started` emitted
        Failed,        ///< FailedToStart, with error() saying why
        NoResources,   ///< out of descriptors, processes or memory: still Queued (never was
                       ///< Running), startErrno() says which; try again later
    };

    /// The one told of each change just before the signal goes out (the scheduler), or none.
    void setOwner(JobOwner *owner) { m_owner = owner; }
    /// Tells the owner, then emits the event's signal (stateChanged for StateChanged, …).
    void announce(JobEvent event, const QString &detail = {});

    /// Runs it on an ssh login or the Slurm cluster (see RemoteRun) rather than here; null runs
    /// it here. Precondition: state() == Queued (the scheduler places each start).
    void setRemote(std::unique_ptr<RemoteRun> remote);
    /// The errno of the last start or exec that failed for want of resources (EMFILE, ENFILE,
    /// EAGAIN, ENOMEM), 0 if none.
    int startErrno() const { return m_startErrno; }
    /// Ends a queued job as FailedToStart with `reason` (the scheduler's verdict that it could
    /// never start: nothing else runs and resources still fall short).
    void failBeforeStart(const QString &reason);
    /// SIGTERM to the tree, SIGKILL after the grace period; the job ends as Killed.
    /// A queued job is cancelled instead. Does nothing to an ended job.
    void kill();
    /// Kills the whole tree at once (SIGKILL): no grace, no waiting.
    void killNow();
    /// Stops the whole tree (SIGSTOP to its group and its marked escapees): Running → Paused.
    /// The timeout's clock stops with it. False (nothing done) unless it is Running and nobody
    /// is killing it (a stopped tree would only hold a grace period up). A Slurm job is asked
    /// of Slurm (RemoteRun::pausesItself()): true means asked; it is Paused once Slurm has
    /// suspended it, and stays Running with steeringRefused() when Slurm says no.
    bool pause();
    /// `sig` to the whole tree now (JobSignals::send() is the policy that calls it); ProcDeck
    /// remembers it sent it, for the end's story. False when the job has no process left.
    bool signalTree(int sig);
    /// Its tree was given niceness `nice` (JobPriority::apply()): the record says so from now.
    void noteNice(int nice);
    /// Something ProcDeck did to it on its own, for its notes (the exports and the table).
    void addNote(const QString &note);
    /// Continues a paused tree (SIGCONT): Paused → Running, the timeout's clock goes on where it
    /// stopped. False unless it is Paused (or a Slurm job whose pause is on its way).
    bool resume();
    /// Its try number and what it waits for (the scheduler sets them); emits stateChanged when
    /// they change: the table says what it waits for, which try it is.
    void setLinks(const JobLinks &links);
    /// Ends a queued job that never ran as Cancelled or Skipped, `reason` as its error.
    void endUnstarted(JobState state, const QString &reason);

    /// Records a sample; emits usageChanged.
    void addUsageSample(const UsageSample &sample);

    /// Test hook: the next read from a running job's pipe fails as if read() had failed.
    void injectReadErrorForTesting() { m_readErrorInjected = true; }

signals:
    void stateChanged(procdeck::Job *job);
    /// The child runs: its pid is known (after stateChanged to Running).
    void started(procdeck::Job *job);
    /// Its exec failed for want of resources: it went from Running back to Queued (after
    /// stateChanged) and wants another try.
    void requeued(procdeck::Job *job);
    /// Output grew; at most every 100 ms per job, however fast the child prints.
    void outputChanged(procdeck::Job *job);
    /// A usage sample was added.
    void usageChanged(procdeck::Job *job);
    /// The timeout expired (whatever the policy does next).
    void timeoutExpired(procdeck::Job *job);
    /// The job reached a terminal state; emitted once, after stateChanged.
    void ended(procdeck::Job *job);
    /// A pause or resume was asked and refused (Slurm's scontrol said no); `error` says why.
    /// The job is left as it was; the reason is also among its notes.
    void steeringRefused(procdeck::Job *job, const QString &error);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    bool setState(JobState s);
    void onStarted();
    void onFinished(int exitCode, bool crashed);
    /// Output of a job with no local process (RemoteRun::runsItself()) into its logs.
    void onRemoteOutput(int stream, const QByteArray &bytes);
    /// No local process runs it: its remote side is what kills, pauses and signals reach.
    bool runsRemotely() const;
    /// The leader has exited and both pipes are read to their end: the job ends.
    void onOutputComplete();
    void onReadFailed(int errnoValue);
    void onTimeout();
    void finish(JobState state);
    void failToStart(const QString &reason);
    void releaseProcess();
    void releaseReader();
    TreeKiller *killer();
    /// SIGTERM to the tree (SIGKILL after the grace), or SIGKILL `now`; when each went is kept
    /// for the end's story ("SIGTERM at 1 s, still running at 3 s, SIGKILL").
    void endTree(bool now);
    void scheduleOutputNotification();
    bool enterPause();
    bool leavePause();
    /// The timeout for the running time left (pauses do not count); a coarse timer may fire 5 %
    /// early.
    void armTimeout();

    std::unique_ptr<JobProcess> m_process;
    std::unique_ptr<TreeKiller> m_killer;  ///< from the first kill or timeout while running
    std::unique_ptr<JobOutputReader> m_reader; ///< while its pipes are read (not for a terminal)
    // QBasicTimer, not QTimer: an id each rather than a QObject each, for 100,000 jobs in a table.
    QBasicTimer m_timeoutTimer;
    QBasicTimer m_notifyTimer;
    JobOwner *m_owner = nullptr;
    bool m_killRequested = false;
    bool m_readErrorInjected = false;
    bool m_readFailed = false;
    bool m_leaderExited = false; ///< its pipes are being read to their end: the job ends then
    bool m_crashed = false;
    bool m_remoteEndTold = false; ///< RemoteRun::ended() was called: its answer is in
    int m_startErrno = 0;
    qint64 m_oomKillsAtStart = -1; ///< oomkills::count() at its start
};

} // namespace procdeck
