#pragma once

#include <QString>

namespace procdeck {

/// Where a job is in its life. The order is the order of a job's life, so that sorting by state
/// groups waiting, running and ended jobs.
enum class JobState {
    Queued,
    Running,
    Paused,        ///< running, its whole tree stopped (SIGSTOP) at the person's request
    Finished,      ///< exited with code 0
    Failed,        ///< exited with a non-zero code
    TimedOut,      ///< its timeout expired and the policy was "kill"
    Killed,        ///< killed at the person's request
    Crashed,       ///< ended by a signal nobody here sent
    FailedToStart, ///< never ran: missing program, bad directory, no resources…
    Cancelled,     ///< taken out of the queue before it started
    Skipped,       ///< never ran: a job it had to wait for ("after_success") did not succeed
};

/// True once the job can change no more.
constexpr bool isTerminal(JobState s)
{
    return s != JobState::Queued && s != JobState::Running && s != JobState::Paused;
}

/// True while the job's process tree exists: running or paused (a paused job keeps its slot).
constexpr bool isAlive(JobState s) { return s == JobState::Running || s == JobState::Paused; }

/// True for the one good ending; every other terminal state counts as a failure.
constexpr bool isSuccess(JobState s) { return s == JobState::Finished; }

/// The one table of a job's life: true when a job may go from `from` to `to`.
///
///   Queued  → Running        started (forked)
///   Queued  → FailedToStart  the preflight or a synchronous start failure said no
///   Queued  → Cancelled      taken out of the queue
///   Queued  → Skipped        a job it waited for with "after_success" did not succeed
///   Running → Queued         its exec failed for want of resources (EMFILE, ENFILE, EAGAIN,
///                            ENOMEM): it waits for another try
///   Running → FailedToStart  its exec failed for another reason (ENOENT, EACCES, …)
///   Running → Finished | Failed | TimedOut | Killed | Crashed   the process ended
///   Running → Paused         its tree was stopped (SIGSTOP); the timeout's clock stops too
///   Paused  → Running        its tree was continued (SIGCONT)
///   Paused  → Finished | Failed | TimedOut | Killed | Crashed    it ended while stopped
///                            (killed: SIGTERM is followed by SIGCONT)
///   a terminal state → nothing
///
/// Job emits every transition (stateChanged); a change this table does not allow is refused.
bool isAllowedTransition(JobState from, JobState to);

/// What is known when a job's leader has exited, for the verdict on it.
struct ExitFacts {
    bool crashed = false;       ///< ended by a signal
    int exitCode = 0;           ///< when it exited normally
    bool readFailed = false;    ///< its output could no longer be read: it was stopped
    bool killRequested = false; ///< the person (or quitting) killed it
    bool killedForTimeout = false; ///< its timeout expired and the policy killed it
    bool signalSent = false; ///< the signal that ended it was ProcDeck's (Send signal…)
};

/// The terminal state of a job whose leader exited: the reasons ProcDeck stopped it first
/// (a read failure, a kill, the timeout, a signal it was sent), then how it ended itself.
JobState endStateAfterExit(const ExitFacts &facts);

/// The stable, lower-case key written to exports and the history ("timed_out"). Never translated.
QString stateKey(JobState s);

/// The reverse of stateKey(); returns false for an unknown key.
bool stateFromKey(const QString &key, JobState *out);

} // namespace procdeck
