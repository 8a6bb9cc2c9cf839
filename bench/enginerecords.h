#pragma once

// What the attach benchmarks hand a client: N ended jobs as the engine holds them, and the
// watch's first listing of them as the engine frames it (pages of 500 records, then `end`).
#include "core/models/recordframe.h"
#include "core/protocol/protocol.h"
#include "core/types/jobrecord.h"

#include <QDateTime>
#include <QList>

namespace benchrecords {

using procdeck::JobRecord;
using procdeck::JobState;
using procdeck::RecordFrame;
namespace protocol = procdeck::protocol;

/// An ended job as the engine holds it.
inline JobRecord endedJob(int seq)
{
    JobRecord r;
    r.seq = seq;
    r.command = QStringLiteral("/bin/echo job-%1").arg(seq);
    r.state = JobState::Finished;
    r.exitCode = 0;
    r.queuedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    r.startedAt = r.queuedAt.addMSecs(seq % 1000);
    r.finishedAt = r.startedAt.addMSecs(3);
    r.durationMs = 3;
    r.pid = 100000 + seq;
    r.stdoutBytes = 11;
    r.stdoutLines = 1;
    r.encoding = QStringLiteral("UTF-8");
    r.cwd = QStringLiteral("/home/someone/work");
    r.stdoutPath = QStringLiteral("/home/someone/.local/share/procdeck/runs/x/%1.out").arg(seq);
    r.host = QStringLiteral("host");
    return r;
}

/// The listing's frames as the engine makes them, each page's records written into its frame
/// (the engine queues each frame for its peer as it is made).
inline QList<QByteArray> framedStraight(const QList<JobRecord> &jobs)
{
    QList<QByteArray> stream;
    for (qsizetype first = 0; first < jobs.size(); first += 500) {
        RecordFrame page(protocol::type::jobs);
        for (qsizetype i = first; i < first + 500 && i < jobs.size(); ++i)
            page.add(jobs.at(i), false, false);
        stream << page.finish();
    }
    return stream << protocol::encode(protocol::message(protocol::type::end));
}

} // namespace benchrecords
