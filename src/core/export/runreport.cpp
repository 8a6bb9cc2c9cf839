// The readable run reports (text and HTML): per batch its wall time, the sum of its jobs' times
// and the speed-up; per job its state, exit, times, bytes and last lines. Failures come first.
#include "runlog.h"
#include "scheduling/batchtally.h"
#include "output/ansitext.h"
#include "process/endreason.h"

#include <QLocale>
#include <QMap>

#include <algorithm>

namespace procdeck::runlog {

namespace {

constexpr int kLastLines = 10;
/// A line of the last ones longer than this and some room is cut to this many characters: a 3 MB
/// line of one character made the report a page of it. (The room lets a line cut once, its note
/// included, pass a second time unchanged: the reports take the lines the export kept.)
constexpr qsizetype kLineChars = 300;
constexpr qsizetype kLineRoom = 40;

/// One batch's figures (BatchTally's: the speed-up is worked out in one place).
struct BatchFigures {
    int batchId = 0;
    BatchStats stats;
};

QList<BatchFigures> batchFigures(const QList<ExportEntry> &entries)
{
    QMap<int, BatchTally> byBatch;
    for (const ExportEntry &e : entries)
        byBatch[e.record.batchId].addRecord(e.record);
    QList<BatchFigures> figures;
    for (auto it = byBatch.cbegin(); it != byBatch.cend(); ++it)
        figures.append({it.key(), it->stats()});
    return figures;
}

/// Failures first, then by job number.
QList<ExportEntry> failuresFirst(QList<ExportEntry> entries)
{
    const auto before = [](const ExportEntry &a, const ExportEntry &b) {
        const bool aFailed = !isSuccess(a.record.state);
        const bool bFailed = !isSuccess(b.record.state);
        if (aFailed != bFailed)
            return aFailed;
        return a.record.seq < b.record.seq;
    };
    std::stable_sort(entries.begin(), entries.end(), before);
    return entries;
}

QString lastLines(const QString &text, int count)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    lines = lines.mid(qMax<qsizetype>(0, lines.size() - count));
    for (QString &line : lines) {
        if (line.size() > kLineChars + kLineRoom)
            line = line.left(kLineChars) + QStringLiteral(" … (%1 more characters)")
                                               .arg(line.size() - kLineChars);
    }
    return lines.join(QLatin1Char('\n'));
}

/// The window's words: the end told in order ("Timed out: SIGTERM at 1 s, …"), else its state.
QString outcome(const JobRecord &r)
{
    const QString why = EndReason::summary(r, 0);
    return why.isEmpty() ? EndReason::stateWord(r.state, r.timedOut) : why;
}

/// The HTML report's State cell: the window's state word, the end told below it.
QString stateCell(const JobRecord &r)
{
    const QString state = EndReason::stateWord(r.state, r.timedOut).toHtmlEscaped();
    const QString why = EndReason::summary(r, 0);
    return why.isEmpty() ? QStringLiteral("<b>%1</b>").arg(state)
                         : QStringLiteral("<b>%1</b><br>%2").arg(state, why.toHtmlEscaped());
}

/// A time as the window shows it: this computer's local time.
QString localTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : QStringLiteral("-");
}

QString zoneLine()
{
    return QStringLiteral("Times are this computer's local time (%1).")
        .arg(QDateTime::currentDateTime().timeZoneAbbreviation());
}

QString secs(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3) + QStringLiteral(" s");
}

QString batchName(int batchId)
{
    return batchId > 0 ? QStringLiteral("Batch %1").arg(batchId) : QStringLiteral("Single jobs");
}

