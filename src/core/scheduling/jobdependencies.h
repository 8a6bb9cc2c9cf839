#pragma once

#include "types/jobspec.h"

#include <QList>
#include <QString>

namespace procdeck {

/// The "id", "after" and "after_success" of one batch's jobs, checked before anything runs.
namespace jobdependencies {

/// True when an entry of "after"/"after_success" names a job already in the scheduler by its
/// number ("#3", the window's "Run after…") rather than an id of the same batch.
bool isJobNumber(const QString &ref, int *seq = nullptr);

/// Checks the batch: ids unique, every id named in "after"/"after_success" is one of the
/// batch's, and no cycle. False with *error naming the ids (jobs are
/// numbered from 1 in the batch's order), and the cycle as "a → b → a".
bool check(const QList<JobSpec> &specs, QString *error);

/// For each job, the indices (into `specs`) of the jobs of the same batch it waits for;
/// "#N" entries are left out. Call after check().
QList<QList<int>> resolve(const QList<JobSpec> &specs, bool successOnly);

} // namespace jobdependencies
} // namespace procdeck
