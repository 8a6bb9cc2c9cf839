#pragma once

#include "types/batchstats.h"
#include "types/jobstate.h"

#include <QDateTime>

namespace procdeck {

struct JobRecord;

/// The running figures of a set of jobs, brought up to date at each transition of one of them,
/// so that asking for them costs the same with ten jobs or 100,000: counts by state, the run
/// time of the ended jobs, the first start and the last end.
class BatchTally final
{
public:
    /// A job joined the set, queued.
    void added();
    /// One of its queued jobs started at `at`.
    void started(const QDateTime &at);
    /// One of its running jobs went back to the queue (its exec fell short of resources).
    void requeued();
    /// One of its jobs ended and will be tried again (--retries): its next try takes its place
    /// in the queue, its run time counts as work done.
    void retried(bool wasRunning, qint64 durationMs);
    /// The run time of a try that was followed by another (recounting).
    void addWork(qint64 durationMs) { m_stats.workMs += durationMs; }
    /// Job `seq` of the set ended in `state`, from the queue or (`wasRunning`) from running.
    void ended(int seq, JobState state, bool wasRunning, qint64 durationMs,
               const QDateTime &startedAt, const QDateTime &finishedAt);
    /// An ended job, known by its record only (a run log's rows).
    void addRecord(const JobRecord &record);

    /// The figures now; `runningWorkMs`: the run time so far of the set's running jobs.
    BatchStats stats(qint64 runningWorkMs = 0) const;
    bool isEmpty() const { return m_stats.total == 0; }
    int running() const { return m_stats.running; }

private:
    BatchStats m_stats; ///< counts and the ended jobs' work; wall and running work added by stats()
    QDateTime m_firstStart;
    QDateTime m_lastEnd;
};

} // namespace procdeck
