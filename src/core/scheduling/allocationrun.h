#pragma once

#include "types/runon.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace procdeck {

class Job;
class Scheduler;
class SlurmAllocation;

/// One Slurm allocation for one batch, from the request to its release: both front ends'
/// "--slurm-allocate" / "Slurm cluster — one allocation for the batch". It asks Slurm for the
/// allocation, holds the batch's jobs back until it is granted, then has them added as its steps
/// (or its workers' jobs) and gives it back as soon as the batch has ended — normally, halted or
/// killed — or when it is no longer wanted (release(), or this object deleted). The guardian
/// cancels it when ProcDeck dies holding it (SlurmAllocation).
class AllocationRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AllocationRun)

public:
    enum class Stage { Requested, Waiting, Granted, Failed, Released };

    /// Adds the batch's jobs to the scheduler, placed at `placed` (steps of the allocation);
    /// returns the batch's id, or 0 when they were added one by one (then the scheduler's
    /// being idle is the batch's end).
    using AddJobs = std::function<int(const RunOn &placed)>;

    /// `runOn.slurmAllocate` holds salloc's arguments; `scheduler` runs the jobs.
    AllocationRun(Scheduler *scheduler, const RunOn &runOn, QObject *parent = nullptr);
    /// Releases the allocation.
    ~AllocationRun() override;

    /// Asks for the allocation; `addJobs` is called once, when it is granted.
    void start(AddJobs addJobs);
    /// Gives the allocation back now (or withdraws the request); the jobs not added yet never
    /// are. The steps still running in it end with it.
    void release();

    Stage stage() const { return m_stage; }
    bool isGranted() const;
    /// squeue's reason while it waits (Priority, Resources, …).
    QString reason() const { return m_reason; }
    QString jobId() const;
    int nodeCount() const;
    QString nodeList() const;
    /// Seconds until its time limit; -1 when it has none or it is not granted.
    qint64 secondsLeft() const;
    /// The batch its jobs went to (0: none yet, or added one by one).
    int batchId() const { return m_batchId; }

signals:
    void waiting(const QString &reason);
    void granted(const QString &jobId);
    /// salloc failed: the batch does not run.
    void failed(const QString &error);
    /// Given back (or the request withdrawn).
    void released();

private:
    void onGranted(const QString &jobId);
    void onJobEnded(const Job *job);

    Scheduler *m_scheduler;
    RunOn m_runOn;
    AddJobs m_addJobs;
    std::unique_ptr<SlurmAllocation> m_allocation;
    Stage m_stage = Stage::Requested;
    QString m_reason;
    int m_batchId = 0;
    bool m_jobsAdded = false;
};

} // namespace procdeck
