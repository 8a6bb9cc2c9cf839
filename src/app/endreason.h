#pragma once

#include <QString>

namespace procdeck {
class Job;
}

namespace endreason {

/// Why the job ended, in one line of the person's language: "Timed out after 1 s: stopped with
/// SIGTERM", "Killed by you", "Crashed: SIGSEGV (Segmentation fault)", "Exited with code 2". Empty
/// while it is queued or running (unless its timeout already expired).
QString summary(const procdeck::Job &job);

/// What ProcDeck did on its own around the job (leftover processes killed, output not kept…)
/// and any error, as the engine recorded them; empty if nothing.
QString details(const procdeck::Job &job);

} // namespace endreason
