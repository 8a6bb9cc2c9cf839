#pragma once
// How many jobs procdeck-cli can run at once under a low `ulimit -n`, and what it says then.

#include <QString>
#include <QStringList>

#include <functional>

namespace procdeck {
class Scheduler;
}

namespace descriptorfit {

/// The number of jobs to run at once: `wanted` when they fit in the descriptors left now (with what
/// the first job opens: the history's writer with `history`; a --pipe job's input with `pipe`),
/// fewer with GNU parallel's warning in *warning (its lines, without the program's name), or 0
/// with *error when not even one job fits. Counts /proc/self/fd: call before the jobs start.
int jobsAtOnce(int wanted, bool history, bool pipe, QStringList *warning, QString *error);

/// jobsAtOnce() for the scheduler's -j (-j0: `jobCount`, when known): lowers it (and *maxParallel,
/// --pipe's read-ahead, when set) to what fits, each line of the warning given to `say`; false
/// with *error when not one fits. A shortage of descriptors later is then waited out.
bool fitJobs(procdeck::Scheduler *scheduler, int *maxParallel, qsizetype jobCount, bool history,
             bool pipe, const std::function<void(const QString &)> &say, QString *error);

} // namespace descriptorfit
