#pragma once

#include "types/jobstate.h"

#include <QtGlobal>

namespace procdeck {

class Job;

/// GNU parallel's --retries and ProcDeck's --retry-delay: which ended tries are tried again,
/// and after how long.
namespace retrypolicy {

/// True when `job` (just ended) should run again: its spec allows more tries than it has had,
/// and it failed, crashed or timed out — not killed or cancelled by the person, never started.
bool wantsAnotherTry(const Job &job);

/// The wait before try number `attempt` (2 = the second): `seconds` doubled for each try after
/// the second, at most ten times `seconds`, scaled by (1 + jitter) where jitter is in
/// [-0.25, 0.25]. 0 when `seconds` is 0.
qint64 delayMs(double seconds, int attempt, double jitter);

/// delayMs() with a random jitter in [-0.25, 0.25] (uniform).
qint64 jitteredDelayMs(double seconds, int attempt);

} // namespace retrypolicy
} // namespace procdeck
