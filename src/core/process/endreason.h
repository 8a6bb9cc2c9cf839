#pragma once

#include "types/jobrecord.h"

#include <QCoreApplication>
#include <QString>

namespace procdeck {

class Job;

/// Why a job ended, in the person's language: one wording for the window, procdeck-cli, the
/// exports and the reports (a class only for its translation context).
class EndReason final
{
    Q_DECLARE_TR_FUNCTIONS(EndReason)

public:
    /// One line that tells the end in order: "Timed out: SIGTERM at 1 s, still running at 3 s,
    /// SIGKILL.", "Killed by you: SIGTERM at 4.2 s.", "Killed: ended by SIGUSR1 — sent from
    /// ProcDeck.", "Crashed: ended by SIGSEGV (Segmentation fault) — not sent by ProcDeck.",
    /// "Exited with code 2.". Empty while the job is
    /// queued or running (unless its timeout already expired). `timeoutSeconds` <= 0: not known.
    static QString summary(const JobRecord &r, double timeoutSeconds);
    static QString summary(const Job &job);

    /// What ProcDeck sent to end it, in order ("SIGTERM at 1 s, still running at 3 s, SIGKILL");
    /// for a job a signal ended otherwise, who sent that ("ended by SIGKILL — not sent by
    /// ProcDeck; probably the kernel's out-of-memory killer"); empty when neither.
    static QString story(const JobRecord &r);

    /// What ProcDeck did on its own around the job (leftover processes killed, output not kept…)
    /// and any error the summary does not already say, as the engine recorded them; empty if
    /// nothing.
    static QString details(const JobRecord &r);
    static QString details(const Job &job);
    /// Slurm's final state (JobRecord::slurmState) in words; empty for none and COMPLETED.
    static QString slurmWords(const QString &state);

    /// The notes an export writes: the story first, then the engine's notes.
    static QString exportNotes(const JobRecord &r);

    /// The state as the window's State column says it: "Timed out", "Timed out (still
    /// running)", "Failed to start"…
    static QString stateWord(JobState state, bool timedOut);

    /// "1", "2.5", "120": seconds as the end's story gives them (a tenth at most).
    static QString seconds(qint64 ms);

private:
    static QString whoSent(const JobRecord &r);
    static QString timedOutSummary(const JobRecord &r, double timeoutSeconds,
                                   const QString &told);
};

} // namespace procdeck
