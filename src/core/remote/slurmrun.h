#pragma once

#include "process/helperprocess.h"
#include "process/remoterun.h"
#include "slurmaccounting.h"
#include "slurmqueue.h"
#include "slurmsuspend.h"
#include "slurmterm.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace procdeck {

/// A job run on the Slurm cluster the environment names (SLURM_CONF or the default): one
/// `srun --job-name=procdeck-<run id>-<tree id> [--slurm-args] …` per job, so that squeue,
/// scancel and the guardian find it by name. srun turns SIGTERM into SIGKILL of the task, and a
/// SIGKILL to srun's whole group leaves the job running: kills and timeouts therefore go through
/// `scancel --signal=TERM`, then `scancel` after the grace, and only when srun is still there
/// long after that is its local group killed. squeue (SlurmQueue) tells the job id, the node
/// and whether the cluster still holds it pending. Pausing is `scontrol suspend` (SlurmSuspend);
/// the TERM of a job that has been suspended goes through SlurmTerm, which makes sure
/// slurmstepd does not drop it. An srun that a signal killed (the last resort, or anyone's
/// SIGKILL), or any srun after Kill all now, may leave its job behind, running or registered
/// only later: the run ends once squeue says the job ended, or has not named it for a while, and
/// is cancelled again meanwhile. Inside an allocation (SLURM_JOB_ID set: an sbatch script or
/// salloc) each job is a step sized for one job (`--exact`, one task, `-c` as asked or 1), its id
/// `JOBID.STEPID`; it is cancelled by that id, paused by SIGSTOP/SIGCONT through scancel.
class SlurmRun final : public RemoteRun
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmRun)

public:
    SlurmRun(QStringList srunArgs, SlurmQueue *queue, QObject *parent = nullptr);
    ~SlurmRun() override;

    /// The job name the run with marker number `treeId` is given in this ProcDeck process.
    static QString jobName(int treeId);

    QString executorKey() const override;
    QString host() const override { return m_info.node; }
    QString slurmJobId() const override { return m_info.jobId; }
    QString slurmState() const override { return m_finalState; }
    bool pendingOnCluster() const override { return m_info.state == QLatin1String("PENDING"); }
    int remoteSignal() const override { return m_info.signal(); }

    JobSpec localCommand(const JobSpec &spec, int treeId) override;
    void localProcessStarted(pid_t pgid) override;
    bool endsRunsItself() const override { return true; }
    void terminate(double graceSeconds) override;
    void killNow() override;
    bool pausesItself() const override { return true; }
    void requestSuspended(bool suspended) override;
    bool suspendWanted() const override { return m_wishBeforeId.value_or(m_suspend.wanted()); }

protected:
    void localProcessEnded(int exitCode, bool crashed) override;
    void whenSettled(std::function<void()> then) override;
    QString failureReason(int exitCode, const QString &stderrText) const override;

private:
    void onSeen(const QString &name, const SlurmJobInfo &info);
    void makeSureItEnded();
    void cancelAgain();
    QString cancelTarget() const; ///< the job's id once known, else --name=
    void scancel(const QStringList &options);
    void settle();
    void endOfGrace();
    bool settledBy(const SlurmJobInfo &info) const;
    QStringList stepArguments() const;

    const QStringList m_srunArgs;
    QPointer<SlurmQueue> m_queue;
    QString m_name;
    int m_treeId = 0;
    SlurmJobInfo m_info;
    QString m_finalState; ///< sacct's, once the job has ended; empty: no accounting
    const bool m_step; ///< a step of the allocation this process runs in
    bool m_watching = false;
    bool m_localRunning = false;
    bool m_killing = false;  ///< killNow(): cancelled again until srun has gone
    bool m_signalled = false; ///< srun exited as a signalled task makes it: 128 + N
    bool m_mayOutliveSrun = false; ///< srun killed, or Kill all now: its job may be left
    QElapsedTimer m_sinceSrunEnded; ///< making sure its job ended
    pid_t m_pgid = 0;        ///< srun's process group
    QTimer m_graceTimer;     ///< scancel --signal=TERM … then scancel
    QTimer m_lastResortTimer; ///< scancel sent, srun still there: its local group
    QTimer m_cancelAgainTimer; ///< killNow(): for a job registered after the first scancel
    QTimer m_settleTimer;    ///< how long the end waits for squeue to tell the job id
    std::function<void()> m_whenSettled;
    std::optional<bool> m_wishBeforeId; ///< a pause asked before squeue named the job
    HelperProcess m_finalCancel; ///< the grace's end: srun's group goes once it has answered
    HelperProcess m_cancel; ///< the latest scancel, ended with this run (they may take a minute)
    SlurmSuspend m_suspend;
    SlurmTerm m_term{m_suspend}; ///< TERMs for a job that has been suspended
    SlurmAccounting m_accounting; ///< the final state, asked once settled
};

} // namespace procdeck
