#pragma once

#include <cstddef>
#include <cstdint>

namespace procdeck::slurmcancel {

/// How long cancelJobs() waits for its scancels.
constexpr long kWaitMs = 4000;

/// Runs `scancel --quiet --name=procdeck-<runId>-<tree id>` for each of `treeIds` (the names
/// SlurmRun gives its jobs), 64 at a time, and waits up to kWaitMs for each round. For the
/// guardian of a ProcDeck that died, before it signals any local process: srun killed first would
/// leave its job running on the cluster. Async-signal-safe (fork, execvp, waitpid); allocates
/// nothing.
void cancelJobs(const char *runId, size_t runIdLength, const int32_t *treeIds, int count) noexcept;
/// Runs `scancel --quiet <job id>` for each of `jobIds` (the allocations ProcDeck asked for with
/// --slurm-allocate), and waits up to kWaitMs for them. Async-signal-safe, as cancelJobs().
void cancelAllocations(const int32_t *jobIds, int count) noexcept;

} // namespace procdeck::slurmcancel
