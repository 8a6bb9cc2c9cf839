#include "jobfacts.h"

#include "output/joboutput.h"
#include "remoterun.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <sys/resource.h>

namespace procdeck {

namespace {

/// Whether the job's slot is only known as it starts: {%} in its command, or GNU parallel's
/// $PARALLEL_JOBSLOT in its environment without a value (JobSpec::withSlot() fills both).
bool namesSlot(const JobSpec &spec)
{
    return !spec.slotAt.isEmpty()
            || spec.environment.contains(QLatin1String("PARALLEL_JOBSLOT="));
}

} // namespace

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
        // Cancelled or skipped there before it ran: the engine's word, not a failure to start.
        JobState there = JobState::FailedToStart;
        const bool neverRan = m_remote->endStateThere(&there)
                              && (there == JobState::Cancelled || there == JobState::Skipped);
        return neverRan ? there : JobState::FailedToStart;
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
    return namesSlot(m_spec) ? m_spec.withSlot(qMax(1, m_slot)) : m_spec;
}

JobSpec JobFacts::specToRun()
{
    if (!namesSlot(m_spec))
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
    const bool unfetched = takeCountsThere(r);
    r.encoding = m_spec.encoding;
    r.cwd = m_spec.workingDirectory.isEmpty() ? QDir::currentPath() : m_spec.workingDirectory;
    r.error = m_error;
    QStringList notes = m_notes + m_output->notes();
    if (unfetched) // its text is not in what is exported: say so where the export is read
        notes << QStringLiteral("its output (%1 bytes) was not fetched from the engine: only "
                                "its counts are here")
                         .arg(r.stdoutBytes + r.stderrBytes);
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
    r.values = m_spec.values;
    return r;
}

qint64 JobFacts::countedThere(const std::array<qint64, 2> &counts)
{
    if (counts[0] < 0 && counts[1] < 0)
        return -1;
    return qMax<qint64>(counts[0], 0) + qMax<qint64>(counts[1], 0);
}

bool JobFacts::takeCountsThere(JobRecord &r) const
{
    // A row made ended whose output was not fetched: the figures are the engine's, as its
    // Output cell's are (every figure shown is the one the export writes).
    if (outputBytesThere() < 0)
        return false;
    r.stdoutBytes = qMax(r.stdoutBytes, m_outputBytesThere[0]);
    r.stderrBytes = qMax(r.stderrBytes, m_outputBytesThere[1]);
    r.stdoutLines = qMax(r.stdoutLines, m_outputLinesThere[0]);
    r.stderrLines = qMax(r.stderrLines, m_outputLinesThere[1]);
    const qint64 logged = stdoutLog().totalBytes() + stderrLog().totalBytes();
    return r.stdoutBytes + r.stderrBytes > logged;
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
