#pragma once

#include "types/notifysettings.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

#include <optional>

namespace procdeck {

class Job;
class Scheduler;

/// What a desktop notification says when work ended: a batch's last job, or a job run alone
/// that took a while. The window and the engine notify by the same rule and in the same words.
struct EndNotice {
    QString summary;
    QString body;
    int seq = 0;         ///< the job "Show" goes to: a batch's first failure, else its last job
    bool failed = false;
};

/// Decides, at each job's end, whether it is worth a notice; remembers the batches it spoke of.
class EndNotices
{
    Q_DECLARE_TR_FUNCTIONS(EndNotices)

public:
    explicit EndNotices(const Scheduler *scheduler) : m_scheduler(scheduler) {}
    /// The notice for `job`'s end, or none: its batch still runs (or was told of already), it
    /// ran alone for less than settings.afterSeconds, or it was cancelled.
    std::optional<EndNotice> onEnded(const Job &job, const NotifySettings &settings);

private:
    const Scheduler *m_scheduler;
    QSet<int> m_toldBatches;
};

} // namespace procdeck
