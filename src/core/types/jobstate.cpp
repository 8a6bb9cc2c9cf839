#include "jobstate.h"

#include <array>

namespace procdeck {

namespace {
struct StateName {
    JobState state;
    const char *key;
};
constexpr std::array<StateName, 11> kStateNames{{
    {JobState::Queued, "queued"},
    {JobState::Running, "running"},
    {JobState::Paused, "paused"},
    {JobState::Finished, "finished"},
    {JobState::Failed, "failed"},
    {JobState::TimedOut, "timed_out"},
    {JobState::Killed, "killed"},
    {JobState::Crashed, "crashed"},
    {JobState::FailedToStart, "failed_to_start"},
    {JobState::Cancelled, "cancelled"},
    {JobState::Skipped, "skipped"},
}};
} // namespace

bool isAllowedTransition(JobState from, JobState to)
{
    switch (from) {
    case JobState::Queued:
        return to == JobState::Running || to == JobState::FailedToStart || to == JobState::Cancelled
            || to == JobState::Skipped;
    case JobState::Running:
        // Cancelled or skipped too: a job handed to the engine is running here from the
        // hand-over, and the engine may cancel or skip it while it waits there, never run.
        return to != JobState::Running;
    case JobState::Paused:
        return to == JobState::Running || to == JobState::Finished || to == JobState::Failed
            || to == JobState::TimedOut || to == JobState::Killed || to == JobState::Crashed;
    default:
        return false; // terminal
    }
}

QString stateKey(JobState s)
{
    for (const auto &n : kStateNames)
        if (n.state == s)
            return QString::fromLatin1(n.key);
    return {};
}

bool stateFromKey(const QString &key, JobState *out)
{
    for (const auto &n : kStateNames) {
        if (key == QLatin1String(n.key)) {
            *out = n.state;
            return true;
        }
    }
    return false;
}

JobState endStateAfterExit(const ExitFacts &facts)
{
    if (facts.readFailed)
        return JobState::Failed;
    if (facts.killRequested)
        return JobState::Killed;
    if (facts.killedForTimeout)
        return JobState::TimedOut;
    if (facts.crashed && facts.signalSent)
        return JobState::Killed;
    if (facts.crashed)
        return JobState::Crashed;
    return facts.exitCode == 0 ? JobState::Finished : JobState::Failed;
}

} // namespace procdeck
