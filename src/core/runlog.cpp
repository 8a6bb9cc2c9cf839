#include "runlog.h"

#include "job.h"
#include "processgroup.h"
#include "textdecoder.h"

#include <QFileInfo>
#include <QLocale>
#include <QJsonDocument>
#include <QSaveFile>

#include <array>
#include <cmath>
#include <cstring>

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
    e.stdoutTruncated = !job.stdoutLog().tailIsComplete();
    e.stderrTruncated = !job.stderrLog().tailIsComplete();
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
    JsonLineBuilder(QByteArray *out, qsizetype expected) : m_out(*out) { m_out.reserve(m_out.size() + expected); }

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

namespace {

/// UTF-8 of `text` appended to `out`, with a lone surrogate (a surrogate-escaped argv byte, a
/// UTF-32 stream's D800) as U+FFFD: QString::toUtf8() would keep it as bytes no UTF-8 reader
/// accepts. With `json`, escaped for a JSON string besides. One pass, no allocation per run.
template<bool json>
void encode(QByteArray *out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out->size();
    out->resize(start + text.size() * 6); // the worst case: \u00XX for each
    char *d = out->data() + start;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    for (; p < end; ++p) {
        const char16_t c = *p;
        if (c < 0x80) {
            if (!json || (c >= 0x20 && c != u'"' && c != u'\\')) {
                *d++ = char(c);
                continue;
            }
            *d++ = '\\';
            switch (c) {
            case u'"': *d++ = '"'; break;
            case u'\\': *d++ = '\\'; break;
            case u'\n': *d++ = 'n'; break;
            case u'\r': *d++ = 'r'; break;
            case u'\t': *d++ = 't'; break;
            case u'\b': *d++ = 'b'; break;
            case u'\f': *d++ = 'f'; break;
            default:
                *d++ = 'u';
                *d++ = '0';
                *d++ = '0';
                *d++ = hex[c >> 4];
                *d++ = hex[c & 0xf];
            }
        } else if (c < 0x800) {
            *d++ = char(0xc0 | (c >> 6));
            *d++ = char(0x80 | (c & 0x3f));
        } else if (!QChar::isSurrogate(c)) {
            *d++ = char(0xe0 | (c >> 12));
            *d++ = char(0x80 | ((c >> 6) & 0x3f));
            *d++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && p + 1 < end && QChar::isLowSurrogate(p[1])) {
            const char32_t u = QChar::surrogateToUcs4(c, p[1]);
            ++p;
            *d++ = char(0xf0 | (u >> 18));
            *d++ = char(0x80 | ((u >> 12) & 0x3f));
            *d++ = char(0x80 | ((u >> 6) & 0x3f));
            *d++ = char(0x80 | (u & 0x3f));
        } else {
            *d++ = char(0xef);
            *d++ = char(0xbf);
            *d++ = char(0xbd);
        }
    }
    out->resize(d - out->constData());
}

} // namespace

void appendUtf8(QByteArray *out, QStringView text)
{
    encode<false>(out, text);
}

QByteArray utf8(QStringView text)
{
    QByteArray out;
    encode<false>(&out, text);
    return out;
}

void appendJsonEscaped(QByteArray *out, QStringView text)
{
    encode<true>(out, text);
}

namespace {

/// What one byte becomes inside a JSON string when it is not the start of a valid multi-byte
/// sequence: itself, an escape, or U+FFFD. Eight bytes each so that copying is branch-free.
struct ByteOut {
    char bytes[8];
    int size;
};

const std::array<ByteOut, 256> &byteTable()
{
    static const std::array<ByteOut, 256> table = [] {
        static const char hex[] = "0123456789abcdef";
        std::array<ByteOut, 256> t{};
        for (int c = 0; c < 256; ++c) {
            ByteOut &o = t[size_t(c)];
            if (c >= 0x80) {
                std::memcpy(o.bytes, "\xEF\xBF\xBD", 3);
                o.size = 3;
            } else if (c >= 0x20 && c != '"' && c != '\\') {
                o.bytes[0] = char(c);
                o.size = 1;
            } else {
                const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                    : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : nullptr;
                if (named) {
                    std::memcpy(o.bytes, named, 2);
                    o.size = 2;
                } else {
                    const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                    std::memcpy(o.bytes, u, 6);
                    o.size = 6;
                }
            }
        }
        return t;
    }();
    return table;
}

} // namespace

