// What a Job reports of itself: its record (the figures every view and export shares), its
// output as text, and its usage samples.
#include "job.h"

#include "textdecoder.h"

#include <QDir>
#include <QFileInfo>

namespace procdeck {

void Job::addUsageSample(double cpuPercent, qint64 rssKb, double cpuSeconds, int processes)
{
    m_usage.add(cpuPercent, rssKb, cpuSeconds, processes);
    emit usageChanged(this);
}

QString Job::stdoutText() const
{
    return TextDecoder::decodeAll(m_spec.encoding, m_stdout->tail());
}

QString Job::stderrText() const
{
    return TextDecoder::decodeAll(m_spec.encoding, m_stderr->tail());
}

JobRecord Job::record() const
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
    r.stdoutBytes = m_stdout->totalBytes();
    r.stderrBytes = m_stderr->totalBytes();
    r.stdoutLines = m_stdout->lineCount();
    r.stderrLines = m_stderr->lineCount();
    r.encoding = m_spec.encoding;
    r.cwd = m_spec.workingDirectory.isEmpty() ? QDir::currentPath() : m_spec.workingDirectory;
    r.error = m_error;
    r.notes = m_notes.join(QLatin1String("; "));
    r.peakRssKb = m_usage.peakRssKb;
    r.cpuSeconds = m_usage.cpuSeconds;
    // A path only when the file holds the whole stream: a truncated file must not pass for it.
    r.stdoutPath = m_stdout->spillIsComplete() ? m_stdout->spillPath() : QString();
    r.stderrPath = m_stderr->spillIsComplete() ? m_stderr->spillPath() : QString();
    return r;
}

} // namespace procdeck
