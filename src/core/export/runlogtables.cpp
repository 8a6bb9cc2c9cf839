// The tabular run logs: CSV for spreadsheets, and GNU parallel's --joblog.
#include "runlog.h"
#include "types/isotime.h"

#include "process/processgroup.h"
#include "types/rawbytes.h"
#include "process/endreason.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace procdeck::runlog {

namespace {

QByteArray csvField(QStringView value)
{
    QByteArray bytes = utf8(value);
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n')
        && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

QString number(qint64 n) { return QString::number(n); }

/// Seconds with millisecond precision, as every export writes them.
QString seconds(qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 3); }

/// A list as its JSON array text (["a","b"]): the same value the JSON Lines export writes.
QString jsonArray(const QStringList &values)
{
    const QJsonDocument array(QJsonArray::fromStringList(values));
    return QString::fromUtf8(array.toJson(QJsonDocument::Compact));
}

QString boolean(bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); }

const QStringList &csvColumns()
{
    // The first 24 are the original columns; the rest carry the JSON Lines fields they lacked.
    static const QStringList header = QString::fromLatin1(
            "seq command label batch state exit_code signal timed_out started finished "
            "duration_s pid stdout_bytes stderr_bytes stdout_lines stderr_lines peak_rss_kb cpu_s "
            "encoding cwd error notes stdout stderr queued signal_number stdout_truncated "
            "stderr_truncated stdin_bytes stdout_file stderr_file executor host slurm_job_id "
            "paused_s attempts id after after_success io_read_bytes io_write_bytes nice "
            "slurm_state values")
            .split(QLatin1Char(' '));
    return header;
}

/// One value for each of csvColumns(), in their order.
QStringList csvValues(const ExportEntry &e)
{
    const JobRecord &r = e.record;
    const auto positive = [](qint64 n) { return n > 0 ? number(n) : QString(); };
    const auto orEmpty = [](qint64 n) { return n >= 0 ? number(n) : QString(); }; // -1: unknown
    return {number(r.seq), r.command, r.label, number(r.batchId), stateKey(r.state),
            r.exitCode >= 0 ? number(r.exitCode) : QString(),
            r.signal > 0 ? processgroup::signalName(r.signal) : QString(), boolean(r.timedOut),
            isotime::format(r.startedAt), isotime::format(r.finishedAt), seconds(r.durationMs),
            positive(r.pid), number(r.stdoutBytes), number(r.stderrBytes), number(r.stdoutLines),
            number(r.stderrLines), positive(r.peakRssKb), QString::number(r.cpuSeconds, 'f', 3),
            r.encoding, r.cwd, r.error, EndReason::exportNotes(r), e.stdoutString(),
            e.stderrString(), isotime::format(r.queuedAt), positive(r.signal),
            boolean(e.stdoutTruncated), boolean(e.stderrTruncated), number(r.stdinBytes),
            r.stdoutPath, r.stderrPath, r.executor, r.host, r.slurmJobId, seconds(r.pausedMs),
            number(r.attempts), r.id, jsonArray(r.after), jsonArray(r.afterSuccess),
            orEmpty(r.ioReadBytes), orEmpty(r.ioWriteBytes), number(r.nice), r.slurmState,
            jsonArray(r.values)};
}

} // namespace

QByteArray csvHeader()
{
    QList<QByteArray> fields;
    for (const QString &h : csvColumns())
        fields << csvField(h);
    return fields.join(',') + "\r\n";
}

QByteArray csvRow(const ExportEntry &e)
{
    QStringList values = csvValues(e);
    constexpr int kNotes = 21, kStdout = 22, kStderr = 23;
    constexpr int kStdoutTruncated = 26, kStderrTruncated = 27;
    QStringList cut;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values[i].size() <= kCsvCellLimit)
            continue;
        values[i] = values[i].right(kCsvCellLimit);
        if (values[i].front().isLowSurrogate())
            values[i].remove(0, 1);
        cut << csvColumns().at(i);
        if (i == kStdout)
            values[kStdoutTruncated] = boolean(true);
        if (i == kStderr)
            values[kStderrTruncated] = boolean(true);
    }
    if (!cut.isEmpty()) {
        const QString note = QStringLiteral("%1 cut to the last %2 characters in this CSV")
                                 .arg(cut.join(QStringLiteral(", ")))
                                 .arg(kCsvCellLimit);
        values[kNotes] = values[kNotes].isEmpty() ? note
                                                  : values[kNotes] + QStringLiteral("; ") + note;
        if (values[kNotes].size() > kCsvCellLimit)
            values[kNotes] = values[kNotes].right(kCsvCellLimit);
    }
    QByteArray out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += csvField(values[i]);
    }
    return out + "\r\n";
}

