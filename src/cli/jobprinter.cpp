#include "jobprinter.h"

#include "core/output/outputlog.h"
#include "core/process/job.h"
#include "core/types/rawbytes.h"
#include "outputsink.h"
#include "resultstable.h"

#include <tuple>

using namespace procdeck;
using Grouping = RunRequest::Grouping;

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
    if (m_grouping != Grouping::Group)
        return liveEnded(job, index, tagIndex);
    Printout p{capture(job.sharedStdoutLog()), capture(job.sharedStderrLog()),
               m_tags.value(tagIndex), QByteArray(), QString(), QByteArray(), QByteArray(), 0};
    if (m_printCommands)
        p.command = rawbytes::toBytes(job.commandLine()) + '\n';
    if (m_tableSep != 0) {
        p.row = resultstable::row(job, tagIndex + 1, m_tableSep);
        p.values = job.spec().values.size();
    }
    if (m_keeping) {
        p.keptIn = tagIndex < m_resultsOuts.size() ? m_resultsOuts.at(tagIndex)
                                                   : m_resultsName + QLatin1String("//");
        p.seq = QByteArray::number(tagIndex + 1);
    }
    if (!m_keepOrder) {
        if (!holdForGroup(index, p))
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

void JobPrinter::setGrouping(Grouping grouping, const QList<int> &groupOf)
{
    m_grouping = grouping;
    m_groupOf = groupOf;
    for (const int group : groupOf)
        ++m_groupSize[group];
}

bool JobPrinter::holdForGroup(int index, Printout p)
{
    if (index < 0 || index >= m_groupOf.size())
        return false;
    const int group = m_groupOf.at(index);
    QMap<int, Printout> &held = m_groupHeld[group];
    held.insert(index, std::move(p));
    if (held.size() < m_groupSize.value(group))
        return true;
    for (const Printout &each : std::as_const(held))
        print(each);
    m_groupHeld.remove(group);
    return true;
}

JobPrinter::Live &JobPrinter::live(const Job &job, int index, int tagIndex)
{
    auto it = m_live.find(index);
    if (it != m_live.end() && it->out == job.sharedStdoutLog())
        return *it;
    Live l; // a new job, or a new try of it: what the ended try printed stays printed
    l.out = job.sharedStdoutLog();
    l.err = job.sharedStderrLog();
    if (m_grouping == Grouping::LineBuffer) // -u prints no tags, as parallel's
        l.tag = m_tags.value(tagIndex);
    if (m_printCommands)
        l.command = rawbytes::toBytes(job.commandLine()) + '\n';
    return *m_live.insert(index, std::move(l));
}

void JobPrinter::jobOutput(const Job &job, int index, int tagIndex)
{
    if (m_grouping == Grouping::Group)
        return;
    Live &l = live(job, index, tagIndex);
    if (m_grouping == Grouping::Ungroup || !m_keepOrder || index == m_nextIndex)
        printLive(l);
}

void JobPrinter::liveEnded(const Job &job, int index, int tagIndex)
{
    Live &l = live(job, index, tagIndex);
    l.ended = true;
    if (m_grouping == Grouping::Ungroup || !m_keepOrder) {
        printLive(l);
        m_live.remove(index);
        return;
    }
    // -k: the first job not yet printed whole is printed live; the next one's turn comes
    // when it ends, with what it printed meanwhile.
    while (index == m_nextIndex) {
        auto it = m_live.find(m_nextIndex);
        if (it == m_live.end())
            return;
        printLive(*it);
        if (!it->ended)
            return;
        m_live.erase(it);
        index = ++m_nextIndex;
    }
}

void JobPrinter::printLive(Live &l)
{
    if (!l.commandPrinted && !l.command.isEmpty()) {
        m_out->write(l.command, l.tag);
        l.commandPrinted = true;
    }
    const bool wholeLines = !l.ended && m_grouping == Grouping::LineBuffer;
    for (const auto &[sink, log, at] : {std::tuple{m_out, &l.out, &l.outAt},
                                        std::tuple{m_err, &l.err, &l.errAt}}) {
        const OutputLog &stream = **log;
        if (stream.totalBytes() == 0)
            continue;
        if (stream.spillIsComplete())
            sink->writeGrowing(stream.spillPath(), stream.totalBytes(), *at, wholeLines, l.tag,
                               *log);
        else if (l.ended)
            sink->write(stream.tail(), l.tag); // all that is left; CliRunner says what was lost
    }
}

void JobPrinter::flushHeld()
{
    for (Live &l : m_live) { // jobs before them never ended
        l.ended = true;
        printLive(l);
    }
    m_live.clear();
    for (const Printout &p : std::as_const(m_held))
        print(p);
    m_held.clear();
    for (const QMap<int, Printout> &group : std::as_const(m_groupHeld)) // some never ended
        for (const Printout &p : group)
            print(p);
    m_groupHeld.clear();
}

void JobPrinter::keepInFiles(const QString &name, QStringList outs, bool printNames,
                             const QString &tempFolder)
{
    m_keeping = true;
    m_resultsName = name;
    m_resultsOuts = std::move(outs);
    m_printNames = printNames;
    m_tempFolder = tempFolder;
}

void JobPrinter::keep(const Printout &p)
{
    using KeepIn = OutputSink::KeepIn;
    const QByteArray tag = p.tag.isNull() ? QByteArray() : p.tag + '\t';
    const auto keepStream = [this](const KeepIn &where, const Stream &s) {
        m_out->keep(where, s.bytes, s.path, s.size, s.log);
    };
    if (m_resultsName.isEmpty()) // --files
        return keepStream(KeepIn{m_tempFolder, true, true, tag}, p.out);
    const bool folder = p.keptIn.endsWith(QLatin1Char('/'));
    const auto file = [&](const char *inFolder, const char *beside) {
        return folder ? p.keptIn + QLatin1String(inFolder) : p.keptIn + QLatin1String(beside);
    };
    m_out->keep(KeepIn{file("seq", ".seq"), false, false, {}}, p.seq);
    keepStream(KeepIn{file("stdout", ""), false, m_printNames, tag}, p.out);
    keepStream(KeepIn{file("stderr", ".err"), false, false, {}}, p.err);
}

void JobPrinter::writeTable(const QString &path, char sep, const QStringList &columnNames)
{
    m_tablePath = path;
    m_tableSep = sep;
    m_tableNames = columnNames;
}

void JobPrinter::printRow(const Printout &p)
{
    const QByteArray bytes = m_tableStarted
            ? p.row
            : resultstable::header(p.values, m_tableSep, m_tableNames) + p.row;
    if (m_tablePath.startsWith(QLatin1String("-.")))
        m_out->write(bytes);
    else
        m_out->keep(OutputSink::KeepIn{m_tablePath, false, false, {}, m_tableStarted}, bytes);
    m_tableStarted = true;
}

void JobPrinter::print(const Printout &p)
{
    if (m_tableSep != 0)
        return printRow(p);
    if (m_keeping)
        return keep(p);
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
