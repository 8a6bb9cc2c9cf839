#pragma once

#include "process/helperprocess.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace procdeck {

class SlurmStepFiles;

/// What squeue says of one job.
struct SlurmJobInfo {
    QString jobId;
    QString state; ///< squeue's long state: PENDING, RUNNING, COMPLETED, CANCELLED, …
    QString node;  ///< the node list, empty while pending
    int waitStatus = 0; ///< how it ended, as wait() tells it (exit status << 8, or the signal)

    /// True once the job has ended on the cluster: waitStatus is its last word.
    bool ended() const;
    /// The signal that ended the task, 0 when none (or not ended yet).
    int signal() const { return ended() ? waitStatus & 0x7f : 0; }
};

/// Follows ProcDeck's jobs in Slurm's queue by their names: one `squeue -t all --name=…` for all
/// of them, twice a second while any is watched, never on the caller's thread's time (the
/// squeue runs as a HelperProcess). Ended jobs stay visible to squeue for MinJobAge (300 s by
/// default), so a job that ended before it was first seen is still found. Inside an allocation
/// (SLURM_JOB_ID set, or the allocation given), where ProcDeck's jobs are its steps, each step
/// tells its `JOBID.STEPID` and node itself through srun's prolog (SlurmStepFiles), read here
/// every kStepPollMs: no squeue, and no step too short to be seen; squeue only if that failed.
class SlurmQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmQueue)

public:
    /// `allocation`: the job id of the allocation whose steps ProcDeck's jobs are; empty: the
    /// one this process runs in (SLURM_JOB_ID), if any.
    explicit SlurmQueue(const QString &allocation = {}, QObject *parent = nullptr);
    ~SlurmQueue() override;

    /// The allocation ProcDeck's jobs are steps of, empty when each is a job of its own.
    QString allocation() const { return m_allocation; }
    /// The prolog srun is given and the file its step of `jobName` writes (in
    /// SlurmStepFiles::kFileVariable), empty when steps are not told that way.
    QString stepProlog() const;
    QString stepFile(const QString &jobName) const;
    /// Reads at once what the step of `jobName` told (seen() if it did): its srun has ended.
    void readStep(const QString &jobName);

    void watch(const QString &jobName);
    void unwatch(const QString &jobName);
    /// Asks squeue again as soon as the current question (if any) is answered.
    void askSoon();
    /// Set once sacct said the cluster keeps no accounting: its runs ask no more.
    bool *accountingMissing() { return &m_accountingMissing; }

signals:
    /// squeue answered for `jobName`.
    void seen(const QString &jobName, const procdeck::SlurmJobInfo &info);
    /// squeue could not be asked or failed; `error` says why.
    void failed(const QString &error);

private:
    void ask();
    void onAnswered(const HelperResult &result);
    void readSteps();

    const QString m_allocation; ///< ours are steps of it
    std::unique_ptr<SlurmStepFiles> m_stepFiles; ///< in an allocation
    QHash<QString, bool> m_stepTold; ///< name → its step file was read
    QHash<QString, int> m_watched; ///< name → how many watch it
    HelperProcess m_squeue;
    QTimer m_timer;
    bool m_askAgain = false;
    bool m_accountingMissing = false;
};

} // namespace procdeck
