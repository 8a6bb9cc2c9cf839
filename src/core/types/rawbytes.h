#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace procdeck::rawbytes {

/// Bytes that are not UTF-8 (a file name in Latin-1, `$'caf\xe9'`) must reach a child exactly as
/// they were given, as xargs and GNU parallel pass them. Python's answer (PEP 383,
/// "surrogateescape") is used: each byte that is not part of valid UTF-8 becomes the lone
/// surrogate U+DC80 + byte inside the QString, and toBytes() turns it back into that byte.
/// Valid UTF-8 round-trips unchanged; the result displays with a visible replacement.

/// Decodes bytes as UTF-8, escaping every invalid byte as U+DC80 + byte.
QString fromBytes(const QByteArray &bytes);
/// The exact bytes fromBytes() was given (escapes back to their bytes, the rest UTF-8).
QByteArray toBytes(const QString &text);
/// True when `text` holds at least one escaped byte (so QString's own encoding would lose it).
bool hasEscapedBytes(const QString &text);
/// fromBytes() over a process's argv, from argv[1] on (QCoreApplication::arguments() loses bytes).
QStringList arguments(int argc, const char *const *argv);

} // namespace procdeck::rawbytes
