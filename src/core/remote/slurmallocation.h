#pragma once

#include "process/helperprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace procdeck {

/// One Slurm allocation for a whole batch (--slurm-allocate): the batch's jobs run as steps in
/// it (SlurmRun, SlurmQueue), each without a job of its own to schedule. `salloc --no-shell`
/// asks for it and returns once it is granted; while it waits, squeue says why (its reason:
/// Priority, Resources, …). The allocation is named procdeck-<run id>-allocation-<n>, so that it
/// is found (and cancelled) before its id is known. release() gives it back at once; the guardian
/// does, by its id, when ProcDeck dies holding it.
class SlurmAllocation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmAllocation)

public:
    explicit SlurmAllocation(QObject *parent = nullptr);
    /// Releases it.
    ~SlurmAllocation() override;

    /// Asks for an allocation: `sallocArgs` are salloc's (-n 8 -p short --time=30 …).
    void request(const QStringList &sallocArgs);
    /// The allocation's job id: known while it waits (once squeue names it) and once granted.
    QString jobId() const { return m_jobId; }
    bool isGranted() const { return m_granted; }
    /// How many nodes it has, once granted (1 when squeue would not say).
    int nodeCount() const { return m_nodeCount; }
    /// Its nodes as squeue names them (procdeck-node, node[1-4]), once granted.
    QString nodeList() const { return m_nodeList; }
    /// Seconds until Slurm ends it (its time limit), counted from squeue's answer at the
    /// grant; -1 when it has none (UNLIMITED) or squeue would not say.
    qint64 secondsLeft() const;
    /// Gives the allocation back, or withdraws the request: scancel, which runs on by itself.
    void release();

signals:
    /// The allocation waits in Slurm's queue for `reason` (squeue's %r).
    void waiting(const QString &reason);
    /// It is ours: jobs may run as its steps (srun --jobid=`jobId`).
    void granted(const QString &jobId);
    /// salloc failed (a bad option, no cluster): `error` is its last word.
    void failed(const QString &error);

private:
    void onSalloc(const HelperResult &result);
    void askQueue();
    void onQueue(const HelperResult &result);
    void learnId(const QString &jobId); ///< the guardian hears of it
    void onNodes(const HelperResult &result);

    QString m_name;
    QString m_jobId;
    QString m_reason;
    QString m_nodeList;
    qint64 m_secondsLeftAtGrant = -1;
    QElapsedTimer m_sinceGrant;
    int m_nodeCount = 1;
    bool m_granted = false;
    bool m_released = false;
    HelperProcess m_salloc;
    HelperProcess m_squeue;
    HelperProcess m_nodes; ///< squeue once granted: how many nodes
    QTimer m_queueTimer; ///< squeue while salloc waits
};

} // namespace procdeck