QString plural(qint64 n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

QString batchLine(const BatchFigures &b)
{
    const QString counts = QStringLiteral("%1 (%2 succeeded, %3 failed)")
                               .arg(plural(b.stats.total, "job", "jobs"))
                               .arg(b.stats.succeeded)
                               .arg(b.stats.total - b.stats.succeeded);
    // Jobs added one by one were not run as a group: their wall time and "speed-up" would
    // compare unrelated jobs (×0.07 for two jobs an hour apart), so they get neither.
    if (b.batchId == 0)
        return counts + QStringLiteral(" · %1 of work").arg(secs(b.stats.workMs));
    return counts + QStringLiteral(" · %1 of work in %2 wall time · speed-up ×%3")
                        .arg(secs(b.stats.workMs), secs(b.stats.wallMs))
                        .arg(b.stats.speedup(), 0, 'f', 2);
}

/// Peak RSS as sampled; a job that ended before the first sample has none.
QString peakRss(const JobRecord &r)
{
    return r.peakRssKb > 0 ? QStringLiteral("%1 KiB").arg(r.peakRssKb)
                           : QStringLiteral("not measured");
}

/// Storage bytes read and written by the tree; a job never measured has none.
QString storageIo(const JobRecord &r)
{
    if (r.ioReadBytes < 0 || r.ioWriteBytes < 0)
        return QStringLiteral("storage I/O not measured");
    return QStringLiteral("storage read %1 · written %2")
            .arg(plural(r.ioReadBytes, "byte", "bytes"), plural(r.ioWriteBytes, "byte", "bytes"));
}

QString timesLine(const JobRecord &r)
{
    return QStringLiteral("started %1 · finished %2 · %3")
        .arg(localTime(r.startedAt), localTime(r.finishedAt), secs(r.durationMs));
}

QString bytesLine(const JobRecord &r)
{
    return QStringLiteral("stdout %1 / %2 · stderr %3 / %4 · peak RSS %5 · CPU %6 s · %7")
        .arg(plural(r.stdoutBytes, "byte", "bytes"), plural(r.stdoutLines, "line", "lines"),
             plural(r.stderrBytes, "byte", "bytes"), plural(r.stderrLines, "line", "lines"),
             peakRss(r))
        .arg(r.cpuSeconds, 0, 'f', 3)
        .arg(storageIo(r));
}

/// The HTML report's head, its style and its title.
QString htmlHead()
{
    return QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>ProcDeck run report</title>\n"
            "<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
            "h1{font-size:1.4em}table{border-collapse:collapse;margin:1em 0}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
            "th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}"
            ".finished{color:#2e7d32}.failed,.failed_to_start,.crashed{color:#c62828}"
            ".timed_out{color:#b86e00}.killed{color:#6a1b9a}.cancelled{color:#777}"
            "pre{background:#f7f7f7;padding:6px;margin:4px 0;white-space:pre-wrap}"
            "pre.stderr{background:#fff3f3}</style></head><body>\n<h1>ProcDeck run report</h1>\n");
}

/// The table of batches: jobs, successes, time.
QString htmlBatchTable(const QList<ExportEntry> &entries)
{
    QString out = QStringLiteral(
            "<table><tr><th>Batch</th><th>Jobs</th><th>Succeeded</th><th>Failed</th>"
            "<th>Σ job time</th><th>Wall time</th><th>Speed-up</th></tr>\n");
    for (const BatchFigures &b : batchFigures(entries)) {
        const bool batch = b.batchId > 0; // single jobs: no wall time or speed-up across them
        const QString speedup = batch ? QStringLiteral("×%1").arg(b.stats.speedup(), 0, 'f', 2)
                                      : QStringLiteral("–");
        out += QStringLiteral("<tr><td>%1</td><td class=num>%2</td><td class=num>%3</td>"
                              "<td class=num>%4</td><td class=num>%5</td><td class=num>%6</td>"
                              "<td class=num>%7</td></tr>\n")
                       .arg(batchName(b.batchId))
                       .arg(b.stats.total)
                       .arg(b.stats.succeeded)
                       .arg(b.stats.total - b.stats.succeeded)
                       .arg(secs(b.stats.workMs),
                            batch ? secs(b.stats.wallMs) : QStringLiteral("–"), speedup);
    }
    return out + QStringLiteral("</table>\n");
}

