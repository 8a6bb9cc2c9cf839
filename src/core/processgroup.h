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

/// The members of the group that are alive, read from /proc. Zombies are not counted: they have
/// ended, and only wait for their parent to collect them.
QList<pid_t> livingMembers(pid_t pgid);

/// The signal's short name, "SIGKILL", or "signal 77" for one without a name.
QString signalName(int sig);

/// Makes the calling process the leader of a new process group.
/// Runs in the child between fork and exec: async-signal-safe calls, nothing else.
void becomeGroupLeader() noexcept;

} // namespace processgroup
} // namespace procdeck
