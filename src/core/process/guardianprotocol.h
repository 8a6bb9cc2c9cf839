#pragma once

#include <cstdint>

/// What ProcDeck tells its guardian (the procdeck-guard program) over their socket. Qt-free:
/// both sides build it.
namespace procdeck::guardian {

/// SIGTERM to SIGKILL, in the guardian: well inside the promise that every tree ends within 2 s.
constexpr int kGraceMs = 1000;
/// The longest report path the guardian takes.
constexpr int kMaxPath = 4096;
/// After the guardian's death, how long its watcher waits for ProcDeck's (killed together, they
/// die within this of each other) before it exits.
constexpr int kPairWindowMs = 1000;
/// The descriptor procdeck-guard finds its end of the socket on.
constexpr int kSocketFd = 3;

/// One message: fixed size, read whole by the guardian. ReportPath is followed by `seq` bytes
/// of the path.
struct Record {
    char op;
    int32_t seq;
    int32_t pgid;
};

enum Op : char {
    JobStarted = '+',   ///< job `seq` leads process group `pgid`
    JobEnded = '-',     ///< the job of group `pgid` ended
    ReportPath = 'R',   ///< where to append "<run id>\t<seq>\t<ended>\t<paused ms>" for
                        ///< each job it ends (ended: ms since the epoch)
    SlurmStarted = 'S', ///< the Slurm job of tree id `seq` was submitted
    SlurmEnded = 's',   ///< … has ended
    JobPaused = 'P',    ///< the job of group `pgid` was paused: its paused time counts from now
    JobResumed = 'p',   ///< … was resumed
    SlurmAllocated = 'A', ///< ProcDeck holds the Slurm allocation of job id `seq`
    SlurmReleased = 'a',  ///< … has given it back
};

} // namespace procdeck::guardian
