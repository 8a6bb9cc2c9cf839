#include "allocationrun.h"

#include "remote/slurmallocation.h"
#include "scheduler.h"

namespace procdeck {

AllocationRun::AllocationRun(Scheduler *scheduler, const RunOn &runOn, QObject *parent)
    : QObject(parent),
      m_scheduler(scheduler),
      m_runOn(runOn),
      m_allocation(std::make_unique<SlurmAllocation>())
{
    connect(m_allocation.get(), &SlurmAllocation::waiting, this, [this](const QString &reason) {
        m_stage = Stage::Waiting;
        m_reason = reason;
        emit waiting(reason);
    });
    connect(m_allocation.get(), &SlurmAllocation::failed, this, [this](const QString &error) {
        m_stage = Stage::Failed;
        emit failed(error);
    });
    connect(m_allocation.get(), &SlurmAllocation::granted, this, &AllocationRun::onGranted);
    connect(m_scheduler, &Scheduler::jobEnded, this, &AllocationRun::onJobEnded);
    connect(m_scheduler, &Scheduler::idle, this, [this] {
        if (m_jobsAdded && m_batchId == 0)
            release(); // jobs added one by one: the scheduler's idle is their end
    });
}

AllocationRun::~AllocationRun()
{
    release();
}

void AllocationRun::start(AddJobs addJobs)
{
    m_addJobs = std::move(addJobs);
    m_allocation->request(m_runOn.slurmAllocate);
}

void AllocationRun::release()
{
    if (m_stage == Stage::Released)
        return;
    const bool wasFailed = m_stage == Stage::Failed;
    m_stage = Stage::Released;
    m_allocation->release(); // the batch has ended: the allocation is not held a moment more
    if (!wasFailed)
        emit released();
}

bool AllocationRun::isGranted() const
{
    return m_stage == Stage::Granted;
}

QString AllocationRun::jobId() const
{
    return m_allocation->jobId();
}

int AllocationRun::nodeCount() const
{
    return m_allocation->nodeCount();
}

QString AllocationRun::nodeList() const
{
    return m_allocation->nodeList();
}

qint64 AllocationRun::secondsLeft() const
{
    return isGranted() ? m_allocation->secondsLeft() : -1;
}

void AllocationRun::onGranted(const QString &jobId)
{
    if (m_stage == Stage::Released)
        return;
    m_stage = Stage::Granted;
    emit granted(jobId);
    RunOn placed = m_runOn;
    placed.slurmAllocation = jobId;
    placed.slurmNodes = m_allocation->nodeCount();
    m_jobsAdded = true;
    m_batchId = m_addJobs ? m_addJobs(placed) : 0;
    if (m_batchId > 0 && m_scheduler->batchStats(m_batchId).done())
        release(); // nothing of it to run (every job refused at once)
}

void AllocationRun::onJobEnded(const Job *job)
{
    // At jobEnded the tallies count the job as ended and a retry of it as queued.
    if (m_batchId > 0 && job->batchId() == m_batchId
        && m_scheduler->batchStats(m_batchId).done())
        release();
}

} // namespace procdeck
