#pragma once

#include "process/job.h"

namespace procdeck {

/// What a job keeps in memory once it has ended and its end has been told: the window draws
/// its usage samples and shows its output's tail; the engine and procdeck-cli, which hold many
/// ended jobs and read their output back from the spill files, keep neither.
struct EndedJobKeep {
    qsizetype tailLimit = -1;      ///< bytes of each stream; -1: as while it ran
    bool usageHistory = true;      ///< the samples for the sparkline and chart

    void applyTo(Job *job) const
    {
        if (tailLimit >= 0)
            job->shrinkTails(tailLimit);
        if (!usageHistory)
            job->forgetUsageHistory();
    }
};

} // namespace procdeck
