#pragma once

#include "types/resourcelimits.h"

#include <QString>

class QCommandLineParser;

namespace procdeck::resourceoptions {

/// GNU parallel's --load: N (a decimal), N% of the CPU threads, +N or -N from them; under 0.01
/// is 0.01, as parallel has it. False with a one-line *error for anything else (a file, which
/// parallel reads again when it changes, is not taken).
bool readLoad(const QString &text, double *load, QString *error);

/// --memfree and --memsuspend: bytes, with parallel's units (1k = 1000, 1K = 1ki = 1024; k m g
/// t); 0 for none.
bool readSize(const QString &option, const QString &text, qint64 *bytes, QString *error);

/// --load, --memfree and --memsuspend from a parser that has joboptions::addTo()'s options.
bool read(const QCommandLineParser &parser, ResourceLimits *limits, QString *error);

} // namespace procdeck::resourceoptions
