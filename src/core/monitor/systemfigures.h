#pragma once

#include "types/resourcelimits.h"

#include <QString>

namespace procdeck::systemfigures {

/// Where the figures are read: /proc, or the folder PROCDECK_TEST_PROC names (for tests only: a
/// folder holding a `stat` and a `meminfo` in /proc's format, so that a test sets the figures).
QString procDir();

/// The load and free memory now, as GNU parallel reads them (SystemFigures), from procDir()'s
/// stat (procs_running + procs_blocked, less the thread reading it, as parallel takes its `ps`
/// away) and meminfo. Reads files: never on the window's thread.
SystemFigures read();

} // namespace procdeck::systemfigures
