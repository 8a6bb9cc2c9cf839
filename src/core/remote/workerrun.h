#pragma once

#include "process/remoterun.h"
#include "slurmaccounting.h"
#include "workerlink.h"

#include <QCborMap>

#include <memory>

namespace procdeck {

/// A job run by a ProcDeck worker on an ssh login (--ssh-workers) or in a Slurm worker step
/// (--slurm-workers): no local process, no ssh or srun of its own; its spec goes over the one
/// WorkerLink there, its output, start and end come back. A Slurm worker's job has the step's
/// JOBID.STEPID as its Slurm job id and the step's node as its host.
/// Its timeout is kept here (the job's own clock); a kill or a timeout asks the worker (SIGTERM,
/// SIGKILL after the grace, there), as do pauses and signals.
class WorkerRun final : public RemoteRun, public WorkerLink::Listener
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerRun)

public:
    explicit WorkerRun(std::shared_ptr<WorkerLink> link, QObject *parent = nullptr);
    ~WorkerRun() override;

    QString executorKey() const override;
    QString host() const override;
    QString slurmJobId() const override { return m_link->slurmStep(); }
    /// The worker step's final state in sacct when the job ended with the step (scancel, its
    /// time limit, its node lost); empty for a job that ended by itself (the step ran on).
    QString slurmState() const override { return m_finalState; }
    bool runsItself() const override { return true; }
    void startRemote(const JobSpec &spec, int treeId) override;
    JobSpec localCommand(const JobSpec &spec, int treeId) override;
    bool endsRunsItself() const override { return true; }
    void terminate(double graceSeconds) override;
    void killNow() override;
    bool pausesItself() const override { return true; }
    void requestSuspended(bool suspended) override;
    bool suspendWanted() const override { return m_wanted; }
    bool failedToStart() const override { return m_notStarted; }

    /// From the link: the job's output, its end ("ended"), or the link's end (`why`).
    void takeOutput(int stream, const QByteArray &bytes) override
    {
        emit remoteOutput(stream, bytes);
    }
    void takeEnd(const QCborMap &ended) override;
    void takeFailure(const QString &why) override;

protected:
    QString failureReason(int exitCode, const QString &stderrText) const override;

private:
    /// Calls `end` once the worker step's final state is known (or not to be had).
    void endWithTheStep(const std::function<void()> &end);

    std::shared_ptr<WorkerLink> m_link;
    qint64 m_id = -1;
    bool m_ended = false;
    bool m_wanted = false;
    bool m_notStarted = false; ///< the worker could not start it, or did not start itself
    QString m_failure;
    QString m_finalState;
    SlurmAccounting m_accounting; ///< the step's end, when it took the job with it
};

} // namespace procdeck
