#pragma once

#include "remoterun.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <sys/types.h>

namespace procdeck {

/// Ends one job's process tree: its process group and every process that carries the job's
/// environment marker outside it (escapees: `setsid`, double forks). The one home of kill
/// escalation — timeouts, kills, quitting and the leftover sweep use an instance; the guardian
/// uses signalTree(), which allocates nothing.
///
/// The group is signalled at once (killpg). Marked processes are found by escapeesweep's passes
/// over /proc, on a thread of their own: the caller never waits on /proc.
class TreeKiller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TreeKiller)

public:
    /// `treeId`: the job's marker number (Job::treeId()).
    TreeKiller(pid_t pgid, int treeId, QObject *parent = nullptr);
    ~TreeKiller() override;

    /// The job runs remotely through `remote` (ssh, srun): when that ends its runs itself
    /// (Slurm), terminate() leaves the local tree to it, and killNow() tells it first.
    void setRemote(RemoteRun *remote) { m_remote = remote; }
    /// SIGTERM to the tree now; SIGKILL to whatever of it is left after `graceSeconds`.
    /// A second call while the grace runs changes nothing.
    void terminate(double graceSeconds);
    /// SIGKILL to the tree now.
    void killNow();
    /// `sig` to the tree now: the group at once, marked escapees in the next /proc pass.
    /// For SIGSTOP and SIGCONT (pausing); escalation goes through terminate() and killNow().
    void sendToTree(int sig) { signalAll(sig); }
    /// Waits until the /proc passes for the escapees signalled so far are done (before
    /// procdeck-cli stops itself).
    static void sweepNow();
    bool isTerminating() const { return m_graceTimer.isActive(); }
    /// How many trees are in their grace period now (SIGTERM sent, SIGKILL to come), those of
    /// jobs that have ended included: ProcDeck must not stop itself (SIGTSTP) while one is.
    static int terminatingCount();
    /// After the leader has exited: SIGKILL to its group's members and to the escapees that
    /// are already ours (re-parented to us), deeper ones in the next sweep. Returns the pids
    /// found (for the job's notes). While a terminate() runs, escapees keep their grace: call
    /// finishGraceDetached() to let it end without the job.
    QList<pid_t> sweepLeftovers() { return sweepLeftovers(m_pgid, m_treeId, isTerminating()); }
    /// The same for a job nobody was killing (no TreeKiller was needed until now).
    static QList<pid_t> sweepLeftovers(pid_t pgid, int treeId, bool terminating);
    /// Hands this killer to itself: it lives until its grace period ends (SIGKILL then to what
    /// is left of the tree) and deletes itself. For a job that ended while terminating.
    static void finishGraceDetached(std::unique_ptr<TreeKiller> killer);
    /// What a job does when its leader has exited: sweeps the rest of its tree (with `killer`,
    /// or without one if nobody was killing), reaps what it killed, and lets a running grace
    /// period end on its own. Returns the note for the job's log, empty if nothing was left.
    static QString endTreeAfterLeader(std::unique_ptr<TreeKiller> killer, pid_t pgid, int treeId);

    /// Sends `sig` to group `pgid` (when > 1) and to every living process whose environment has
    /// `marker` (as a whole entry, or as a prefix when `prefixOnly`) outside that group, now.
    /// Returns how many marked processes outside the group were signalled. Async-signal-safe.
    static int signalTree(pid_t pgid, const char *marker, size_t markerLength, bool prefixOnly,
                          int sig) noexcept;

signals:
    /// The grace period ran out and SIGKILL was sent.
    void escalated(double graceSeconds);

private:
    void signalAll(int sig);

    pid_t m_pgid; ///< 0 once the leader is collected (finishGraceDetached)
    const int m_treeId;
    double m_graceSeconds = 0;
    QTimer m_graceTimer;
    QPointer<RemoteRun> m_remote;
};

} // namespace procdeck
