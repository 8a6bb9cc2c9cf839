#pragma once

namespace procdeck::fdbudget {

/// Descriptors a job holds while it runs (two pipes' read ends, the process handle, up to two
/// spill files, a terminal's master side in terminal mode) and the extra it needs for a moment
/// while starting (pipe write ends, the exec-status pipe, /dev/null for stdin, a terminal's slave).
constexpr int kHeldPerJob = 6;
constexpr int kExtraWhileStarting = 7;
/// Kept free for everything else the program opens (an export, the history database, Qt).
constexpr int kReserve = 8;

/// The soft RLIMIT_NOFILE.
int limit();
/// Raises the soft RLIMIT_NOFILE to the hard one, as a long-running launcher should.
void raiseToHardLimit();
/// How many descriptors this process has open now (from /proc/self/fd).
int openCount();
/// True when one more job can be started, `running` jobs running, without risking EMFILE.
/// Counts the open descriptors only when the limit is near enough to matter.
bool allowsAnotherStart(int running);

} // namespace procdeck::fdbudget
