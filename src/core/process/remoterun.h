#pragma once

#include "types/jobrecord.h"
#include "types/jobspec.h"
#include "types/jobusage.h"
#include "types/priorityrequest.h"
#include "types/runon.h"

#include <QObject>
#include <QString>

#include <sys/types.h>

#include <array>
#include <functional>

namespace procdeck {

/// How a job ended on the other side before this process learned of it (RemoteRun::
/// endedBefore()): what its row shows, taken at once (JobStart::adoptEnded()), with no start.
struct EndThere {
    JobState state = JobState::Failed;
    int exitCode = -1;  ///< -1: it did not exit normally
    int signal = 0;     ///< the signal that ended it, 0 if none
    QString error;
    QDateTime startedAt; ///< UTC; invalid if it never started
    qint64 durationMs = 0;
    /// Each stream's (stdout, stderr) as counted there; -1: not said.
    std::array<qint64, 2> outputBytes{-1, -1};
    std::array<qint64, 2> outputLines{-1, -1};
};

/// How one job reaches a remote engine (an ssh login, the Slurm cluster). The job's local
/// process runs the command this gives (`ssh …`, `srun …`), so that its table row, timers,
/// timeouts, output capture and exports work as for any job; what differs — where it runs, how
/// a kill reaches the remote side, what the exports add — is asked of this. Owned by the job.
class RemoteRun : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteRun)

public:
    explicit RemoteRun(QObject *parent = nullptr) : QObject(parent) {}
    ~RemoteRun() override = default;

    /// Fills the record's executor ("local", "ssh", "slurm"), host (this computer's name for a
    /// job run here: `run` null) and Slurm job id.
    static void describe(const RemoteRun *run, JobRecord *record);
    /// Where a job with `run` runs: run->host(), or this computer's name when `run` is null.
    static QString hostOf(const RemoteRun *run);
    /// What the table's Host cell says: where the job runs (hostOf()), or, before a host is
    /// known (queued, pending on the cluster), where it goes: "Slurm cluster", the ssh hosts.
    static QString placeOf(const RemoteRun *run, const RunOn &runOn);

    /// The number of the user's engine's job this mirrors (client/enginerun.h): the engine runs
    /// it, and its history records it; 0 for a job this process runs.
    virtual int engineJob() const { return 0; }
    /// The exports' `executor`: "ssh" or "slurm".
    virtual QString executorKey() const = 0;
    /// Where it runs: the ssh host, or the node Slurm gave it (empty until known).
    virtual QString host() const = 0;
    /// The login as GNU parallel writes it in $PARALLEL_SSHLOGIN and its joblog's Host column
    /// (SshLogin::parallelText()); empty where parallel would write ":".
    virtual QString parallelLogin() const { return {}; }
    /// Slurm's job id, empty when none (ssh) or not known yet.
    virtual QString slurmJobId() const { return {}; }
    /// The final state Slurm's accounting keeps (TIMEOUT, OUT_OF_MEMORY …), once ended; empty
    /// when not Slurm, not ended or not kept.
    virtual QString slurmState() const { return {}; }
    /// True while the cluster holds it in its own queue ("Pending on the cluster").
    virtual bool pendingOnCluster() const { return false; }
    /// The signal that ended the remote command, 0 when none or not known. The local process
    /// (srun, ssh) only exits with 128 + N; ask this once ended() has called back.
    virtual int remoteSignal() const { return m_signalFromStderr; }

    /// The local process that runs `spec` there: program and arguments, no shell of ours.
    /// `treeId` is the job's marker number (Job::treeId()), fixed for this start.
    virtual JobSpec localCommand(const JobSpec &spec, int treeId) = 0;
    /// True once the run has ended without ever starting the job (a worker that could not
    /// start it, or that did not start itself): the job ends FailedToStart, failureReason()'s
    /// words its error.
    virtual bool failedToStart() const { return false; }
    /// True when no local process runs the job (a worker, remote/workerrun.h): startRemote()
    /// starts it instead, and remoteOutput() and remoteEnded() stand for its pipes and its exit.
    /// Kills, timeouts and pauses go through terminate(), killNow(), requestSuspended().
    virtual bool runsItself() const { return false; }
    /// Starts `spec` there (runsItself()); `treeId` as for localCommand().
    virtual void startRemote(const JobSpec &spec, int treeId)
    {
        Q_UNUSED(spec)
        Q_UNUSED(treeId)
    }
    /// The local process was started, leading process group `pgid`.
    virtual void localProcessStarted(pid_t pgid) { Q_UNUSED(pgid) }
    /// How the local process ended: the job's own figures, which ended() may change.
    struct LocalExit {
        int *exitCode; ///< its exit status, -1 when a signal ended it
        int *signal;   ///< the signal that ended it, 0 if none
        bool *crashed; ///< a signal ended it
    };
    /// The local process ended, after writing `stderrText`: `then` runs once the figures the
    /// exports need (job id, node) are known, or cannot be had; it may run at once. When the
    /// run itself failed (ssh's own 255), *error says why. When srun's or ssh's 128 + N stood
    /// for signal N ending the remote command (remoteSignal()), `exit` says so before `then`.
    void ended(LocalExit exit, const QString &stderrText, QString *error,
               std::function<void()> then);

    /// True when kills and timeouts go through terminate()/killNow() here instead of signals to
    /// the local process tree (Slurm: srun's group must never be what ends the job).
    virtual bool endsRunsItself() const { return false; }
    /// A kill or a timeout: the remote side gets SIGTERM, and is ended after `graceSeconds`.
    virtual void terminate(double graceSeconds) { Q_UNUSED(graceSeconds) }
    /// Ends the remote side at once (quitting).
    virtual void killNow() {}

    /// True when pausing goes through the engine (Slurm: `scontrol suspend`/`resume`) instead of
    /// SIGSTOP/SIGCONT to the local process tree, which would stop srun and not the task.
    virtual bool pausesItself() const { return false; }
    /// Asks the engine to suspend (true) or resume the remote side; suspendedChanged() follows
    /// once it has, suspendRefused() when it said no.
    virtual void requestSuspended(bool suspended) { Q_UNUSED(suspended) }
    /// The last wish given to requestSuspended(), granted or on its way.
    virtual bool suspendWanted() const { return false; }

    /// What the other side measured of a job it runs itself (the engine's: client/enginerun.h):
    /// when it started there (invalid: not known, the job's own clock counts), how long it ran
    /// (-1: not known), and the state it ended in (false: the end is decided here, from the
    /// exit, the kills asked and the timeout).
    virtual QDateTime startedThere() const { return {}; }
    virtual qint64 runMsThere() const { return -1; }
    virtual bool endStateThere(JobState *state) const
    {
        Q_UNUSED(state)
        return false;
    }
    /// True when the job had ended before this process learned of it: its end is no news
    /// (no notification), and its output comes only when asked (lateOutput()).
    virtual bool endedUnseen() const { return false; }
    /// Such a job's end, when it is known as it is mirrored (`*end` filled): its row is made
    /// ended (JobStart::adoptEnded()), never started; its output comes when asked.
    virtual bool endedBefore(EndThere *end) const
    {
        Q_UNUSED(end)
        return false;
    }
    /// A refusal that comes later, from the side that runs the job: why it did not, a sentence.
    using Refused = std::function<void(const QString &why)>;
    /// Asks the side that runs the job to send `sig` to its whole tree, where its own policy
    /// decides (the engine's JobSignals). True when asked (`refused` may follow); false when
    /// signals do not reach that side (ssh and srun would take them themselves).
    virtual bool forwardSignal(int sig, Refused refused) const
    {
        Q_UNUSED(sig)
        Q_UNUSED(refused)
        return false;
    }
    /// As forwardSignal(), for a priority (the engine's JobPriority).
    virtual bool forwardPriority(const PriorityRequest &request, Refused refused) const
    {
        Q_UNUSED(request)
        Q_UNUSED(refused)
        return false;
    }
    /// True when the job waits in the queue of the side that runs it, which may reorder it
    /// (the engine's); moveInQueueThere() asks it to.
    virtual bool movableThere() const { return false; }
    /// Asks the side that runs the job to move it to the front (or the back) of its queue.
    virtual void moveInQueueThere(bool toFront) const { Q_UNUSED(toFront) }
    /// The leader's pid (its process group's) of a job that runs on this machine in another
    /// process of ours (the engine): its tree is sampled for CPU and memory as the window's own
    /// jobs are. 0: nothing here to sample.
    virtual qint64 leaderPidHere() const { return 0; }

