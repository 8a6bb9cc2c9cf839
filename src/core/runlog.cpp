#include "runlog.h"

#include "job.h"
#include "processgroup.h"
#include "textdecoder.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace procdeck {

ExportEntry ExportEntry::fromJob(const Job &job)
{
    ExportEntry e;
    e.record = job.record();
    e.stdoutText = job.stdoutText();
    e.stderrText = job.stderrText();
    e.stdoutTruncated = !job.stdoutLog().tailIsComplete();
    e.stderrTruncated = !job.stderrLog().tailIsComplete();
    return e;
}

namespace runlog {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

QByteArray renderJsonLines(const QList<ExportEntry> &entries)
{
    QByteArray out;
    for (const ExportEntry &e : entries) {
        out += QJsonDocument(toJson(e)).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

bool formatFromName(const QString &name, Format *out)
{
    const QString n = name.toLower();
    if (n == QLatin1String("jsonl") || n == QLatin1String("json"))
        *out = Format::JsonLines;
    else if (n == QLatin1String("csv"))
        *out = Format::Csv;
    else if (n == QLatin1String("joblog"))
        *out = Format::JobLog;
    else if (n == QLatin1String("txt") || n == QLatin1String("text"))
        *out = Format::Text;
    else if (n == QLatin1String("html") || n == QLatin1String("htm"))
        *out = Format::Html;
    else
        return false;
    return true;
}

bool formatForPath(const QString &path, Format *out)
{
    return formatFromName(QFileInfo(path).suffix(), out);
}

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject toJson(const ExportEntry &e)
{
    const JobRecord &r = e.record;
    QJsonObject o;
    o.insert(QStringLiteral("seq"), r.seq);
    o.insert(QStringLiteral("command"), r.command);
    o.insert(QStringLiteral("label"), orNull(r.label));
    o.insert(QStringLiteral("batch"), r.batchId);
    o.insert(QStringLiteral("state"), stateKey(r.state));
    o.insert(QStringLiteral("exit_code"), r.exitCode >= 0 ? QJsonValue(r.exitCode) : QJsonValue());
    o.insert(QStringLiteral("signal"), r.signal > 0 ? QJsonValue(processgroup::signalName(r.signal)) : QJsonValue());
    o.insert(QStringLiteral("signal_number"), r.signal > 0 ? QJsonValue(r.signal) : QJsonValue());
    o.insert(QStringLiteral("timed_out"), r.timedOut);
    o.insert(QStringLiteral("queued"), orNull(isoTime(r.queuedAt)));
    o.insert(QStringLiteral("started"), orNull(isoTime(r.startedAt)));
    o.insert(QStringLiteral("finished"), orNull(isoTime(r.finishedAt)));
    o.insert(QStringLiteral("duration_s"), double(r.durationMs) / 1000.0);
    o.insert(QStringLiteral("pid"), r.pid > 0 ? QJsonValue(r.pid) : QJsonValue());
    o.insert(QStringLiteral("peak_rss_kb"), r.peakRssKb);
    o.insert(QStringLiteral("cpu_s"), std::round(r.cpuSeconds * 1000.0) / 1000.0);
    o.insert(QStringLiteral("stdout"), e.stdoutText);
    o.insert(QStringLiteral("stderr"), e.stderrText);
    o.insert(QStringLiteral("stdout_truncated"), e.stdoutTruncated);
    o.insert(QStringLiteral("stderr_truncated"), e.stderrTruncated);
    o.insert(QStringLiteral("stdout_bytes"), r.stdoutBytes);
    o.insert(QStringLiteral("stderr_bytes"), r.stderrBytes);
    o.insert(QStringLiteral("stdout_lines"), r.stdoutLines);
    o.insert(QStringLiteral("stderr_lines"), r.stderrLines);
    o.insert(QStringLiteral("stdin_bytes"), r.stdinBytes);
    o.insert(QStringLiteral("stdout_file"), orNull(r.stdoutPath));
    o.insert(QStringLiteral("stderr_file"), orNull(r.stderrPath));
    o.insert(QStringLiteral("encoding"), r.encoding);
    o.insert(QStringLiteral("cwd"), r.cwd);
    o.insert(QStringLiteral("error"), orNull(r.error));
    o.insert(QStringLiteral("notes"), orNull(r.notes));
    return o;
}

QByteArray render(Format format, const QList<ExportEntry> &entries)
{
    switch (format) {
    case Format::JsonLines: return renderJsonLines(entries);
    case Format::Csv: return renderCsv(entries);
    case Format::JobLog: return renderJobLog(entries);
    case Format::Text: return renderTextReport(entries);
    case Format::Html: return renderHtmlReport(entries);
    }
    return renderJsonLines(entries);
}

bool write(const QString &path, Format format, const QList<ExportEntry> &entries, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = render(format, entries);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace runlog
} // namespace procdeck
