#pragma once
// What the run-log test suites share.
#include "core/export/runlog.h"

namespace runlogtest {

/// A finished job's row, as a run log gets it, with one line of output.
inline procdeck::ExportEntry singleJob(int seq, qint64 startMs, qint64 durationMs)
{
    procdeck::ExportEntry e;
    e.record.seq = seq;
    e.record.command = QStringLiteral("job %1").arg(seq);
    e.record.state = procdeck::JobState::Finished;
    e.record.exitCode = 0;
    e.record.startedAt = QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC);
    e.record.finishedAt = e.record.startedAt.addMSecs(durationMs);
    e.record.durationMs = durationMs;
    e.record.stdoutBytes = 4;
    e.record.stdoutLines = 1;
    e.stdoutText = QStringLiteral("one\n");
    return e;
}

} // namespace runlogtest
