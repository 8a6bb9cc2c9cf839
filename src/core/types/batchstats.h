#pragma once

#include <QtGlobal>

namespace procdeck {

/// Figures for a set of jobs: those added together in one batch (the notes' "ten sleeps"), or
/// every job. Made by BatchTally.
struct BatchStats {
    int total = 0;
    int queued = 0;
    int running = 0;
    int succeeded = 0;
    int failed = 0;       ///< every terminal state but Finished
    int firstFailedSeq = 0; ///< the lowest number of a job that failed (0: none did)
    qint64 wallMs = 0;    ///< first start to last end (or to now, while running)
    qint64 workMs = 0;    ///< the sum of the jobs' own run times
    /// workMs / wallMs: how much the parallelism bought (×5.5 for the ten sleeps). The one
    /// place the speed-up is worked out: the window, the CLI and the reports show this figure.
    double speedup() const { return wallMs > 0 ? double(workMs) / double(wallMs) : 0.0; }
    bool done() const { return queued == 0 && running == 0; }
};

} // namespace procdeck
