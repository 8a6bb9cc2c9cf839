#pragma once

#include "process/helperprocess.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace procdeck {

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
/// (SLURM_JOB_ID set), where ProcDeck's jobs are its steps, `squeue --steps --jobs=<allocation>`:
/// a step is seen RUNNING while it runs, with its `JOBID.STEPID`, and not at all once ended.
class SlurmQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmQueue)

public:
    explicit SlurmQueue(QObject *parent = nullptr);

    void watch(const QString &jobName);
    void unwatch(const QString &jobName);
    /// Asks squeue again as soon as the current question (if any) is answered.
    void askSoon();

signals:
    /// squeue answered for `jobName`.
    void seen(const QString &jobName, const procdeck::SlurmJobInfo &info);
    /// squeue could not be asked or failed; `error` says why.
    void failed(const QString &error);

private:
    void ask();
    void onAnswered(const HelperResult &result);

    const QString m_allocation; ///< SLURM_JOB_ID: ours are steps of it
    QHash<QString, int> m_watched; ///< name → how many watch it
    HelperProcess m_squeue;
    QTimer m_timer;
    bool m_askAgain = false;
};

} // namespace procdeck
