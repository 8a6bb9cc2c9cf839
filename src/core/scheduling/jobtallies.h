#pragma once

#include "batchtally.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <memory>
#include <vector>

namespace procdeck {

class Job;

/// The scheduler's figures: one BatchTally for every job and one per batch (0: the jobs added
/// alone), each brought up to date at a job's transitions, or counted again from the jobs.
class JobTallies final
{
public:
    /// A job of `batchId` was queued.
    void added(int batchId);
    void started(const Job &job);
    /// A running job went back to the queue (its exec fell short of resources).
    void requeued(const Job &job);
    /// A job ended, from running or (`wasRunning` false) from the queue; `retried`: its next
    /// try takes its place.
    void ended(const Job &job, bool wasRunning, bool retried);
    /// A queued job was found ended (Scheduler::addMirrored()): started, if it ever was, and
    /// ended at once.
    void endedBefore(const Job &job);
    /// Counts `jobs` again (after some were removed).
    void recount(const std::vector<std::unique_ptr<Job>> &jobs);

    /// The figures of one batch (0: the jobs added alone), or with `batchId` < 0 of every job,
    /// `running` giving the run time so far of those that run.
    BatchStats stats(int batchId, const QSet<const Job *> &running) const;

    const BatchTally &all() const { return m_all; }
    /// The batch's tally, null when it has no jobs.
    const BatchTally *batch(int batchId) const;
    /// How many of the batch's jobs run (or are paused) now.
    int running(int batchId) const;
    /// The batches with jobs (ids > 0), first added first.
    const QList<int> &batchIds() const { return m_batchIds; }

private:
    BatchTally &batchOf(int batchId);

    BatchTally m_all;
    QHash<int, BatchTally> m_batches; ///< by batch id, 0 included
    QList<int> m_batchIds;
};

} // namespace procdeck
