#include "joboutput.h"

#include "types/jobrecord.h"
#include "textdecoder.h"

namespace procdeck {

namespace {

/// The one log of every stream that has none of its own (its job's not started, or it ended
/// empty): ended, never written to, read from any thread.
const std::shared_ptr<OutputLog> &sharedEmptyLog()
{
    static const std::shared_ptr<OutputLog> empty = [] {
        auto log = std::make_shared<OutputLog>(SpillName(), 0);
        log->endStream();
        return log;
    }();
    return empty;
}

} // namespace

JobOutput::JobOutput(const QString &outputDir, int seq, qsizetype tailLimit)
    : m_stdout(sharedEmptyLog()),
      m_stderr(sharedEmptyLog()),
      m_outputDir(outputDir),
      m_tailLimit(tailLimit),
      m_seq(seq)
{
}

void JobOutput::open()
{
    if (m_stdout == sharedEmptyLog())
        m_stdout = std::make_shared<OutputLog>(SpillName(m_outputDir, m_seq, "stdout"),
                                               m_tailLimit);
    if (m_stderr == sharedEmptyLog())
        m_stderr = std::make_shared<OutputLog>(SpillName(m_outputDir, m_seq, "stderr"),
                                               m_tailLimit);
}

std::array<OutputLog *, 2> JobOutput::ownLogs() const
{
    const auto own = [](const std::shared_ptr<OutputLog> &log) {
        return log == sharedEmptyLog() ? nullptr : log.get();
    };
    return {own(m_stdout), own(m_stderr)};
}

bool JobOutput::publish()
{
    bool more = false;
    for (OutputLog *log : ownLogs())
        more = (log && log->publish()) || more;
    return more;
}

void JobOutput::flush()
{
    for (OutputLog *log : ownLogs()) {
        if (log)
            log->flush();
    }
}

void JobOutput::shrinkTails(qsizetype bytes)
{
    m_tailLimit = qMin(m_tailLimit, qMax<qsizetype>(bytes, 0));
    for (OutputLog *log : ownLogs()) {
        if (log)
            log->shrinkTail(bytes);
    }
}

void JobOutput::close()
{
    for (OutputLog *log : ownLogs()) {
        if (log)
            log->endStream();
    }
}

void JobOutput::shareEmptyLogs()
{
    for (std::shared_ptr<OutputLog> *log : {&m_stdout, &m_stderr}) {
        if (*log != sharedEmptyLog() && (*log)->endedEmpty())
            *log = sharedEmptyLog();
    }
}

bool JobOutput::isWritten() const
{
    return m_stdout->isWritten() && m_stderr->isWritten();
}

QStringList JobOutput::notes() const
{
    QStringList notes;
    for (const OutputLog *log : {m_stdout.get(), m_stderr.get()}) {
        const QString error = log->spillError();
        if (!error.isEmpty())
            notes << QStringLiteral("the complete %1 could not be kept (%2); only its last %3 "
                                    "bytes were")
                         .arg(log == m_stdout.get() ? QStringLiteral("stdout")
                                                    : QStringLiteral("stderr"),
                              error)
                         .arg(log->tailLimit());
    }
    return notes;
}

QString JobOutput::stdoutText(const QString &encoding) const
{
    return TextDecoder::decodeAll(encoding, m_stdout->tail());
}

QString JobOutput::stderrText(const QString &encoding) const
{
    return TextDecoder::decodeAll(encoding, m_stderr->tail());
}

void JobOutput::fillRecord(JobRecord &r) const
{
    r.stdoutBytes = m_stdout->totalBytes();
    r.stderrBytes = m_stderr->totalBytes();
    r.stdoutLines = m_stdout->lineCount();
    r.stderrLines = m_stderr->lineCount();
    // A path only when the file holds the whole stream: a truncated file must not pass for it.
    r.stdoutPath = m_stdout->spillIsComplete() ? m_stdout->spillPath() : QString();
    r.stderrPath = m_stderr->spillIsComplete() ? m_stderr->spillPath() : QString();
}

} // namespace procdeck
