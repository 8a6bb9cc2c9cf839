#pragma once

#include <QString>

namespace procdeck::runlog {

/// The formats a run log is exported in.
enum class Format { JsonLines, Csv, JobLog, Text, Html };

/// "jsonl", "csv", "joblog", "txt", "html" (the extensions). False for anything else.
bool formatFromName(const QString &name, Format *out);
/// The format an export path's extension asks for; false when the extension says nothing.
bool formatForPath(const QString &path, Format *out);

} // namespace procdeck::runlog
