#pragma once

#include "types/resourcelimits.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace procdeck {

class Job;

/// GNU parallel's --load, --memfree and --memsuspend over the jobs run on this computer, as
/// parallel 20221122 decides them. A job may start while the load is below --load and free
/// memory is at least --memfree + --memsuspend. Below half of --memfree the youngest running job
/// is killed (one at a time, the next after its end) and runs again only if its --retries allow
/// it. Below twice --memsuspend the youngest jobs are paused, fewer running the lower it goes
/// (one below --memsuspend); at twice it or more, one paused job is resumed at each reading.
/// The figures come from a thread that reads /proc (the monitor's sampler): nothing here reads.
class ResourcePolicy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourcePolicy)

public:
    explicit ResourcePolicy(const QSet<const Job *> *running, QObject *parent = nullptr);

    void setLimits(const ResourceLimits &limits);
    const ResourceLimits &limits() const { return m_limits; }
    /// Whether figures are wanted at all (some limit is set).
    bool active() const { return m_limits.any(); }
    /// New figures: pauses, resumes or kills running jobs as the limits say; mayStartMore()
    /// when a held job may start now.
    void setFigures(const SystemFigures &figures);
    /// True when `job`, next to start here, must wait: it then says why in its links (heldBy).
    bool holds(Job *job);
    /// Why a job may not start now ("waiting: load 3 ≥ 2"); empty when it may.
    QString holdReason() const;
    /// `job` ended after this policy killed it (--memfree) and has tries left (--retries).
    bool wantsAnotherTry(const Job &job) const;
    /// Sizes as the notes write them: "900 MiB", "1.5 GiB".
    static QString sizeText(qint64 bytes);

signals:
    void mayStartMore();

private:
    void killYoungestIfShort();
    void suspendIfShort();
    /// The running jobs of this computer that this policy may steer, oldest first.
    QList<Job *> steerable() const;
    void setHeld(Job *job, const QString &reason);

    const QSet<const Job *> *m_running;
    ResourceLimits m_limits;
    SystemFigures m_figures;
    QPointer<Job> m_held;       ///< the job that says it waits
    QPointer<Job> m_killing;    ///< killed for memory and not ended yet
    QSet<int> m_killed;         ///< seqs of the jobs killed for memory
    QSet<const Job *> m_paused; ///< paused by --memsuspend (those the person paused are not)
    QHash<int, bool> m_notedPause; ///< seqs whose notes say they were paused for memory
};

} // namespace procdeck
