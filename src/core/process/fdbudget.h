#pragma once

namespace procdeck::fdbudget {

/// Descriptors a job holds while it runs: its two output pipes' read ends, the process handle and
/// up to two spill files (a terminal job: the master side, the pump's copy, the handle, one file).
constexpr int kHeldPerJob = 5;
/// Descriptors a start holds for a moment, the started job's among them: the output pipes (4), the
/// pipe a failed exec's errno comes back through (2), QProcess's start-up pipe (2) and the process
/// handle. Nothing else: /dev/null is opened in the child (ChildExec).
constexpr int kNeededToStart = 9;
/// Kept free for what other threads open for a moment while a job starts (the sampler's /proc
/// files); the printer's threads wait for a descriptor rather than fail (OutputSink).
constexpr int kReserve = 1;
/// What procdeck-cli opens with its first job, after it can be counted: the output pump's epoll
/// and wake-up, the reaper's /proc children file, the guardian's socket, the history writer's
/// database, log and shared memory (with `history`).
int openedWithTheFirstJob(bool history);

/// The soft RLIMIT_NOFILE.
int limit();
/// Raises the soft RLIMIT_NOFILE to the hard one, as a long-running launcher should.
void raiseToHardLimit();
/// How many descriptors below the limit this process has open now (from /proc/self/fd): those
/// are the numbers a new one cannot take. Not on the GUI thread (it reads /proc).
int openCount();
/// How many jobs can run at once with `open` descriptors held by everything else (counted with
/// openCount(), and what opens later), each job holding `heldPerJob`: GNU parallel's "Only enough
/// file handles to run N jobs in parallel". 0: not even one.
/// `neededToStart`: what a start holds for a moment, the started job's descriptors among them.
int jobsThatFit(int open, int heldPerJob = kHeldPerJob, int neededToStart = kNeededToStart);
/// True when one more job can be started, `running` jobs running, without risking EMFILE.
/// Counts the open descriptors only when the limit is near enough to matter.
bool allowsAnotherStart(int running);

} // namespace procdeck::fdbudget