namespace {

/// For each byte as the first of a sequence: how long a well-formed sequence it starts would
/// be (0: none), and the range its second byte must be in (Unicode's table 3-7: no overlongs,
/// no surrogates, nothing past U+10FFFF).
struct Lead {
    uchar length = 0;
    uchar low = 1; ///< an empty range for bytes that lead nothing
    uchar high = 0;
};

const std::array<Lead, 256> &leadTable()
{
    static const std::array<Lead, 256> table = [] {
        std::array<Lead, 256> t{};
        for (int c = 0xc2; c <= 0xf4; ++c) {
            Lead &l = t[size_t(c)];
            l.length = c <= 0xdf ? 2 : c <= 0xef ? 3 : 4;
            l.low = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
            l.high = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        }
        return t;
    }();
    return table;
}

/// The length of the well-formed sequence at p, without a branch on the bytes (output of
/// programs that is not text, such as /dev/urandom's, would mispredict nearly every one).
/// Precondition: p[0..3] are readable.
inline int sequenceLengthAt(const uchar *p, const std::array<Lead, 256> &leads)
{
    const Lead &l = leads[p[0]];
    const int second = int(p[1] >= l.low) & int(p[1] <= l.high);
    const int third = int((p[2] & 0xc0) == 0x80);
    const int fourth = int((p[3] & 0xc0) == 0x80);
    const int n = l.length;
    return (int(n == 2) & second) * 2 | (int(n == 3) & second & third) * 3 | (int(n == 4) & second & third & fourth) * 4;
}

} // namespace

void appendJsonEscapedUtf8(QByteArray *out, const char *data, qsizetype size)
{
    const std::array<ByteOut, 256> &table = byteTable();
    const std::array<Lead, 256> &leads = leadTable();
    const qsizetype start = out->size();
    out->resize(start + size * 6 + 8); // the worst case (\u00XX each), and room to copy 8 at once
    char *d = out->data() + start;
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *const end = p + size;
    // While 8 bytes can be read ahead: one 8-byte copy per step, from the input (a well-formed
    // sequence) or from the table (the byte itself, its escape or U+FFFD), chosen without a branch.
    while (end - p >= 8) {
        const int length = sequenceLengthAt(p, leads);
        const ByteOut &o = table[*p];
        const char *from = length ? reinterpret_cast<const char *>(p) : o.bytes;
        std::memcpy(d, from, 8);
        d += length ? length : o.size;
        p += length ? length : 1;
    }
    while (p < end) { // the last few bytes, with the bounds checked
        uchar tail[4] = {0, 0, 0, 0};
        std::memcpy(tail, p, size_t(qMin<qsizetype>(4, end - p)));
        const int length = sequenceLengthAt(tail, leads);
        if (length) {
            std::memcpy(d, p, size_t(length));
            d += length;
            p += length;
            continue;
        }
        const ByteOut &o = table[*p];
        std::memcpy(d, o.bytes, 8);
        d += o.size;
        ++p;
    }
    out->resize(d - out->constData());
}

QByteArray renderJsonLines(const QList<ExportEntry> &entries)
{
    QByteArray out;
    for (const ExportEntry &e : entries)
        out += jsonLine(e);
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
    JsonLineBuilder o(out, (e.stdoutText.size() + e.stderrText.size()) * 2 + (e.stdoutBytes.size() + e.stderrBytes.size()) * 3
                      + r.command.size() + 1024);
    o.number("seq", r.seq);
    o.string("command", r.command);
    o.stringOrNull("label", r.label);
    o.number("batch", r.batchId);
    o.string("state", stateKey(r.state));
    o.numberOrNull("exit_code", r.exitCode, r.exitCode >= 0);
    o.stringOrNull("signal", r.signal > 0 ? processgroup::signalName(r.signal) : QString());
    o.numberOrNull("signal_number", r.signal, r.signal > 0);
    o.boolean("timed_out", r.timedOut);
    o.stringOrNull("queued", isoTime(r.queuedAt));
    o.stringOrNull("started", isoTime(r.startedAt));
    o.stringOrNull("finished", isoTime(r.finishedAt));
    o.real("duration_s", double(r.durationMs) / 1000.0);
    o.numberOrNull("pid", r.pid, r.pid > 0);
    o.numberOrNull("peak_rss_kb", r.peakRssKb, r.peakRssKb > 0); // never sampled: not measured
    o.real("cpu_s", std::round(r.cpuSeconds * 1000.0) / 1000.0);
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
    o.stringOrNull("notes", r.notes);
    o.finish();
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
