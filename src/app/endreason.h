#pragma once

#include <QCoreApplication>
#include <QString>

namespace procdeck {
class Job;
}

namespace procdeck::app {

/// Why a job ended, in the person's language (a class only for its translation context).
class EndReason final
{
    Q_DECLARE_TR_FUNCTIONS(EndReason)

public:
    /// One line: "Timed out after 1 s: ended by SIGTERM.", "Killed by you.", "Crashed: ended by
    /// SIGSEGV (Segmentation fault), which ProcDeck did not send.", "Exited with code 2.". Empty
    /// while the job is queued or running (unless its timeout already expired).
    static QString summary(const procdeck::Job &job);

    /// What ProcDeck did on its own around the job (leftover processes killed, output not kept…)
    /// and any error, as the engine recorded them; empty if nothing.
    static QString details(const procdeck::Job &job);
};

} // namespace procdeck::app
