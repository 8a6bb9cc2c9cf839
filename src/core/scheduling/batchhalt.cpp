#include "batchhalt.h"

#include "process/job.h"

namespace procdeck {

namespace {

/// As GNU parallel gives a failed job's status: its exit code, or 128 + the signal that ended it.
/// A job parallel's --timeout killed has status -1 (its own exit code, when it gave one on
/// SIGTERM), which parallel's exit turns into 255.
int statusOf(const Job &job)
{
    if (job.exitCode() > 0)
        return job.exitCode();
    if (job.state() == JobState::TimedOut)
        return 255;
    if (job.signal() > 0)
        return 128 + job.signal();
    return isSuccess(job.state()) ? 0 : 1;
}

} // namespace

bool BatchHalt::count(const Job &job)
{
    if (halted)
        return false;
    const bool success = isSuccess(job.state());
    ++(success ? succeeded : failed);
    // parallel counts every try it started (`--retries 2`: a job that failed twice is two).
    started += job.startedAt().isValid() ? job.attempt() : job.attempt() - 1;
    if (!policy.reached(success, failed, succeeded, total))
        return false;
    halted = true;
    exitStatus = policy.exitStatusHalted(failed, total, statusOf(job));
    reason = policy.reason(failed, succeeded);
    return true;
}

int BatchHalt::currentExitStatus() const
{
    return halted ? exitStatus : policy.exitStatusNotHalted(failed, started);
}

} // namespace procdeck
