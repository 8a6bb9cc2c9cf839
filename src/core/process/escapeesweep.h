#pragma once

namespace procdeck::escapeesweep {

/// Escapees: processes that carry a job's marker outside its process group (setsid, double
/// forks). They are found by passes over /proc made on a thread of their own, so that the thread
/// that asks (the window's) never waits on /proc: one pass for every request made while the
/// previous one ran (400 jobs timing out together cost a pass or two, not 400). A pass skips the
/// processes of running jobs' groups and reads each other process's environment once in its life.

/// `sig` (SIGTERM: and SIGCONT) to every process marked with `treeId` outside the running jobs'
/// groups, in the next pass; SIGKILL wins over another signal asked for the same tree. Call from
/// the thread that starts jobs (it knows their groups).
void request(int treeId, int sig);
/// setpriority(`nice`) and, unless `ioprio` is -1, ioprio_set(`ioprio`) for every process marked
/// with `treeId` outside the running jobs' groups, in the next pass (a renice reaches the group
/// itself at once, through setpriority(PRIO_PGRP)). A refusal leaves that process as it is.
void renice(int treeId, int nice, int ioprio);
/// Makes a pass for what was asked and waits until it is done (procdeck-cli, before it stops).
void runNow();

} // namespace procdeck::escapeesweep
