#pragma once
// procdeck-cli --semaphore (GNU parallel's sem): waiting for the semaphore, going to the
// background, and the exit status of the one job.

#include "core/parallel/parallelsemaphore.h"
#include "core/scheduling/countingsemaphore.h"

#include <memory>

namespace procdeck {
class Scheduler;
}

namespace semaphorerun {

/// The process that runs the job goes on: take()'s answer then.
constexpr int kRunTheJob = -1;

/// Waits until the semaphore is ours (saying parallel's warning when --st's time runs out),
/// held in *held. Without --fg, this process then forks: it exits 0 once the new process, the
/// one that goes on to run the job, holds the entry. The exit status when this process is
/// done (1: --st gave up, 255: the semaphore folder could not be used), or kRunTheJob.
/// Call before any thread is started (it forks).
int take(const procdeck::parallel::SemaphoreOptions &options,
         std::unique_ptr<procdeck::CountingSemaphore> *held);

/// The one job's own status, as parallel's sem: its exit code, or 128 + the signal that ended
/// it; `runStatus` (255: ProcDeck's own error) when it has none.
int jobStatus(const procdeck::Scheduler &scheduler, int runStatus);

} // namespace semaphorerun
