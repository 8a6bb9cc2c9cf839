#pragma once

#include "types/jobspec.h"
#include "types/resourcelimits.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {

/// A batch file (JSON):
/// ```
/// {"name": "…", "max_parallel": N, "load": "50%", "memfree": "2G", "memsuspend": "1G",
///  "defaults": {"timeout_s", "timeout_action", "grace_s", "encoding", "cwd", "env", "shell",
///  "pty",
///               "retries", "retry_delay_s"},
///  "jobs": [{"command": "…"} or {"program": "…", "args": […]}, each with per-job overrides],
///  "template": {"command": "sleep {}", "range": "1..10" or "values": […]}}
/// ```
/// A job's keys and settings are jobspecjson's (the history keeps specs in the same format).
/// The template's jobs come after the listed ones.
struct BatchFile {
    QString name;
    int maxParallel = 0;            ///< 0: not set
    ResourceLimits resources;       ///< GNU parallel's --load, --memfree, --memsuspend
    JobSpec defaults;               ///< useShell true unless "shell": false
    QList<JobSpec> jobs;            ///< the listed jobs, overrides applied
    QString templateCommand;        ///< empty: no template
    QString templateRange;          ///< "1..10", or empty when values are listed
    QStringList templateValues;

    /// Every job the file asks for: the listed ones, then the template's.
    bool expand(QList<JobSpec> *out, QString *error) const;

    /// Reads `path`. False with *error: the file's name and, for JSON that does not parse, the
    /// line and column and what was expected. Keys it does not know go to *warnings.
    static bool load(const QString &path, BatchFile *out, QString *error,
                     QStringList *warnings = nullptr);
    /// Writes it atomically. False with *error.
    bool save(const QString &path, QString *error) const;
    /// The file's JSON text.
    QByteArray toJson() const;
};


} // namespace procdeck
