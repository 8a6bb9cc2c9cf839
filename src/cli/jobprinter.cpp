#include "jobprinter.h"

#include "core/process/job.h"
#include "core/types/rawbytes.h"
#include "outputsink.h"

using namespace procdeck;

JobPrinter::JobPrinter(OutputSink *out, OutputSink *err, bool keepOrder, QList<QByteArray> tags)
    : m_out(out), m_err(err), m_keepOrder(keepOrder), m_tags(std::move(tags))
{
}

JobPrinter::Stream JobPrinter::capture(const std::shared_ptr<OutputLog> &log)
{
    Stream s;
    if (log->totalBytes() == 0)
        return s;
    if (log->spillIsComplete()) {
        s.path = log->spillPath();
        s.size = log->totalBytes();
        s.log = log;
    } else {
        s.bytes = log->tail(); // all that is left; CliRunner says what was lost
    }
    return s;
}

void JobPrinter::jobEnded(const Job &job, int index, int tagIndex)
{
    Printout p{capture(job.sharedStdoutLog()), capture(job.sharedStderrLog()),
               m_tags.value(tagIndex), QByteArray()};
    if (m_printCommands)
        p.command = rawbytes::toBytes(job.commandLine()) + '\n';
    if (!m_keepOrder) {
        print(p);
        return;
    }
    m_held.insert(index, std::move(p));
    for (auto it = m_held.begin(); it != m_held.end() && it.key() == m_nextIndex;
         it = m_held.erase(it)) {
        print(it.value());
        ++m_nextIndex;
    }
}

void JobPrinter::flushHeld()
{
    for (const Printout &p : std::as_const(m_held))
        print(p);
    m_held.clear();
}

void JobPrinter::print(const Printout &p)
{
    if (!p.command.isEmpty())
        m_out->write(p.command, p.tag);
    for (const auto &[sink, stream] : {std::pair{m_out, &p.out}, std::pair{m_err, &p.err}}) {
        if (!stream->path.isEmpty())
            sink->writeFile(stream->path, stream->size, p.tag, stream->log);
        else
            sink->write(stream->bytes, p.tag);
    }
}

QList<QByteArray> JobPrinter::tagBytes(const QStringList &tags)
{
    QList<QByteArray> out;
    out.reserve(tags.size());
    // Not null even when empty: an empty tag still writes its TAB, as parallel's.
    for (const QString &tag : tags)
        out << (tag.isEmpty() ? QByteArray("", 0) : procdeck::rawbytes::toBytes(tag));
    return out;
}
