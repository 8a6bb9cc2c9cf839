#include "endreason.h"

#include "job.h"
#include "processgroup.h"

#include <QLocale>

#include <cmath>
#include <csignal>
#include <cstring>

namespace procdeck {

namespace {
/// "SIGSEGV (Segmentation fault)": the name people search for, and what it means.
QString describeSignal(int signal)
{
    const QString name = processgroup::signalName(signal);
    const char *meaning = ::strsignal(signal);
    return meaning ? QStringLiteral("%1 (%2)").arg(name, QString::fromLocal8Bit(meaning)) : name;
}

QString timeout(double s)
{
    return QLocale().toString(s, 'g', 6);
}

/// The error is the summary's own words for these states.
bool summaryTellsError(JobState state)
{
    return state == JobState::FailedToStart || state == JobState::Skipped
        || state == JobState::Cancelled;
}
} // namespace

QString EndReason::stateWord(JobState state, bool timedOut)
{
    switch (state) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return timedOut ? tr("Timed out (still running)") : tr("Running");
    case JobState::Paused: return tr("Paused");
    case JobState::Skipped: return tr("Skipped");
    case JobState::Finished: return tr("Finished");
    case JobState::Failed: return tr("Failed");
    case JobState::TimedOut: return tr("Timed out");
    case JobState::Killed: return tr("Killed");
    case JobState::Crashed: return tr("Crashed");
    case JobState::FailedToStart: return tr("Failed to start");
    case JobState::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString EndReason::seconds(qint64 ms)
{
    const double tenths = std::round(double(ms) / 100.0);
    return QLocale().toString(tenths / 10.0, 'f', qint64(tenths) % 10 == 0 ? 0 : 1);
}

QString EndReason::story(const JobRecord &r)
{
    QStringList steps;
    const EndSignals &sent = r.signalled;
    if (sent.termMs >= 0)
        steps << tr("SIGTERM at %1 s").arg(seconds(sent.termMs));
    if (sent.killMs >= 0)
        steps << (sent.termMs >= 0 ? tr("still running at %1 s, SIGKILL") : tr("SIGKILL at %1 s"))
                     .arg(seconds(sent.killMs));
    if (steps.isEmpty())
        return r.signal > 0 && (r.signalled.sent(r.signal) || r.state == JobState::Crashed)
                ? whoSent(r)
                : QString();
    // How it ended, when that was not the last signal sent.
    const int last = sent.killMs >= 0 ? SIGKILL : SIGTERM;
    if (r.signal > 0 && r.signal != last)
        steps << tr("it ended by %1").arg(processgroup::signalName(r.signal));
    else if (r.signal <= 0 && r.exitCode >= 0 && isTerminal(r.state))
        steps << tr("it exited with code %1 at %2 s").arg(r.exitCode).arg(seconds(r.durationMs));
    return steps.join(tr(", "));
}

QString EndReason::whoSent(const JobRecord &r)
{
    const QString name = processgroup::signalName(r.signal);
    if (r.signalled.sent(r.signal))
        return tr("ended by %1 — sent from ProcDeck").arg(name);
    if (r.signalled.oomKillRose)
        return tr("ended by %1 — not sent by ProcDeck; probably the kernel's out-of-memory killer")
                .arg(name);
    return tr("ended by %1 — not sent by ProcDeck").arg(name);
}

QString EndReason::timedOutSummary(const JobRecord &r, double timeoutSeconds,
                                   const QString &told)
{
    if (!told.isEmpty()) // its SIGTERM went at its timeout
        return tr("Timed out: %1.").arg(told);
    const QString signal = r.signal > 0 ? processgroup::signalName(r.signal) : QString();
    if (timeoutSeconds <= 0) // not known here (a report, the history)
        return signal.isEmpty() ? tr("Timed out.") : tr("Timed out: ended by %1.").arg(signal);
    if (!signal.isEmpty())
        return tr("Timed out after %1 s: ended by %2.").arg(timeout(timeoutSeconds), signal);
    return tr("Timed out after %1 s.").arg(timeout(timeoutSeconds));
}

QString EndReason::summary(const JobRecord &r, double timeoutSeconds)
{
    QString told = story(r);
    switch (r.state) {
    case JobState::Queued:
        return {};
    case JobState::Running:
        if (!r.timedOut)
            return {};
        if (!told.isEmpty()) // its timeout's SIGTERM went; the end is on its way
            return tr("Timed out: %1; it is ending.").arg(told);
        return tr("Its timeout of %1 s expired; it is left running, as asked.")
            .arg(timeout(timeoutSeconds));
    case JobState::Finished:
        if (r.timedOut && timeoutSeconds <= 0)
            return tr("Exited with code 0, after its timeout had expired.");
        return r.timedOut ? tr("Exited with code 0, after its timeout of %1 s had expired.")
                                .arg(timeout(timeoutSeconds))
                          : tr("Exited with code 0.");
    case JobState::Failed:
        if (r.exitCode < 0 && !r.error.isEmpty())
            return tr("Failed: %1").arg(r.error);
        if (r.timedOut && timeoutSeconds <= 0)
            return tr("Exited with code %1, after its timeout had expired.").arg(r.exitCode);
        return r.timedOut ? tr("Exited with code %1, after its timeout of %2 s had expired.")
                                .arg(r.exitCode)
                                .arg(timeout(timeoutSeconds))
                          : tr("Exited with code %1.").arg(r.exitCode);
    case JobState::TimedOut:
        return timedOutSummary(r, timeoutSeconds, told);
    case JobState::Killed:
        if (!told.isEmpty())
            return tr("Killed: %1.").arg(told); // by the person, a halt or quitting
        if (r.signal > 0)
            return tr("Killed by you: ended by %1.").arg(processgroup::signalName(r.signal));
        return tr("Killed by you.");
    case JobState::Crashed:
        // "ended by SIGSEGV (Segmentation fault) — not sent by ProcDeck": what it means too.
        return tr("Crashed: %1.").arg(told.replace(processgroup::signalName(r.signal),
                                                    describeSignal(r.signal)));
    case JobState::FailedToStart:
        return r.error.isEmpty() ? tr("Failed to start.") : tr("Failed to start: %1").arg(r.error);
    case JobState::Cancelled:
        return r.error.isEmpty() ? tr("Cancelled before it started.")
                                 : tr("Cancelled before it started: %1").arg(r.error);
    case JobState::Paused:
        return tr("Paused (its whole process tree is stopped); its timeout's clock is stopped "
                  "too.");
    case JobState::Skipped:
        return tr("Skipped: %1.").arg(r.error);
    }
    return {};
}

QString EndReason::summary(const Job &job)
{
    return summary(job.record(), job.spec().timeoutSeconds);
}

QString EndReason::details(const JobRecord &r)
{
    QStringList parts;
    const bool told = summaryTellsError(r.state) || (r.state == JobState::Failed && r.exitCode < 0);
    if (!r.error.isEmpty() && !told)
        parts << r.error;
    if (!r.notes.isEmpty())
        parts << r.notes;
    if (const QString slurm = slurmWords(r.slurmState); !slurm.isEmpty())
        parts << slurm;
    return parts.join(QLatin1String("; "));
}

QString EndReason::slurmWords(const QString &state)
{
    // What "exited with code 1" or a SIGKILL does not say: why Slurm ended it.
    if (state.isEmpty() || state == QLatin1String("COMPLETED"))
        return {};
    if (state == QLatin1String("TIMEOUT"))
        return tr("Slurm ended it at its time limit (TIMEOUT)");
    if (state == QLatin1String("OUT_OF_MEMORY"))
        return tr("Slurm ended it for using more memory than it asked for (OUT_OF_MEMORY)");
    if (state == QLatin1String("NODE_FAIL"))
        return tr("its node failed (NODE_FAIL)");
    if (state == QLatin1String("PREEMPTED"))
        return tr("Slurm preempted it for another job (PREEMPTED)");
    if (state == QLatin1String("CANCELLED"))
        return tr("cancelled on the cluster (CANCELLED)");
    return tr("Slurm's final state: %1").arg(state);
}

QString EndReason::details(const Job &job)
{
    return details(job.record());
}

QString EndReason::exportNotes(const JobRecord &r)
{
    const QString told = story(r);
    if (told.isEmpty())
        return r.notes;
    return r.notes.isEmpty() ? told : told + QLatin1String("; ") + r.notes;
}

} // namespace procdeck
