#include "endreason.h"

#include "core/process/job.h"
#include "core/process/processgroup.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstring>

namespace procdeck::app {

using procdeck::Job;
using procdeck::JobState;

namespace {
/// "SIGSEGV (Segmentation fault)": the name people search for, and what it means.
QString describeSignal(int signal)
{
    const QString name = procdeck::processgroup::signalName(signal);
    const char *meaning = ::strsignal(signal);
    return meaning ? QStringLiteral("%1 (%2)").arg(name, QString::fromLocal8Bit(meaning)) : name;
}

QString seconds(double s)
{
    return QLocale().toString(s, 'g', 6);
}
} // namespace

QString EndReason::summary(const Job &job)
{
    const int signal = job.signal();
    switch (job.state()) {
    case JobState::Queued:
        return {};
    case JobState::Running:
        return job.timedOut() ? tr("Its timeout of %1 s expired; it is left running, as asked.").arg(seconds(job.spec().timeoutSeconds))
                              : QString();
    case JobState::Finished:
        return job.timedOut() ? tr("Exited with code 0, after its timeout of %1 s had expired.").arg(seconds(job.spec().timeoutSeconds))
                              : tr("Exited with code 0.");
    case JobState::Failed:
        return job.timedOut() ? tr("Exited with code %1, after its timeout of %2 s had expired.")
                                    .arg(job.exitCode())
                                    .arg(seconds(job.spec().timeoutSeconds))
                              : tr("Exited with code %1.").arg(job.exitCode());
    case JobState::TimedOut:
        if (signal > 0)
            return tr("Timed out after %1 s: ended by %2.").arg(seconds(job.spec().timeoutSeconds), procdeck::processgroup::signalName(signal));
        return tr("Timed out after %1 s.").arg(seconds(job.spec().timeoutSeconds));
    case JobState::Killed:
        if (signal > 0)
            return tr("Killed by you: ended by %1.").arg(procdeck::processgroup::signalName(signal));
        return tr("Killed by you.");
    case JobState::Crashed:
        return tr("Crashed: ended by %1, which ProcDeck did not send.").arg(describeSignal(signal));
    case JobState::FailedToStart:
        return job.error().isEmpty() ? tr("Failed to start.") : tr("Failed to start: %1").arg(job.error());
    case JobState::Cancelled:
        return job.error().isEmpty() ? tr("Cancelled before it started.") : tr("Cancelled before it started: %1").arg(job.error());
    case JobState::Paused:
        return tr("Paused (its whole process tree is stopped); its timeout's clock is stopped too.");
    case JobState::Skipped:
        return tr("Never ran: %1").arg(job.error());
    }
    return {};
}

QString EndReason::details(const Job &job)
{
    const procdeck::JobRecord record = job.record();
    QStringList parts;
    if (!record.error.isEmpty() && job.state() != JobState::FailedToStart && job.state() != JobState::Skipped
        && job.state() != JobState::Cancelled)
        parts << record.error;
    if (!record.notes.isEmpty())
        parts << record.notes;
    return parts.join(QLatin1String("; "));
}

} // namespace procdeck::app
