#pragma once

#include <QList>
#include <QString>

#include <sys/types.h>

namespace procdeck {

/// Process-group helpers. Every job's child leads its own group (its pgid is its pid), so a
/// signal to the group reaches grandchildren of `sh -c` too.
namespace processgroup {

/// Sends `sig` to every member of the group. False when no member was there to receive it.
bool signalGroup(pid_t pgid, int sig);

/// The signal's short name, "SIGKILL", or "signal 77" for one without a name.
QString signalName(int sig);

/// Every signal back to its default disposition and an empty signal mask: for a forked child
/// (a job before its exec, the guardian) that must not keep what ProcDeck ignores, blocks or
/// handles. Async-signal-safe calls only.
void restoreDefaultSignals() noexcept;

} // namespace processgroup
} // namespace procdeck
