#pragma once

#include "sshlogin.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {

/// Where jobs run: this computer, ssh logins (GNU parallel's -S), or a Slurm cluster (srun).
/// ProcDeck hands remote work to ssh and Slurm themselves; it runs no agent of its own.
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

    friend bool operator==(const RunOn &a, const RunOn &b)
    {
        return a.where == b.where && a.sshLogins == b.sshLogins && a.slurmArgs == b.slurmArgs
            && a.slurmAllocate == b.slurmAllocate && a.slurmAllocation == b.slurmAllocation;
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
