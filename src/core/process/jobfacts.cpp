#include "jobfacts.h"

#include "output/joboutput.h"
#include "remoterun.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <sys/resource.h>

namespace procdeck {

JobFacts::JobFacts(int seq, JobSpec spec, const QString &outputDir, qsizetype tailLimit)
    : m_seq(seq),
      m_spec(std::move(spec)),
      m_commandLine(m_spec.commandLine()),
      m_displayName(m_spec.label.isEmpty() ? m_commandLine : m_spec.label),
      m_sortName(m_displayName.toCaseFolded()),
      m_output(std::make_unique<JobOutput>(outputDir, seq, tailLimit)),
      m_queuedAt(QDateTime::currentDateTimeUtc())
{
    // What the child's nice() makes of it (ProcDeck's own niceness read once: it never changes).
    static const int own = ::getpriority(PRIO_PROCESS, 0);
    m_nice = std::clamp(own + m_spec.nice, -20, 19);
}

JobFacts::~JobFacts() = default;

qint64 JobFacts::elapsedMs() const
{
    return isAlive(m_state) && m_clock.isValid() ? m_clock.elapsed() + m_clockOffsetMs
                                                 : m_durationMs;
}

const OutputLog &JobFacts::stdoutLog() const { return m_output->stdoutLog(); }
const OutputLog &JobFacts::stderrLog() const { return m_output->stderrLog(); }
std::shared_ptr<OutputLog> JobFacts::sharedStdoutLog() const { return m_output->sharedStdout(); }
std::shared_ptr<OutputLog> JobFacts::sharedStderrLog() const { return m_output->sharedStderr(); }
bool JobFacts::outputWritten() const { return m_output->isWritten(); }
void JobFacts::shrinkTails(qsizetype bytes) { m_output->shrinkTails(bytes); }
QString JobFacts::stdoutText() const { return m_output->stdoutText(m_spec.encoding); }
QString JobFacts::stderrText() const { return m_output->stderrText(m_spec.encoding); }

std::optional<JobState> JobFacts::remoteEnd()
{
    if (m_remote->failedToStart()) { // its error says why (the worker's or the engine's words)
        m_exitCode = -1; // nothing ran to exit
        return JobState::FailedToStart;
    }
    JobState state = JobState::Failed;
    if (!m_remote->endStateThere(&state))
        return std::nullopt;
    if (const qint64 ms = m_remote->runMsThere(); ms >= 0)
        m_durationMs = ms;
    m_timedOut = m_timedOut || state == JobState::TimedOut;
    return state;
}

JobSpec JobFacts::specAsRun() const
{
    return m_spec.slotAt.isEmpty() ? m_spec : m_spec.withSlot(qMax(1, m_slot));
}

JobSpec JobFacts::specToRun()
{
    if (m_spec.slotAt.isEmpty())
        return m_spec;
    const JobSpec spec = m_spec.withSlot(qMax(1, m_slot)); // started alone: the one slot
    m_commandLine = spec.commandLine();
    m_displayName = spec.displayName();
    m_sortName = m_displayName.toCaseFolded();
    return spec;
}

JobRecord JobFacts::record() const
{
    JobRecord r;
    r.seq = m_seq;
    r.batchId = m_batchId;
    r.command = m_commandLine;
    r.label = m_spec.label;
    r.state = m_state;
    r.exitCode = m_exitCode;
    r.signal = m_signal;
    r.timedOut = m_timedOut;
    r.queuedAt = m_queuedAt;
    r.startedAt = m_startedAt;
    r.finishedAt = m_finishedAt;
    r.durationMs = elapsedMs();
    r.pid = m_pid;
    r.stdinBytes = m_spec.standardInputFile.isEmpty() ? m_spec.standardInput.size()
                                                      : QFileInfo(m_spec.standardInputFile).size();
    m_output->fillRecord(r);
    r.encoding = m_spec.encoding;
    r.cwd = m_spec.workingDirectory.isEmpty() ? QDir::currentPath() : m_spec.workingDirectory;
    r.error = m_error;
    QStringList notes = m_notes + m_output->notes();
    if (m_state == JobState::Queued && !m_links.heldBy.isEmpty())
        notes.prepend(m_links.heldBy); // why it has not started: --status and the exports say
    r.notes = notes.join(QLatin1String("; "));
    r.peakRssKb = m_usage.peakRssKb;
    r.cpuSeconds = m_usage.cpuSeconds;
    r.ioReadBytes = m_usage.ioReadBytes;
    r.ioWriteBytes = m_usage.ioWriteBytes;
    RemoteRun::describe(m_remote.get(), &r); // executor, host, slurm_job_id
    r.setSteering(pausedMs(), attempt(), m_spec.id, m_spec.after, m_spec.afterSuccess);
    r.signalled = m_signalled;
    r.nice = m_nice;
    return r;
}

bool JobFacts::pendingOnCluster() const
{
    return m_state == JobState::Running && m_remote && m_remote->pendingOnCluster();
}

qint64 JobFacts::shownPid() const
{
    if (m_pid > 0)
        return m_pid;
    return m_remote ? m_remote->leaderPidHere() : 0;
}

} // namespace procdeck
