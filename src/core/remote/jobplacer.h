#pragma once

#include "hostslots.h"
#include "loginturns.h"
#include "types/runon.h"
#include "slurmqueue.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <memory>

namespace procdeck {

class HostSetup;
class Job;
class RemoteRun;
class WorkerLink;

/// What JobPlacer::place() did with a job.
enum class Placement {
    Placed,       ///< it has where to run
    NoSlot,       ///< none of its place's logins has a free slot: wait for one
    WaitsForLogin, ///< a free slot is on a login it may not take now (a retry waits for a login
                   ///< its tries have been on less, an --onall job for its own): jobs behind it
                   ///< may take that slot
    Failed ///< it can never start there (its login's --basefile could not be copied):
           ///< JobPlacer::failure() says why
};

/// Decides where each job start runs, as RunOn says: here, on a free slot of an ssh login, or
/// on the Slurm cluster, and gives the job the RemoteRun for it. The logins' slots are the
/// ProcDeck's (HostSlots, shared with every other place naming a login). A job tried again
/// (--retries: a new Job with the first try's number, Job::firstSeq()) goes, as in GNU parallel,
/// to a login its tries have been on the fewest times: one none of them has been on while there
/// is one, waiting for it while it is busy, and a login tried before only once all have been.
class JobPlacer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobPlacer)

public:
    /// `slotsPerLogin`: -j on each login when runOn.jobsPerLogin is not given (0: its CPU
    /// count, N/ or asked). `logins`: the logins' slots (needed for SshHosts), which must
    /// outlive this.
    JobPlacer(RunOn runOn, int slotsPerLogin, HostSlots *logins, QObject *parent = nullptr);
    ~JobPlacer() override;

    const RunOn &runOn() const { return m_runOn; }
    /// True when the logins' slots, not -j, say how many jobs run at once (ssh).
    bool decidesParallelism() const { return m_hosts != nullptr; }
    /// This place names its logins again: their limits are as it says from now on.
    void renewLimits();
    /// Running jobs that hold one of the logins' slots.
    int slotHolders() const { return int(m_slotOf.size()); }

    /// Gives `job` (Queued) where to run, or says why not now (try again when roomChanged()).
    Placement place(Job *job);
    /// The job no longer holds its slot (it ended, or goes back to the queue).
    void release(const Job *job);
    /// The job is gone: forget it (and the logins its tries ran on, unless a later try follows).
    void forget(const Job *job);
    /// Why place() said Failed.
    QString failure() const { return m_failure; }
    /// Every job has ended: --basefile's removal (--cleanup) from the logins.
    void finishRun();
    /// --basefile's copies or removals under way.
    bool settingUp() const;

signals:
    /// A slot became free: more jobs may start.
    void roomChanged();
    /// A --basefile copy or removal ended.
    void settled();

private:
    static void setRemote(Job *job, std::unique_ptr<RemoteRun> run);
    /// --ssh-workers: the one connection to login `index`'s worker, made at its first job.
    std::shared_ptr<WorkerLink> workerLink(int index);
    /// --slurm-workers: the worker step (one per node, started at its first job) with the
    /// fewest jobs.
    std::shared_ptr<WorkerLink> slurmWorker();
    /// The logins `job` may take now, as indexes of m_hosts: its own (--onall), else those its
    /// tries have been on the fewest times; those whose --basefile is still being copied are
    /// left out.
    QList<int> candidates(const Job *job) const;
    /// What place() says when none of `among` has a free slot.
    Placement noneFree(const Job *job);
    /// --onall -j N: `job` (its last try) has ended; true when that ended its login's turn.
    bool endTurnOf(const Job *job);

    const RunOn m_runOn;
    const JobsPerLogin m_perLogin;             ///< -j as it applies to each login
    HostSlots *const m_hosts;                  ///< null unless SshHosts
    QList<int> m_logins;                       ///< this place's logins, as indexes of m_hosts
    QList<int> m_indexOf;                      ///< m_hosts's index of each of runOn's logins
    std::unique_ptr<HostSetup> m_setup;        ///< --basefile; null without
    QString m_failure;                         ///< why the last place() said Failed
    std::unique_ptr<SlurmQueue> m_slurmQueue;
    QHash<const Job *, int> m_slotOf;          ///< login index a running job holds
    std::unique_ptr<LoginTurns> m_turns;       ///< --onall -j N; null when all run at once
    QSet<const Job *> m_turnEnded;             ///< jobs LoginTurns has heard the end of
    QHash<int, QHash<int, int>> m_triesOn;     ///< by the first try's number: tries per login
    QHash<int, std::shared_ptr<WorkerLink>> m_workerLinks; ///< --ssh-workers: by login index
    QList<std::shared_ptr<WorkerLink>> m_slurmWorkers;     ///< --slurm-workers: by node
};

} // namespace procdeck
