#pragma once

#include "hostslots.h"
#include "jobplacer.h"
#include "types/runon.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <vector>

namespace procdeck {

class Job;

/// Where each job runs, when batches run in different places side by side (a batch here, one on
/// ssh logins, one on the Slurm cluster): one JobPlacer per place, shared by every job sent
/// there; and one HostSlots for every ssh login any of them names, so that a login's slots are
/// counted once for all the jobs sent to it, whichever place sent them. A job given no place of
/// its own goes to the default place (procdeck-cli's -S/--slurm) as it stands at its first start;
/// a retry goes where its first try was sent.
class JobPlacements final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobPlacements)

public:
    explicit JobPlacements(QObject *parent = nullptr);
    ~JobPlacements() override;

    /// Where jobs without a place of their own run. `slotsPerLogin` (-j) on each login unless
    /// runOn.jobsPerLogin says (JobPlacer); 0: the login's CPU count (N/ or asked).
    void setDefault(const RunOn &runOn, int slotsPerLogin);
    RunOn defaultRunOn() const;
    /// `job` runs at `runOn`, whatever the default.
    void assign(const Job *job, const RunOn &runOn, int slotsPerLogin = 0);
    /// `job` runs where `like` was sent (a retry, where its earlier try went).
    void assignLike(const Job *job, const Job *like);
    /// Where `job` runs, or would run if it started now.
    RunOn runOnOf(const Job *job) const;

    /// True when the logins' slots, not -j, say whether `job` may start (ssh).
    bool decidesParallelism(const Job *job) const;
    /// Running jobs that hold a login's slot (they do not count against -j).
    int slotHolders() const;
    /// Gives `job` (Queued) where to run, or says why not now (JobPlacer::place()).
    Placement place(Job *job);
    /// The job no longer holds its slot.
    void release(const Job *job);
    /// The job is gone: forget it.
    void forget(const Job *job);
    /// Why place() said Failed for `job`.
    QString failure(const Job *job) const;
    /// Every job has ended: each place's --basefile removal (--cleanup) starts. True when none
    /// is under way (the run is over now), else settled() tells when it is.
    bool settleRun();
    /// --basefile's copies or removals under way somewhere.
    bool settingUp() const;
    /// The slots of every ssh login used so far, in the order they were first named.
    const HostSlots *hostSlots() const { return m_hosts.get(); }

signals:
    /// Slots became free or known: more jobs may start.
    void roomChanged();
    /// Busy slots per login changed.
    void busyChanged();
    /// A --basefile copy or removal ended.
    void settled();

private:
    struct Place {
        RunOn runOn;
        int slotsPerLogin = 0;
        std::unique_ptr<JobPlacer> placer;
    };
    /// The placer of a place, made when first asked for; null for this computer.
    JobPlacer *placerFor(const RunOn &runOn, int slotsPerLogin);
    JobPlacer *placerOf(const Job *job) const;

    std::unique_ptr<HostSlots> m_hosts; ///< before m_places: their placers point to it
    std::vector<Place> m_places;
    JobPlacer *m_default = nullptr;
    QHash<const Job *, JobPlacer *> m_placerOf; ///< jobs with a place of their own (null: here)
};

} // namespace procdeck
