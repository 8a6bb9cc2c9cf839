#include "batchhalt.h"

#include "process/job.h"

namespace procdeck {

namespace {

/// As GNU parallel gives a failed job's status: its exit code, or 128 + the signal that ended it.
int statusOf(const Job &job)
{
    if (job.exitCode() > 0)
        return job.exitCode();
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
    if (job.startedAt().isValid())
        ++started;
    if (!policy.reached(success, failed, succeeded, total))
        return false;
    halted = true;
    exitStatus = policy.exitStatusHalted(failed, total, statusOf(job));
    reason = policy.reason(failed, succeeded);
    return true;
}

} // namespace procdeck
