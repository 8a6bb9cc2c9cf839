#include "runlog.h"
#include "types/isotime.h"

#include "process/job.h"
#include "process/processgroup.h"
#include "output/textdecoder.h"
#include "process/endreason.h"

#include <QFileInfo>
#include <QLocale>
#include <QJsonDocument>
#include <QFile>
#include <QSaveFile>

#include <cmath>

namespace procdeck {

namespace {

bool isUtf8(const QString &encoding)
{
    return encoding.isEmpty() || encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0
        || encoding.compare(QLatin1String("UTF8"), Qt::CaseInsensitive) == 0;
}

} // namespace

ExportEntry ExportEntry::fromJob(const Job &job, bool rawUtf8)
{
    ExportEntry e = recordOf(job);
    if (rawUtf8 && isUtf8(job.spec().encoding)) {
        e.rawUtf8 = true;
        e.stdoutBytes = job.stdoutLog().tail();
        e.stderrBytes = job.stderrLog().tail();
    } else {
        e.stdoutText = job.stdoutText();
        e.stderrText = job.stderrText();
    }
    return e;
}

ExportEntry ExportEntry::recordOf(const Job &job)
{
    ExportEntry e;
    e.record = job.record();
    if (const RemoteRun *remote = job.remote())
        e.jobLogHost = remote->parallelLogin();
    // Less here than was counted (an engine's row whose output was not fetched) is cut too.
    e.stdoutTruncated = !job.stdoutLog().tailIsComplete()
            || e.record.stdoutBytes > job.stdoutLog().totalBytes();
    e.stderrTruncated = !job.stderrLog().tailIsComplete()
            || e.record.stderrBytes > job.stderrLog().totalBytes();
    return e;
}

QString ExportEntry::stdoutString() const
{
    return rawUtf8 ? QString::fromUtf8(stdoutBytes) : stdoutText;
}

QString ExportEntry::stderrString() const
{
    return rawUtf8 ? QString::fromUtf8(stderrBytes) : stderrText;
}

namespace runlog {

namespace {

/// One JSON object on one line, written straight to bytes: a job's row is built once, with no
/// QJsonObject copy of its output between.
class JsonLineBuilder
{
public:
    /// Appends to `out` (a buffer reused row after row: no fresh pages to fault in each time).
    JsonLineBuilder(QByteArray *out, qsizetype expected) : m_out(*out)
    {
        m_out.reserve(m_out.size() + expected);
    }

    void output(const char *key, const QString &text, const QByteArray &raw, bool isRaw)
    {
        this->key(key);
        m_out += '"';
        if (isRaw)
            appendJsonEscapedUtf8(&m_out, raw.constData(), raw.size());
        else
            appendJsonEscaped(&m_out, text);
        m_out += '"';
    }
    void string(const char *key, const QString &value)
    {
        this->key(key);
        m_out += '"';
        appendJsonEscaped(&m_out, value);
        m_out += '"';
    }
    void stringOrNull(const char *key, const QString &value)
    {
        if (value.isEmpty())
            null(key);
        else
            string(key, value);
    }
    void stringList(const char *key, const QStringList &values)
    {
        this->key(key);
        m_out += '[';
        for (qsizetype i = 0; i < values.size(); ++i) {
            m_out += i == 0 ? "\"" : ",\"";
            appendJsonEscaped(&m_out, values.at(i));
            m_out += '"';
        }
        m_out += ']';
    }
    void number(const char *key, qint64 value)
    {
        this->key(key);
        m_out += QByteArray::number(value);
    }
    void numberOrNull(const char *key, qint64 value, bool present)
    {
        if (present)
            number(key, value);
        else
            null(key);
    }
    void real(const char *key, double value)
    {
        this->key(key);
        // As QJsonDocument writes doubles: the shortest form that reads back the same.
        m_out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    }
    void boolean(const char *key, bool value)
    {
        this->key(key);
        m_out += value ? "true" : "false";
    }
    void null(const char *key)
    {
        this->key(key);
        m_out += "null";
    }
    void finish() { m_out += "}\n"; }

private:
    void key(const char *name)
    {
        m_out += m_first ? "{\"" : ",\"";
        m_first = false;
        m_out += name;
        m_out += "\":";
    }

