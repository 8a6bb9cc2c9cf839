#pragma once

#include "jobrecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace procdeck {

class Job;

/// One job as an export sees it: its record and its output decoded in its encoding.
struct ExportEntry {
    JobRecord record;
    QString stdoutText;
    QString stderrText;
    bool stdoutTruncated = false; ///< the text is the in-memory tail, not all of it
    bool stderrTruncated = false;

    /// The entry for a job as it is now.
    static ExportEntry fromJob(const Job &job);
};

/// Run-log exports. Every file is written atomically (QSaveFile): a failed export leaves any
/// earlier file of that name as it was.
namespace runlog {

enum class Format { JsonLines, Csv, JobLog, Text, Html };

/// "jsonl", "csv", "joblog", "txt", "html" (the extensions). False for anything else.
bool formatFromName(const QString &name, Format *out);
/// The format an export path's extension asks for; false when the extension says nothing.
bool formatForPath(const QString &path, Format *out);

/// ISO 8601 in UTC with milliseconds ("2026-11-26T00:36:00.123Z"), or "" for an invalid time.
QString isoTime(const QDateTime &t);

/// The JSON Lines object of one job (its field names are a contract: add, never rename).
QJsonObject toJson(const ExportEntry &entry);

/// The whole file's bytes in `format`.
QByteArray render(Format format, const QList<ExportEntry> &entries);

/// Writes `entries` to `path`. False with *error ("cannot write 'x': No space left on device").
bool write(const QString &path, Format format, const QList<ExportEntry> &entries, QString *error);

} // namespace runlog
} // namespace procdeck
