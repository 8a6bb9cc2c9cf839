#pragma once

#include <QString>
#include <QStringList>

namespace procdeck::parallel {

/// GNU parallel 20221122's options, one entry for each of its option specs: its spellings
/// joined by '|' ("jobs|j"), without the value's type.
QStringList parallelOptionNames();

/// The README's "Coming from GNU parallel" option table: a Markdown row for every option of
/// parallel 20221122 with what procdeck-cli does with it, worked out from the option reader's
/// own table (paralleloptions.cpp), so that the two cannot drift apart.
QString parallelOptionTable();

} // namespace procdeck::parallel
