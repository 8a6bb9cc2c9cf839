#include "batchtally.h"

#include "types/jobrecord.h"

namespace procdeck {

void BatchTally::started(const QDateTime &at)
{
    --m_stats.queued;
    ++m_stats.running;
    if (at.isValid() && (!m_firstStart.isValid() || at < m_firstStart))
        m_firstStart = at;
}

void BatchTally::ended(int seq, JobState state, bool wasRunning, qint64 durationMs,
                       const QDateTime &startedAt, const QDateTime &finishedAt)
{
    if (wasRunning)
        --m_stats.running;
    else
        --m_stats.queued;
    if (isSuccess(state)) {
        ++m_stats.succeeded;
    } else {
        ++m_stats.failed;
        if (m_stats.firstFailedSeq == 0 || seq < m_stats.firstFailedSeq)
            m_stats.firstFailedSeq = seq;
    }
    m_stats.workMs += durationMs;
    if (startedAt.isValid() && finishedAt.isValid()
        && (!m_lastEnd.isValid() || finishedAt > m_lastEnd))
        m_lastEnd = finishedAt;
}

void BatchTally::addRecord(const JobRecord &r)
{
    added();
    if (r.startedAt.isValid())
        started(r.startedAt);
    ended(r.seq, r.state, r.startedAt.isValid(), r.durationMs, r.startedAt, r.finishedAt);
}

BatchStats BatchTally::stats(qint64 runningWorkMs) const
{
    BatchStats s = m_stats;
    s.workMs += runningWorkMs;
    if (m_firstStart.isValid()) {
        const QDateTime end = s.running > 0 || !m_lastEnd.isValid()
                ? QDateTime::currentDateTimeUtc()
                : m_lastEnd;
        s.wallMs = qMax<qint64>(0, m_firstStart.msecsTo(end));
    }
    return s;
}

void BatchTally::added()
{
    ++m_stats.total;
    ++m_stats.queued;
}

void BatchTally::requeued()
{
    --m_stats.running;
    ++m_stats.queued;
}

void BatchTally::retried(bool wasRunning, qint64 durationMs)
{
    if (wasRunning)
        --m_stats.running;
    else
        --m_stats.queued;
    ++m_stats.queued;
    m_stats.workMs += durationMs;
}

} // namespace procdeck
