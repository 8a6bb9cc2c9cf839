#pragma once

#include <QString>

namespace procdeck {

class Job;

/// What a job tells its owner: its signals, one for one.
enum class JobEvent {
    StateChanged,
    Started,
    Requeued,
    OutputChanged,
    UsageChanged,
    Ended,
    SteeringRefused
};

/// What owns the jobs (the Scheduler), told of each job's every change just before the job's
/// own signal goes out: a call, not a connection per signal per job. Ten connections per job
/// were 1.9 KB of the 4.4 KB each of 100,000 ended jobs held (heaptrack on the scale bench).
class JobOwner
{
public:
    /// `detail`: the reason of a SteeringRefused, empty otherwise.
    virtual void onJobEvent(Job *job, JobEvent event, const QString &detail) = 0;

protected:
    ~JobOwner() = default;
};

} // namespace procdeck
