// The tabular run logs: CSV for spreadsheets, and GNU parallel's --joblog.
#include "runlog.h"

#include "processgroup.h"

#include <QFile>

namespace procdeck::runlog {

namespace {

QByteArray csvField(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

QString number(qint64 n) { return QString::number(n); }

/// Seconds with millisecond precision, as every export writes them.
QString seconds(qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 3); }

} // namespace

QByteArray renderCsv(const QList<ExportEntry> &entries)
{
    static const QStringList header = {
        QStringLiteral("seq"), QStringLiteral("command"), QStringLiteral("label"), QStringLiteral("batch"),
        QStringLiteral("state"), QStringLiteral("exit_code"), QStringLiteral("signal"), QStringLiteral("timed_out"),
        QStringLiteral("started"), QStringLiteral("finished"), QStringLiteral("duration_s"), QStringLiteral("pid"),
        QStringLiteral("stdout_bytes"), QStringLiteral("stderr_bytes"), QStringLiteral("stdout_lines"),
        QStringLiteral("stderr_lines"), QStringLiteral("peak_rss_kb"), QStringLiteral("cpu_s"), QStringLiteral("encoding"), QStringLiteral("cwd"), QStringLiteral("error"),
        QStringLiteral("notes"), QStringLiteral("stdout"), QStringLiteral("stderr")};
    QByteArray out;
    QList<QByteArray> fields;
    for (const QString &h : header)
        fields << csvField(h);
    out += fields.join(',') + "\r\n";
    for (const ExportEntry &e : entries) {
        const JobRecord &r = e.record;
        const QStringList values = {
            number(r.seq), r.command, r.label, number(r.batchId), stateKey(r.state),
            r.exitCode >= 0 ? number(r.exitCode) : QString(),
            r.signal > 0 ? processgroup::signalName(r.signal) : QString(),
            r.timedOut ? QStringLiteral("true") : QStringLiteral("false"),
            isoTime(r.startedAt), isoTime(r.finishedAt), seconds(r.durationMs), r.pid > 0 ? number(r.pid) : QString(),
            number(r.stdoutBytes), number(r.stderrBytes), number(r.stdoutLines), number(r.stderrLines),
            number(r.peakRssKb), QString::number(r.cpuSeconds, 'f', 3), r.encoding,
            r.cwd, r.error, r.notes, e.stdoutText, e.stderrText};
        fields.clear();
        for (const QString &v : values)
            fields << csvField(v);
        out += fields.join(',') + "\r\n";
    }
    return out;
}

QByteArray jobLogHeader()
{
    return "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";
}

QByteArray renderJobLog(const QList<ExportEntry> &entries)
{
    QByteArray out = jobLogHeader();
    for (const ExportEntry &e : entries) {
        const JobRecord &r = e.record;
        if (r.state == JobState::Queued || r.state == JobState::Running || r.state == JobState::Cancelled)
            continue; // never ran (or has not ended): --resume will run it
        // GNU parallel: Exitval = $? >> 8, Signal = $? & 127. A program that could not be run
        // is the shell's 127, as parallel itself would see it.
        const int exitValue = r.state == JobState::FailedToStart ? 127 : qMax(0, r.exitCode);
        const double start = r.startedAt.isValid() ? double(r.startedAt.toMSecsSinceEpoch()) / 1000.0
                                                   : double(r.queuedAt.toMSecsSinceEpoch()) / 1000.0;
        QString command = r.command;
        command.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        out += QStringLiteral("%1\t:\t%2\t%3\t%4\t%5\t%6\t%7\t%8\n")
                   .arg(r.seq)
                   .arg(start, 0, 'f', 3)
                   .arg(double(r.durationMs) / 1000.0, 10, 'f', 3)
                   .arg(r.stdinBytes)
                   .arg(r.stdoutBytes)
                   .arg(exitValue)
                   .arg(r.signal)
                   .arg(command)
                   .toUtf8();
    }
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
        const QList<QByteArray> f = line.endsWith('\n') ? line.chopped(1).split('\t') : line.split('\t');
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
            row.command = QString::fromUtf8(f.mid(8).join('\t'));
        }
        if (!std::all_of(std::begin(ok), std::end(ok), [](bool b) { return b; })) {
            *error = QStringLiteral("%1:%2: not a joblog row (expected 9 tab-separated fields: "
                                    "Seq Host Starttime JobRuntime Send Receive Exitval Signal Command)")
                         .arg(path)
                         .arg(lineNumber);
            return false;
        }
        rows->append(row);
    }
    return true;
}

} // namespace procdeck::runlog
