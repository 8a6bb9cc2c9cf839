#pragma once

#include "jobsperlogin.h"
#include "remotefiles.h"
#include "sshlogin.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace procdeck {

/// Where jobs run: this computer, ssh logins (GNU parallel's -S), or a Slurm cluster (srun).
/// ProcDeck hands remote work to ssh and Slurm themselves; a worker of its own (procdeck-cli
/// --worker) runs there only when asked (sshWorkers, slurmWorkers).
struct RunOn {
    enum class Where { ThisComputer, SshHosts, SlurmCluster };
    Where where = Where::ThisComputer;
    QList<SshLogin> sshLogins;   ///< SshHosts: at least one (`:` is this computer)
    QStringList slurmArgs;       ///< SlurmCluster: words given to srun (-p debug --time=5 …)
    /// SlurmCluster: one allocation for the batch, asked with these words given to salloc
    /// (--slurm-allocate); empty: each job is a job of its own (or a step of the allocation
    /// ProcDeck runs in).
    QStringList slurmAllocate;
    QString slurmAllocation; ///< the job id of that allocation once granted: jobs are its steps
    /// SshHosts: one ssh login per host for the whole run, `procdeck-cli --worker` there running
    /// the jobs (--ssh-workers), instead of one ssh per job.
    bool sshWorkers = false;
    /// SlurmCluster inside an allocation (--slurm-allocate, or SLURM_JOB_ID set): one worker
    /// step per node of it, `procdeck-cli --worker`, running the jobs (--slurm-workers), instead
    /// of one srun per job.
    bool slurmWorkers = false;
    /// The allocation's nodes once granted (--slurm-allocate); 0: SLURM_JOB_NUM_NODES says.
    int slurmNodes = 0;
    /// The worker's command there (--worker-command); empty: this procdeck-cli's absolute path.
    QString workerCommand;
    /// SshHosts: GNU parallel's --basefile (`transfer`), copied to each login once before its
    /// first job, and with `cleanup` removed from it once every job has ended; `workdir` as
    /// --wd makes it for a job without values (remote/hostsetup.h).
    RemoteFiles baseFiles;
    /// SshHosts, GNU parallel's --onall: how many logins run their jobs at once (its -j; 0 or
    /// as many as there are logins: all), a login's turn coming in their order and ending once
    /// all `onAllJobsPerLogin` of its jobs have (remote/loginturns.h).
    int onAllLoginsAtOnce = 0;
    int onAllJobsPerLogin = 0;
    /// SshHosts: GNU parallel's -j, as it applies to each login (counted from its CPUs there);
    /// none: the number given with this RunOn (Scheduler::setRunOn()) says.
    std::optional<JobsPerLogin> jobsPerLogin;

    friend bool operator==(const RunOn &a, const RunOn &b)
    {
        return a.where == b.where && a.sshLogins == b.sshLogins && a.slurmArgs == b.slurmArgs
            && a.slurmAllocate == b.slurmAllocate && a.slurmAllocation == b.slurmAllocation
            && a.sshWorkers == b.sshWorkers && a.slurmWorkers == b.slurmWorkers
            && a.slurmNodes == b.slurmNodes && a.workerCommand == b.workerCommand
            && a.baseFiles == b.baseFiles && a.onAllLoginsAtOnce == b.onAllLoginsAtOnce
            && a.onAllJobsPerLogin == b.onAllJobsPerLogin && a.jobsPerLogin == b.jobsPerLogin;
    }
    friend bool operator!=(const RunOn &a, const RunOn &b) { return !(a == b); }
};

/// The exports' `executor` values.
namespace executor {
inline QString local() { return QStringLiteral("local"); }
inline QString ssh() { return QStringLiteral("ssh"); }
inline QString slurm() { return QStringLiteral("slurm"); }
} // namespace executor

} // namespace procdeck
