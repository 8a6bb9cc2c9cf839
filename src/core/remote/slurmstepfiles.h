#pragma once

#include <QString>
#include <QTemporaryDir>

#include <optional>

namespace procdeck {

/// How a step tells its id the moment it is made. squeue lists a step only while it runs, and a
/// short one ended between two looks (94-100 of 100 ids in bench/slurmsteps.sh); srun itself knows
/// it, and runs `--prolog` on this computer just before it launches the step, with SLURM_JOB_ID,
/// SLURM_STEP_ID and the step's SLURM_NODELIST set. The prolog this writes them to the file that
/// PROCDECK_SLURM_STEP (in srun's environment) names, one per job: "JOBID.STEPID|NODES\n". The
/// files live in a directory of this process's own, removed with it.
class SlurmStepFiles
{
public:
    /// The environment variable srun is given: the file its prolog writes.
    static constexpr char kFileVariable[] = "PROCDECK_SLURM_STEP";

    SlurmStepFiles();

    /// False when the directory or the prolog could not be made: ids come from squeue then.
    bool isValid() const { return m_valid; }
    QString prolog() const;
    QString fileFor(const QString &jobName) const;
    struct Told {
        QString stepId; ///< JOBID.STEPID
        QString nodes;
    };
    /// What the step told once its prolog has run, nothing before.
    std::optional<Told> read(const QString &jobName) const;
    void remove(const QString &jobName) const;

private:
    QTemporaryDir m_dir;
    bool m_valid = false;
};

} // namespace procdeck
