#include "retrypolicy.h"

#include "process/job.h"

#include <QRandomGenerator>

#include <cmath>

namespace procdeck::retrypolicy {

bool wantsAnotherTry(const Job &job)
{
    if (job.attempt() >= job.spec().retries)
        return false;
    switch (job.state()) {
    case JobState::Failed:
    case JobState::Crashed:
    case JobState::TimedOut:
        return true;
    default: // Killed (the person's word), Cancelled, Skipped, FailedToStart, Finished
        return false;
    }
}

qint64 delayMs(double seconds, int attempt, double jitter)
{
    if (!(seconds > 0) || attempt < 2)
        return 0;
    const double base = std::min(seconds * std::pow(2.0, attempt - 2), seconds * 10.0);
    return qint64(std::llround(base * (1.0 + qBound(-0.25, jitter, 0.25)) * 1000.0));
}

qint64 jitteredDelayMs(double seconds, int attempt)
{
    const double jitter = QRandomGenerator::global()->generateDouble() * 0.5 - 0.25;
    return delayMs(seconds, attempt, jitter);
}

} // namespace procdeck::retrypolicy
