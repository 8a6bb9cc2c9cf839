#include "jobrecordcbor.h"

#include "process/endreason.h"
#include "process/job.h"
#include "process/processgroup.h"
#include "types/isotime.h"

#include <cmath>
#include <cstring>

namespace procdeck::jobrecordcbor {

namespace {

/// The export writes UTF-8 that is always valid: a lone surrogate (an argv byte that was not
/// UTF-8) is U+FFFD there (runlog::utf8), so it is here.
QString validText(const QString &text)
{
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (!c.isSurrogate())
            continue;
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate())
            ++i;
        else
            out[i] = QChar::ReplacementCharacter;
    }
    return out;
}

bool hasSurrogate(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSurrogate())
            return true;
    }
    return false;
}

/// The calls of the export's JSON line builder, each giving the value the JSON line reads back
/// as: an integral double is an integer there, an empty "or null" string is null.
class Fields
{
public:
    explicit Fields(QCborStreamWriter &w) : m_w(w) {}

    void key(const char *name) { m_w.appendTextString(name, qsizetype(std::strlen(name))); }
    void string(const char *name, const QString &value)
    {
        key(name);
        if (hasSurrogate(value))
            m_w.append(validText(value));
        else
            m_w.append(value);
    }
    void stringOrNull(const char *name, const QString &value)
    {
        if (value.isEmpty())
            null(name);
        else
            string(name, value);
    }
    void stringList(const char *name, const QStringList &values)
    {
        key(name);
        m_w.startArray(quint64(values.size()));
        for (const QString &v : values)
            m_w.append(hasSurrogate(v) ? validText(v) : v);
        m_w.endArray();
    }
    void number(const char *name, qint64 value)
    {
        key(name);
        m_w.append(value);
    }
    void numberOrNull(const char *name, qint64 value, bool present)
    {
        if (present)
            number(name, value);
        else
            null(name);
    }
    /// JSON writes 3.0 as "3", which reads back as the integer 3.
    void real(const char *name, double value)
    {
        key(name);
        if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
            m_w.append(qint64(value));
        else
            m_w.append(value);
    }
    void boolean(const char *name, bool value)
    {
        key(name);
        m_w.append(value);
    }
    void null(const char *name)
    {
        key(name);
        m_w.append(nullptr);
    }

private:
    QCborStreamWriter &m_w;
};

} // namespace

// The fields and their order are runlog::appendJsonLine's; stdout and stderr are empty, as
// ExportEntry::recordOf leaves them.
void write(QCborStreamWriter &w, const JobRecord &r, bool stdoutTruncated, bool stderrTruncated)
{
    w.startMap();
    Fields o(w);
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
    o.numberOrNull("peak_rss_kb", r.peakRssKb, r.peakRssKb > 0);
    o.real("cpu_s", std::round(r.cpuSeconds * 1000.0) / 1000.0);
    o.numberOrNull("io_read_bytes", r.ioReadBytes, r.ioReadBytes >= 0);
    o.numberOrNull("io_write_bytes", r.ioWriteBytes, r.ioWriteBytes >= 0);
    o.string("stdout", QString());
    o.string("stderr", QString());
    o.boolean("stdout_truncated", stdoutTruncated);
    o.boolean("stderr_truncated", stderrTruncated);
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
    o.stringOrNull("notes", EndReason::exportNotes(r));
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
    w.endMap();
}

void write(QCborStreamWriter &w, const Job &job)
{
    write(w, job.record(), !job.stdoutLog().tailIsComplete(), !job.stderrLog().tailIsComplete());
}

} // namespace procdeck::jobrecordcbor