signals:
    /// host(), slurmJobId() or pendingOnCluster() changed.
    void changed();
    /// runsItself(): bytes the job wrote to stdout (`stream` 0) or stderr (1), in order.
    void remoteOutput(int stream, const QByteArray &bytes);
    /// runsItself(): the job ended, after its last remoteOutput(): its exit code, or the signal
    /// that ended it (`crashed`).
    void remoteEnded(int exitCode, bool crashed);
    /// runsItself(): what the job's tree used there, as the worker measured it (before
    /// remoteEnded()).
    void remoteUsage(const procdeck::UsageSample &usage);
    /// The engine suspended (true) or resumed the remote side, as asked.
    void suspendedChanged(bool suspended);
    /// The engine would not; `error` says what it answered. The remote side is as it was.
    void suspendRefused(const QString &error);
    /// endedUnseen(): its output, asked for after its end, from its first byte (as
    /// remoteOutput()); lateOutputDone() once all of it came.
    void lateOutput(int stream, const QByteArray &bytes);
    void lateOutputDone();

protected:
    /// The local process ended with `exitCode` (a signal's number when `crashed`).
    virtual void localProcessEnded(int exitCode, bool crashed);
    /// Runs `then` once the figures the exports need are known, or when they cannot be had.
    virtual void whenSettled(std::function<void()> then) { then(); }
    /// The signal the local process's last words say ended the remote command, 0 if none.
    virtual int signalFromStderr(int exitCode, const QString &stderrText) const;
    /// A line for the job's error when the local process exited with `exitCode` after writing
    /// `stderrText`; empty when the run itself went fine (ssh: its own 255).
    virtual QString failureReason(int exitCode, const QString &stderrText) const;

private:
    int m_signalFromStderr = 0;
};

} // namespace procdeck
