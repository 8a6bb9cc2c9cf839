#pragma once

#include "process/helperprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace procdeck {

class SlurmSuspend;

/// The SIGTERM of a kill, for a Slurm job that is or was lately suspended: `scontrol resume <id>`,
/// then `scancel --signal=TERM <id>`, sent again until it can no longer have been lost.
///
/// slurmstepd drops every signal but SIGKILL while it holds a step suspended — from the start of
/// a suspend (SIGTSTP, a wait of 2 s, SIGSTOP) until a resume has reached it — and nobody hears
/// of it: scancel has exited, and squeue says S, or R, as soon as slurmctld has taken the
/// suspend or the resume. slurmd makes a resume wait behind a suspend still under way, while it
/// hands a signal over at once. So a TERM within ~2 s of a pause, or one that overtakes its
/// resume, was lost, and the job only ended at the grace period's final scancel. Nothing Slurm
/// shows tells when the step is resumed for real, so the TERM goes again kAgainMs after the last
/// one ended, while it may have been lost (until kSettleMs past our first resume, and past
/// slurmstepd's share of the last suspend or resume), until stop(). The first resume keeps
/// SlurmSuspend's spacing (a resume must not overtake a suspend). A job whose TERM trap takes its
/// time may be told more than once meanwhile; one that dies of its first TERM ends it all.
class SlurmTerm final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmTerm)

public:
    /// How long after one resume-and-TERM has ended the next one starts.
    static constexpr int kAgainMs = 500;
    /// slurmstepd's wait between SIGTSTP and SIGSTOP.
    static constexpr int kStepdSuspendMs = 2000;
    /// How long after slurmctld has taken a suspend or a resume (past slurmstepd's 2 s for a
    /// suspend) it, or a signal, may still be on its way through slurmd to slurmstepd when the
    /// cluster is loaded.
    static constexpr int kSettleMs = 5000;

    /// `suspend` pauses the job and tells when it last did; it must outlive this.
    explicit SlurmTerm(const SlurmSuspend &suspend, QObject *parent = nullptr);

    /// True when a plain `scancel --signal=TERM` could be lost now: the job is suspended, a
    /// suspend or resume is on its way, or slurmstepd may still be carrying one out.
    bool needed() const;
    /// Resumes job `jobId` and sends it SIGTERM now, and again as said above. No-op while active.
    void start(const QString &jobId);
    /// No TERM after the one on its way (the job ended, or the grace period's scancel went).
    void stop();

private:
    void send();
    void onSent();
    bool mayBeLost() const;

    const SlurmSuspend &m_suspend;
    QString m_jobId;
    bool m_active = false;
    bool m_resuming
            = false; ///< it was suspended (or on its way) at start(): our resume may be late
    int m_sent = 0;
    QElapsedTimer m_sinceFirst; ///< since the first resume-and-TERM went
    QTimer m_againTimer;
    HelperProcess m_process;
};

} // namespace procdeck
