#pragma once

#include "core/process/guardianprotocol.h"

#include <csignal>
#include <cstddef>
#include <cstdint>

/// procdeck-guard's work: what ProcDeck told it, and ending it all when ProcDeck is gone.
namespace procdeck::guard {

constexpr int kMaxJobs = 1 << 16; ///< running at once; more is not a machine this runs on
constexpr int kMaxAllocations = 64; ///< one a batch (--slurm-allocate)

/// What the guardian knows. It lives in memory shared with the guardian's watcher, which ends
/// the trees itself when ProcDeck and the guardian are killed together.
struct Table {
    int32_t seq[kMaxJobs];
    int32_t pgid[kMaxJobs];
    int count;
    int32_t slurmTree[kMaxJobs]; ///< Slurm jobs by tree id (named procdeck-<run id>-<tree id>)
    int slurmCount;
    int32_t allocation[kMaxAllocations]; ///< job ids of the Slurm allocations ProcDeck holds
    int allocationCount;
    char reportPath[guardian::kMaxPath];
    char marker[256]; ///< "PROCDECK_JOB=<run id>:"
    size_t markerLength;
    char runId[128];
    size_t runIdLength;
    int64_t pausedSinceMs[kMaxJobs]; ///< monotonic, 0 unless paused (index as seq and pgid)
    int64_t pausedMs[kMaxJobs];      ///< the pauses that have ended
    volatile sig_atomic_t ended; ///< endEverything() has run to its end: nothing left to do
};

/// Reads ProcDeck's records from `socketFd` into `table` until the socket closes (ProcDeck is
/// gone). Calls `tick(context)` at least every kTickMs, also while nothing comes.
void serve(int socketFd, Table *table, void (*tick)(void *), void *context);
constexpr int kTickMs = 500;

/// Ends every tree of `table`: the Slurm jobs cancelled, SIGTERM and SIGCONT to every group and
/// marked process, SIGKILL to what is left after kGraceMs; says so on stderr, appends the
/// report (each job's end and time paused, for the history), and sets `ended`.
void endEverything(Table *table);

} // namespace procdeck::guard