/// A job's row in the table of jobs, its error, notes and last lines under its command.
QString htmlJobRow(const ExportEntry &e)
{
    const JobRecord &r = e.record;
    QString out = QStringLiteral("<tr><td class=num>%1</td><td><code>%2</code>")
                          .arg(r.seq)
                          .arg(r.command.toHtmlEscaped());
    if (!r.error.isEmpty())
        out += QStringLiteral("<br>error: %1").arg(r.error.toHtmlEscaped());
    if (!r.notes.isEmpty())
        out += QStringLiteral("<br><small>%1</small>").arg(r.notes.toHtmlEscaped());
    const QString tailOut = lastLines(e.stdoutString(), kLastLines);
    const QString tailErr = lastLines(e.stderrString(), kLastLines);
    if (!tailOut.isEmpty())
        out += QStringLiteral("<pre>%1</pre>").arg(ansitext::toHtml(tailOut));
    if (!tailErr.isEmpty())
        out += QStringLiteral("<pre class=stderr>%1</pre>").arg(ansitext::toHtml(tailErr));
    return out
            + QStringLiteral("</td><td class=\"%1\">%2</td><td>%3</td><td class=num>%4</td>"
                             "<td class=num>%5</td><td class=num>%6 s</td>"
                             "<td class=num>%7 B<br>%8</td><td class=num>%9 B<br>%10</td></tr>\n")
                      .arg(stateKey(r.state), stateCell(r),
                           localTime(r.startedAt).replace(QLatin1Char(' '), QLatin1String("<br>")),
                           secs(r.durationMs), peakRss(r))
                      .arg(r.cpuSeconds, 0, 'f', 3)
                      .arg(r.stdoutBytes)
                      .arg(plural(r.stdoutLines, "line", "lines"))
                      .arg(r.stderrBytes)
                      .arg(plural(r.stderrLines, "line", "lines"));
}

} // namespace

ExportEntry summarizedForReport(const ExportEntry &entry)
{
    ExportEntry e;
    e.record = entry.record;
    e.stdoutTruncated = entry.stdoutTruncated;
    e.stderrTruncated = entry.stderrTruncated;
    // The last lines, from at most the last 16 KiB: a report never holds a job's whole output.
    constexpr qsizetype kKeep = 16 * 1024;
    auto last = [](const QByteArray &bytes, bool raw, const QString &text) {
        return lastLines(raw ? QString::fromUtf8(bytes.right(kKeep)) : text.right(kKeep),
                         kLastLines);
    };
    e.stdoutText = last(entry.stdoutBytes, entry.rawUtf8, entry.stdoutText);
    e.stderrText = last(entry.stderrBytes, entry.rawUtf8, entry.stderrText);
    return e;
}

QByteArray renderTextReport(const QList<ExportEntry> &entries)
{
    QString out = QStringLiteral("ProcDeck run report\n===================\n%1\n\n")
                      .arg(zoneLine());
    for (const BatchFigures &b : batchFigures(entries))
        out += QStringLiteral("%1: %2\n").arg(batchName(b.batchId), batchLine(b));
    out += QLatin1Char('\n');
    for (const ExportEntry &e : failuresFirst(entries)) {
        const JobRecord &r = e.record;
        out += QStringLiteral("#%1  %2\n").arg(r.seq).arg(r.command);
        out += QStringLiteral("    %1\n    %2\n    %3\n")
                       .arg(outcome(r), timesLine(r), bytesLine(r));
        if (!r.error.isEmpty())
            out += QStringLiteral("    error: %1\n").arg(r.error);
        if (!r.notes.isEmpty())
            out += QStringLiteral("    notes: %1\n").arg(r.notes);
        const std::pair<QString, QString> streams[]
                = {{QStringLiteral("stdout"), e.stdoutString()},
                   {QStringLiteral("stderr"), e.stderrString()}};
        for (const auto &[name, text] : streams) {
            const QString tail = ansitext::stripped(lastLines(text, kLastLines));
            if (tail.isEmpty())
                continue;
            out += QStringLiteral("    last lines of %1:\n").arg(name);
            for (const QString &line : tail.split(QLatin1Char('\n')))
                out += QStringLiteral("      | %1\n").arg(line);
        }
        out += QLatin1Char('\n');
    }
    return utf8(out);
}

QByteArray renderHtmlReport(const QList<ExportEntry> &entries)
{
    QString out = htmlHead();
    out += QStringLiteral("<p>%1</p>\n").arg(zoneLine().toHtmlEscaped());
    out += htmlBatchTable(entries);
    out += QStringLiteral(
            "<table><tr><th>#</th><th>Command</th><th>State</th><th>Started</th>"
            "<th>Duration</th><th>Peak RSS</th><th>CPU</th><th>stdout</th><th>stderr</th></tr>\n");
    for (const ExportEntry &e : failuresFirst(entries))
        out += htmlJobRow(e);
    out += QStringLiteral("</table>\n</body></html>\n");
    return utf8(out);
}

} // namespace procdeck::runlog
