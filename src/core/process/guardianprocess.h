#pragma once

#include <cstddef>
#include <cstdint>

namespace procdeck::guardian {

/// SIGTERM to SIGKILL, in the guardian: well inside the promise that every tree ends within 2 s.
constexpr int kGraceMs = 1000;
/// Jobs running at once; more is not a machine this runs on.
constexpr int kMaxJobs = 1 << 16;
constexpr int kMaxPath = 4096;

/// One message from ProcDeck to its guardian: fixed size, so that a pipe write (atomic below
/// PIPE_BUF) never interleaves and the guardian reads whole records.
struct Record {
    char op;       ///< '+' job started, '-' job ended (found by pgid), 'R' report path follows
                   ///< (length = seq), 'S' / 's' Slurm job of tree id `seq` submitted / ended,
                   ///< 'P' / 'p' the job of group `pgid` paused / resumed
    int32_t seq;
    int32_t pgid;
};

/// What the guardian knows, in memory mapped before its fork (it allocates nothing).
struct Table {
    int32_t seq[kMaxJobs];
    int32_t pgid[kMaxJobs];
    int count;
    char reportPath[kMaxPath];
    char marker[256]; ///< "PROCDECK_JOB=<run id>:"
    size_t markerLength;
    char runId[128];
    size_t runIdLength;
    /// Slurm jobs by tree id (their names: procdeck-<run id>-<tree id>)
    int32_t slurmTree[kMaxJobs];
    int slurmCount;
    int64_t pausedSinceMs[kMaxJobs]; ///< monotonic, 0 unless paused (index as seq and pgid)
    int64_t pausedMs[kMaxJobs];      ///< the pauses that have ended
};

/// The guardian process's life: reads records from `readFd` until ProcDeck is gone, then ends
/// what is left and reports it. Async-signal-safe calls only (it is a fork of a threaded program).
[[noreturn]] void guardianMain(int readFd, int parentsEnd, Table *table);

} // namespace procdeck::guardian
