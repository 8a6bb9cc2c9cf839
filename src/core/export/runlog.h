#pragma once

#include "types/exportformat.h"
#include "types/jobrecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

namespace procdeck {

class Job;

/// One job as an export sees it: its record and its output decoded in its encoding.
struct ExportEntry {
    JobRecord record;
    QString stdoutText;
    QString stderrText;
    bool stdoutTruncated = false; ///< the text is the in-memory tail, not all of it
    bool stderrTruncated = false;
    /// UTF-8 output kept as its bytes (the texts above stay empty): JSON Lines escapes them
    /// straight, with no QString between, which is most of an export's cost.
    bool rawUtf8 = false;
    QByteArray stdoutBytes;
    QByteArray stderrBytes;
    /// The joblog's Host: the ssh login as GNU parallel writes it; empty for its ":".
    QString jobLogHost;

    /// The entry for a job as it is now. `rawUtf8`: keep a UTF-8 job's output as bytes.
    static ExportEntry fromJob(const Job &job, bool rawUtf8 = false);
    /// The record alone (a joblog needs no output).
    static ExportEntry recordOf(const Job &job);
    /// The output as text, whichever way it is kept.
    QString stdoutString() const;
    QString stderrString() const;
};

/// Run-log exports. write() writes a whole file atomically (QSaveFile): a failed export leaves
/// any earlier file of that name as it was. StreamWriter (runlogwriter.h) writes one as the jobs
/// end.
namespace runlog {

/// The JSON Lines object of one job (its field names are a contract: add, never rename).
QJsonObject toJson(const ExportEntry &entry);
/// The same object as one line of JSON Lines, '\n' included: what the export writes. Times and
/// paths that are not known, and a peak RSS never sampled, are null.
QByteArray jsonLine(const ExportEntry &entry);
/// jsonLine() appended to `out`.
void appendJsonLine(QByteArray *out, const ExportEntry &entry);

/// UTF-8 as every export writes it: a lone surrogate (an argv byte that was not UTF-8, kept as
/// a surrogate escape; a UTF-32 stream's D800) becomes U+FFFD, so the file is valid UTF-8.
QByteArray utf8(QStringView text);
void appendUtf8(QByteArray *out, QStringView text);
/// utf8(), escaped for the inside of a JSON string.
void appendJsonEscaped(QByteArray *out, QStringView text);
/// The same from bytes meant as UTF-8: each byte that is not part of valid UTF-8 (nor a
/// surrogate's encoding) becomes U+FFFD.
void appendJsonEscapedUtf8(QByteArray *out, const char *data, qsizetype size);

/// Python's csv module refuses a field longer than this by default (csv.field_size_limit()):
/// a longer CSV cell keeps its last characters and says so in the row's notes.
constexpr qsizetype kCsvCellLimit = 131072;
/// The CSV header row and one job's row (CRLF-terminated). Columns are only ever added at the end.
QByteArray csvHeader();
QByteArray csvRow(const ExportEntry &entry);
/// One job's joblog row, or nothing for a job that never ran (so that --resume runs it).
/// Timed-out and killed jobs are Exitval -1, as GNU parallel writes them.
QByteArray jobLogRow(const ExportEntry &entry);
/// What the text and HTML reports need of an entry: its record and its last lines.
ExportEntry summarizedForReport(const ExportEntry &entry);

/// Each format's bytes (render() picks one).
QByteArray renderJsonLines(const QList<ExportEntry> &entries);
/// RFC 4180: a header row, every field quoted when it needs it, CRLF line ends, UTF-8.
QByteArray renderCsv(const QList<ExportEntry> &entries);
/// GNU parallel's --joblog: `Seq Host Starttime JobRuntime Send Receive Exitval Signal Command`,
/// tab-separated; jobs that never ran are left out, so that --resume runs them.
QByteArray renderJobLog(const QList<ExportEntry> &entries);
QByteArray jobLogHeader();
QByteArray renderTextReport(const QList<ExportEntry> &entries);
/// A single self-contained HTML file (inline style, no script, nothing fetched).
QByteArray renderHtmlReport(const QList<ExportEntry> &entries);

/// One row of a joblog, as GNU parallel reads it back.
struct JobLogRow {
    int seq = 0;
    double startTime = 0;
    double runtime = 0;
    qint64 send = 0;
    qint64 receive = 0;
    int exitValue = 0;
    int signal = 0;
    QString command;
    bool succeeded() const { return exitValue == 0 && signal == 0; }
};
/// Reads a joblog's rows (the header and blank lines skipped). False with *error naming the
/// file and line for a row that does not parse.
bool readJobLog(const QString &path, QList<JobLogRow> *rows, QString *error);

/// The whole file's bytes in `format`.
QByteArray render(Format format, const QList<ExportEntry> &entries);

/// Writes `entries` to `path`. False with *error ("cannot write 'x': No space left on device").
bool write(const QString &path, Format format, const QList<ExportEntry> &entries, QString *error);

} // namespace runlog
} // namespace procdeck
