#pragma once

#include <QString>
#include <QStringList>

namespace procdeck::shellwords {

/// Splits a command line into words as /bin/sh would for a simple command: single quotes,
/// double quotes (with \\ \" \$ \` escapes), backslashes; no expansions. False with *error for
/// an unterminated quote.
bool split(const QString &line, QStringList *words, QString *error);

} // namespace procdeck::shellwords