QByteArray renderCsv(const QList<ExportEntry> &entries)
{
    QByteArray out = csvHeader();
    for (const ExportEntry &e : entries)
        out += csvRow(e);
    return out;
}

QByteArray jobLogHeader()
{
    return "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";
}

QByteArray jobLogRow(const ExportEntry &e)
{
    const JobRecord &r = e.record;
    if (r.state == JobState::Queued || isAlive(r.state) || r.state == JobState::Cancelled
        || r.state == JobState::Skipped)
        return {}; // never ran (or has not ended): --resume will run it
    // GNU parallel: Exitval = $? >> 8, Signal = $? & 127; a job it killed (--timeout, a
    // signal to parallel) is Exitval -1 whatever its shell then exited with, so that
    // --resume-failed runs it again. A program that could not be run is the shell's 127.
    int exitValue = qMax(0, r.exitCode);
    if (r.state == JobState::FailedToStart)
        exitValue = 127;
    else if (r.state == JobState::TimedOut || r.state == JobState::Killed)
        exitValue = -1;
    const double start = r.startedAt.isValid() ? double(r.startedAt.toMSecsSinceEpoch()) / 1000.0
                                               : double(r.queuedAt.toMSecsSinceEpoch()) / 1000.0;
    // The command's own bytes (an argument that was not UTF-8 stays as it was given); as in
    // parallel's, a newline in it is written as NUL, so that a row stays one line, and a tab as
    // is (the command is the rest of the row).
    QByteArray command = rawbytes::toBytes(r.command);
    command.replace('\n', '\0');
    // The host by itself: a login's own words (ProxyCommand=… %h) are no place holders.
    const QString host = e.jobLogHost.isEmpty() ? QStringLiteral(":") : e.jobLogHost;
    return QString::number(r.seq).toUtf8() + '\t' + host.toUtf8() + '\t'
        + QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t")
               .arg(start, 0, 'f', 3)
               .arg(double(r.durationMs) / 1000.0, 10, 'f', 3)
               .arg(r.stdinBytes)
               .arg(r.stdoutBytes)
               .arg(exitValue)
               .arg(r.signal)
               .toUtf8()
        + command + '\n';
}

QByteArray renderJobLog(const QList<ExportEntry> &entries)
{
    QByteArray out = jobLogHeader();
    for (const ExportEntry &e : entries)
        out += jobLogRow(e);
    return out;
}

bool readJobLog(const QString &path, QList<JobLogRow> *rows, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read joblog '%1': %2").arg(path, file.errorString());
        return false;
    }
    rows->clear();
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNumber;
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || (lineNumber == 1 && trimmed.startsWith("Seq")))
            continue;
        const QList<QByteArray> f = (line.endsWith('\n') ? line.chopped(1) : line).split('\t');
        JobLogRow row;
        bool ok[7] = {};
        if (f.size() >= 9) {
            row.seq = f[0].trimmed().toInt(&ok[0]);
            row.startTime = f[2].trimmed().toDouble(&ok[1]);
            row.runtime = f[3].trimmed().toDouble(&ok[2]);
            row.send = f[4].trimmed().toLongLong(&ok[3]);
            row.receive = f[5].trimmed().toLongLong(&ok[4]);
            row.exitValue = f[6].trimmed().toInt(&ok[5]);
            row.signal = f[7].trimmed().toInt(&ok[6]);
            row.command = rawbytes::fromBytes(f.mid(8).join('\t').replace('\0', '\n'));
        }
        if (!std::all_of(std::begin(ok), std::end(ok), [](bool b) { return b; })) {
            *error = QStringLiteral("%1:%2: not a joblog row (expected 9 tab-separated fields: "
                                    "Seq Host Starttime JobRuntime Send Receive Exitval Signal "
                                    "Command)")
                         .arg(path)
                         .arg(lineNumber);
            return false;
        }
        rows->append(row);
    }
    return true;
}

} // namespace procdeck::runlog
