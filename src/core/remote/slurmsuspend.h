#pragma once

#include "process/helperprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace procdeck {

/// Pauses one Slurm job the way Slurm can: `scontrol suspend <id>` and `scontrol resume <id>`
/// (SIGSTOP to srun would stop srun, not the task on the node); a step inside an allocation
/// (`JOBID.STEPID`), which scontrol cannot suspend, by `scancel --signal=STOP|CONT <id>`.
/// One scontrol at a time, run as a HelperProcess so that nothing waits for slurmctld; a wish
/// that changes while one is on its way is asked next. changed() says what Slurm has done once
/// no further question is needed; refused() says what scontrol answered when it said no (not
/// an operator or the job's owner, the job still pending, …), and the job is left as it was.
///
/// scontrol answers once slurmctld has taken the request; slurmctld hands it to slurmd on a
/// thread of its own, and slurmd carries suspends and resumes out in the order they reach it. A
/// resume that overtakes its suspend leaves the step stopped on the node for good while squeue
/// says R (seen: a resume that reached slurmctld 4 ms after the suspend; and 1 run in 13 of
/// `scontrol suspend $id; scontrol resume $id` in a shell). So a question waits until kSpacingMs
/// after the last answer: slurmstepd takes 2 s over a suspend anyway.
class SlurmSuspend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmSuspend)

public:
    /// How long after scontrol's answer the next suspend or resume of the job may be asked.
    static constexpr int kSpacingMs = 1000;

    explicit SlurmSuspend(QObject *parent = nullptr);

    /// Asks for the job `jobId` to be suspended (true) or resumed (false).
    void request(bool suspended, const QString &jobId);
    /// The last wish, granted or on its way.
    bool wanted() const { return m_wanted; }
    /// What Slurm has granted so far.
    bool isSuspended() const { return m_suspended; }
    /// Milliseconds since scontrol last answered a suspend or a resume; 0 while one is on its
    /// way, -1 when none was ever asked. slurmstepd carries them out after slurmctld has answered
    /// (a suspend takes 2 s of it) and drops the signals that come before: SlurmTerm asks this.
    qint64 msSinceAnswered() const;
    /// How long until a suspend or resume of the job may be asked (kSpacingMs), -1 while one is
    /// on its way. SlurmTerm's resumes keep to it too.
    qint64 msUntilMayAsk() const;

signals:
    void changed(bool suspended);
    void refused(const QString &error);

private:
    void next();
    void onAnswered(const HelperResult &result);
    void refuse(const QString &why);
    bool isStep() const;
    QString program() const;
    QStringList arguments() const; ///< of the question m_asking asks

    QString m_jobId;
    bool m_wanted = false;
    bool m_suspended = false;
    bool m_reported = false;
    bool m_asking = false; ///< what the scontrol on its way asks for
    QElapsedTimer m_answered; ///< since scontrol last answered (invalid: never asked)
    HelperProcess m_scontrol;
    QTimer m_spacingTimer; ///< asks next() again once kSpacingMs have passed since the last answer
};

} // namespace procdeck
