#pragma once

#include "parallelinput.h"
#include "parallelsettings.h"

#include <QRegularExpression>

namespace procdeck::parallel {

/// GNU parallel's --header without --pipe (its set_input_source_header): the first value of
/// each input source names its columns (split at --colsep, or at TAB), numbered on from 1 across
/// the sources; {name}, {name/}, {name//}, {name.}, {name/.} and {=name … =} in the command,
/// --tagstring, --results, --wd, --return and --transferfile become {N} … ; --results' tree
/// says the names instead of the numbers (Settings::columnNames). --header 0 reads no line: the
/// files given with -a or :::: name the columns instead ({dir/file} for the file dir/file).
void applyHeader(QList<InputSource> *sources, const QRegularExpression *colsep, Settings *s,
                 QStringList *words);

} // namespace procdeck::parallel
