#pragma once

#include <QList>
#include <QSet>

#include <sys/types.h>

namespace procdeck::reaper {

/// ProcDeck is a child subreaper (PR_SET_CHILD_SUBREAPER): a job's process that leaves its
/// parent behind (setsid + a parent that exits, a double fork) is re-parented to ProcDeck rather
/// than to PID 1, so that it can still be found, ended and collected.
///
/// Children that someone else waits for — a job leader (QProcess collects it) or the guardian —
/// are registered; every other child is a stray that reapStrays() collects. Only ever waits for
/// strays by pid, never waitpid(-1), which would steal QProcess's children.

/// Makes this process a subreaper; once, idempotent.
void enableSubreaper();
void registerChild(pid_t pid);
void unregisterChild(pid_t pid);
/// True for a registered child: a running job's leader (whose pid is its process group's id).
bool isRegistered(pid_t pid);
/// Every registered child, as a copy another thread may read (the list itself is the thread's
/// that starts jobs).
QSet<pid_t> registeredChildren();
/// Children of this process that nobody registered: processes re-parented to us.
QList<pid_t> strayChildren();
/// Collects every stray that has ended; returns the strays still alive.
QList<pid_t> reapStrays();

/// A program started to outlive this process (the engine, double-forked): being a subreaper, we
/// become its parent once the fork between us exits. Marked before that, it is never a stray —
/// a job's leftovers are killed, a daemon is not. Any thread.
void markDaemon(pid_t pid);
/// Once the fork between us has been collected: a thread of its own waits for the daemon and
/// collects it when it ends, so that it leaves no zombie; then the mark goes. (Where we are no
/// subreaper the daemon is init's: the mark goes at once.) Any thread.
void reapDaemonWhenItEnds(pid_t pid);
/// True while a marked daemon has not been collected.
bool isDaemon(pid_t pid);

} // namespace procdeck::reaper
