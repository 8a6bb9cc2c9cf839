#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

#include <memory>

namespace procdeck {

/// Pauses one Slurm job the way Slurm can: `scontrol suspend <id>` and `scontrol resume <id>`
/// (SIGSTOP to srun would stop srun, not the task on the node). One scontrol at a time, run as a
/// QProcess so that nothing waits for slurmctld; a wish that changes while one is on its way is
/// asked next. changed() says what Slurm has done once no further question is needed; refused()
/// says what scontrol answered when it said no (not an operator or the job's owner, the job
/// still pending, …), and the job is left as it was.
class SlurmSuspend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmSuspend)

public:
    explicit SlurmSuspend(QObject *parent = nullptr);
    ~SlurmSuspend() override;

    /// Asks for the job `jobId` to be suspended (true) or resumed (false).
    void request(bool suspended, const QString &jobId);
    /// The last wish, granted or on its way.
    bool wanted() const { return m_wanted; }
    /// What Slurm has granted so far.
    bool isSuspended() const { return m_suspended; }

signals:
    void changed(bool suspended);
    void refused(const QString &error);

private:
    void next();
    void onAnswered(int exitCode, QProcess::ExitStatus status);
    void refuse(const QString &why);

    QString m_jobId;
    bool m_wanted = false;
    bool m_suspended = false;
    bool m_reported = false;
    bool m_asking = false; ///< what the scontrol on its way asks for
    std::unique_ptr<QProcess> m_scontrol;
};

} // namespace procdeck
