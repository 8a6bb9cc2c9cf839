#pragma once

#include "types/jobspec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {

/// Expands a command template over values into jobs, like GNU parallel's `cmd {} ::: a b c`.
/// `{}` becomes the value, `{#}` the job's number (from 1). A template with neither gets the
/// value appended, as GNU parallel does.
namespace batch {

/// "A..B" (whole numbers, either direction) → A, A±1, …, B. False with *error naming the
/// offending text when it does not parse.
bool parseRange(const QString &text, QStringList *values, QString *error);
/// "a,b,c" → a, b, c.
QStringList parseValues(const QString &text);
/// One value per line; a last empty line is ignored. False with *error when unreadable.
bool readValuesFile(const QString &path, QStringList *values, QString *error);

/// One shell command per line (like feeding GNU parallel a file) over `base`; blank lines are
/// skipped.
bool readCommandsFile(const QString &path, const JobSpec &base, QList<JobSpec> *out,
                      QString *error);

/// One JobSpec per value: `base` with its command made from `commandTemplate`. With
/// `base.useShell` the value is quoted for /bin/sh; without, the template is split into argv
/// first (shellwords::split()) and values land whole in their argument.
/// False with *error for an empty template or one that splits into nothing.
bool expand(const QString &commandTemplate, const QStringList &values, const JobSpec &base,
            QList<JobSpec> *jobs, QString *error);

/// The text of one expanded command (for previews).
QString substitute(const QString &commandTemplate, const QString &value, int number,
                   bool quoteForShell);

} // namespace batch
} // namespace procdeck
