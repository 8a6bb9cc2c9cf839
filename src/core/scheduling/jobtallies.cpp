#include "jobtallies.h"

#include "process/job.h"

namespace procdeck {

BatchTally &JobTallies::batchOf(int batchId)
{
    BatchTally &batch = m_batches[batchId];
    if (batch.isEmpty() && batchId > 0 && !m_batchIds.contains(batchId))
        m_batchIds << batchId;
    return batch;
}

void JobTallies::added(int batchId)
{
    m_all.added();
    batchOf(batchId).added();
}

void JobTallies::started(const Job &job)
{
    m_all.started(job.startedAt());
    batchOf(job.batchId()).started(job.startedAt());
}

void JobTallies::requeued(const Job &job)
{
    m_all.requeued();
    batchOf(job.batchId()).requeued();
}

void JobTallies::ended(const Job &job, bool wasRunning, bool retried)
{
    for (BatchTally *tally : {&m_all, &batchOf(job.batchId())}) {
        if (retried)
            tally->retried(wasRunning, job.elapsedMs());
        else
            tally->ended(job.seq(), job.state(), wasRunning, job.elapsedMs(), job.startedAt(),
                         job.finishedAt());
    }
}

void JobTallies::endedBefore(const Job &job)
{
    const bool ran = job.startedAt().isValid();
    if (ran)
        started(job);
    ended(job, ran, false);
}

const BatchTally *JobTallies::batch(int batchId) const
{
    const auto it = m_batches.constFind(batchId);
    return it == m_batches.constEnd() ? nullptr : &*it;
}

int JobTallies::running(int batchId) const
{
    const BatchTally *tally = batch(batchId);
    return tally ? tally->running() : 0;
}

void JobTallies::recount(const std::vector<std::unique_ptr<Job>> &jobs)
{
    m_all = {};
    m_batches.clear();
    m_batchIds.clear();
    for (const auto &job : jobs) {
        for (BatchTally *tally : {&m_all, &batchOf(job->batchId())}) {
            if (job->retriedAs() != 0) { // counted as its last try; its run time is work done
                tally->addWork(job->elapsedMs());
                continue;
            }
            tally->added();
            if (job->startedAt().isValid())
                tally->started(job->startedAt());
            if (isTerminal(job->state()))
                tally->ended(job->seq(), job->state(), job->startedAt().isValid(),
                             job->elapsedMs(), job->startedAt(), job->finishedAt());
        }
    }
}

BatchStats JobTallies::stats(int batchId, const QSet<const Job *> &running) const
{
    const BatchTally *tally = batchId < 0 ? &m_all : batch(batchId);
    if (!tally)
        return {};
    qint64 runningWorkMs = 0;
    for (const Job *job : running)
        if (batchId < 0 || job->batchId() == batchId)
            runningWorkMs += job->elapsedMs();
    return tally->stats(runningWorkMs);
}

} // namespace procdeck