    QByteArray &m_out;
    bool m_first = true;
};

} // namespace

QByteArray renderJsonLines(const QList<ExportEntry> &entries)
{
    QByteArray out;
    for (const ExportEntry &e : entries)
        out += jsonLine(e);
    return out;
}

QJsonObject toJson(const ExportEntry &e)
{
    // One writer of the fields (jsonLine), so that the history's --json and the export agree.
    return QJsonDocument::fromJson(jsonLine(e)).object();
}

QByteArray jsonLine(const ExportEntry &e)
{
    QByteArray out;
    appendJsonLine(&out, e);
    return out;
}

void appendJsonLine(QByteArray *out, const ExportEntry &e)
{
    const JobRecord &r = e.record;
    JsonLineBuilder o(out,
                      (e.stdoutText.size() + e.stderrText.size()) * 2
                              + (e.stdoutBytes.size() + e.stderrBytes.size()) * 3 + r.command.size()
                              + 1024);
    o.number("seq", r.seq);
    o.string("command", r.command);
    o.stringOrNull("label", r.label);
    o.number("batch", r.batchId);
    o.string("state", stateKey(r.state));
    o.numberOrNull("exit_code", r.exitCode, r.exitCode >= 0);
    o.stringOrNull("signal", r.signal > 0 ? processgroup::signalName(r.signal) : QString());
    o.numberOrNull("signal_number", r.signal, r.signal > 0);
    o.boolean("timed_out", r.timedOut);
    o.stringOrNull("queued", isotime::format(r.queuedAt));
    o.stringOrNull("started", isotime::format(r.startedAt));
    o.stringOrNull("finished", isotime::format(r.finishedAt));
    o.real("duration_s", double(r.durationMs) / 1000.0);
    o.numberOrNull("pid", r.pid, r.pid > 0);
    o.numberOrNull("peak_rss_kb", r.peakRssKb, r.peakRssKb > 0); // never sampled: not measured
    o.real("cpu_s", std::round(r.cpuSeconds * 1000.0) / 1000.0);
    o.numberOrNull("io_read_bytes", r.ioReadBytes, r.ioReadBytes >= 0);
    o.numberOrNull("io_write_bytes", r.ioWriteBytes, r.ioWriteBytes >= 0);
    o.output("stdout", e.stdoutText, e.stdoutBytes, e.rawUtf8);
    o.output("stderr", e.stderrText, e.stderrBytes, e.rawUtf8);
    o.boolean("stdout_truncated", e.stdoutTruncated);
    o.boolean("stderr_truncated", e.stderrTruncated);
    o.number("stdout_bytes", r.stdoutBytes);
    o.number("stderr_bytes", r.stderrBytes);
    o.number("stdout_lines", r.stdoutLines);
    o.number("stderr_lines", r.stderrLines);
    o.number("stdin_bytes", r.stdinBytes);
    o.stringOrNull("stdout_file", r.stdoutPath);
    o.stringOrNull("stderr_file", r.stderrPath);
    o.string("encoding", r.encoding);
    o.string("cwd", r.cwd);
    o.stringOrNull("error", r.error);
    o.stringOrNull("notes", EndReason::exportNotes(r)); // the end told in order, then the notes
    o.string("executor", r.executor);
    o.stringOrNull("host", r.host);
    o.stringOrNull("slurm_job_id", r.slurmJobId);
    o.stringOrNull("slurm_state", r.slurmState);
    o.real("paused_s", double(r.pausedMs) / 1000.0);
    o.number("attempts", r.attempts);
    o.stringOrNull("id", r.id);
    o.stringList("after", r.after);
    o.stringList("after_success", r.afterSuccess);
    o.number("nice", r.nice);
    o.stringList("values", r.values);
    o.finish();
}

namespace {

bool writeDirect(const QString &path, const QByteArray &bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

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
    // A FIFO or a device (/dev/stdout, a shell's >(gzip > f)) is written as it is, as GNU
    // parallel's --joblog does: a file put in its place would replace the pipe.
    if (const QFileInfo target(path); target.exists() && !target.isFile())
        return writeDirect(path, render(format, entries), error);
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
