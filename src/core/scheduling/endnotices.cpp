#include "endnotices.h"

#include "process/endreason.h"
#include "process/job.h"
#include "scheduler.h"

#include <QLocale>

namespace procdeck {

std::optional<EndNotice> EndNotices::onEnded(const Job &job, const NotifySettings &settings)
{
    if (!settings.enabled)
        return std::nullopt;
    if (job.batchId() > 0) {
        const BatchStats stats = m_scheduler->batchStats(job.batchId());
        if (!stats.done() || m_toldBatches.contains(job.batchId()))
            return std::nullopt;
        m_toldBatches.insert(job.batchId());
        const QLocale locale;
        // "Show" goes to the first job that failed (the batch's counters know it: no walk over
        // its jobs), else to the one that ended last.
        const int seq = stats.firstFailedSeq > 0 ? stats.firstFailedSeq : job.seq();
        const QString summary = stats.failed > 0
                ? tr("Batch ended: %n job(s) failed", nullptr, stats.failed)
                : tr("Batch done: all %n job(s) succeeded", nullptr, stats.total);
        const QString body = tr("%n job(s) · %1 s of work in %2 s", nullptr, stats.total)
                                     .arg(locale.toString(stats.workMs / 1000.0, 'f', 1),
                                          locale.toString(stats.wallMs / 1000.0, 'f', 1));
        return EndNotice{summary, body, seq, stats.failed > 0};
    }
    if (job.elapsedMs() < qint64(settings.afterSeconds) * 1000
        || job.state() == JobState::Cancelled)
        return std::nullopt;
    return EndNotice{tr("#%1 %2").arg(job.seq()).arg(job.displayName()), EndReason::summary(job),
                     job.seq(), job.state() != JobState::Finished};
}

} // namespace procdeck
