#pragma once

#include "haltpolicy.h"

namespace procdeck {

class Job;

/// One batch's --halt: its policy, the counts it looks at, and whether (and why) it halted.
struct BatchHalt {
    HaltPolicy policy;
    int total = 0;      ///< the batch's jobs (tries of one job count once)
    int failed = 0;
    int succeeded = 0;
    int started = 0;
    bool halted = false;
    QString reason;     ///< HaltPolicy::reason(), once halted
    int exitStatus = 0; ///< GNU parallel's, fixed when it halted

    /// Counts a job that ended with no try to follow. True when this end halts the batch.
    bool count(const Job &job);
    /// GNU parallel's exit status for the batch as it stands.
    int currentExitStatus() const;
};

} // namespace procdeck
