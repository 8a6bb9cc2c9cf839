#include "joboutput.h"

#include "types/jobrecord.h"
#include "textdecoder.h"

namespace procdeck {

JobOutput::JobOutput(const QString &outputDir, int seq, qsizetype tailLimit)
    : m_stdout(std::make_shared<OutputLog>(SpillName(outputDir, seq, "stdout"), tailLimit)),
      m_stderr(std::make_shared<OutputLog>(SpillName(outputDir, seq, "stderr"), tailLimit))
{
}

bool JobOutput::publish()
{
    const bool out = m_stdout->publish();
    return m_stderr->publish() || out;
}

void JobOutput::flush()
{
    m_stdout->flush();
    m_stderr->flush();
}

void JobOutput::shrinkTails(qsizetype bytes)
{
    m_stdout->shrinkTail(bytes);
    m_stderr->shrinkTail(bytes);
}

void JobOutput::close()
{
    m_stdout->endStream();
    m_stderr->endStream();
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
