#pragma once

#include "guardianprotocol.h"

#include <QString>
#include <QtGlobal>

#include <sys/types.h>

namespace procdeck {

/// A small program, procdeck-guard, that outlives ProcDeck to end what ProcDeck started.
///
/// Started (exec'd, with a command line of its own) on the first job start, it holds one end of a
/// socket pair whose other end only the ProcDeck process holds. ProcDeck tells it each job's
/// process group as the job starts and ends. When the socket closes — ProcDeck exited, crashed,
/// was killed with SIGKILL or by the OOM killer — it sends SIGTERM to every job tree still
/// registered and to every process carrying this run's environment marker (escapees included),
/// SIGKILL to what is left after kGraceMs, appends the jobs it ended to the report file (the
/// history marks them "interrupted: ended by the guardian" on its next open), and exits. A
/// ProcDeck that exits normally has no job left: the guardian finds nothing to end.
///
/// A guardian that dies is collected and replaced at once, and the new one told every running
/// job. A watcher the guardian forks ends the trees when ProcDeck and the guardian are killed
/// together.
namespace guardian {

/// Starts the guardian if it is not running yet (idempotent). False if it could not be made;
/// jobs still run, without that safety net.
bool ensureRunning();
/// The guardian's pid, 0 when none.
pid_t pid();
/// Bytes told but not yet taken by the guardian (it was busy or stopped): they wait in
/// ProcDeck, which never waits for them.
qsizetype waitingBytes();
/// Where the guardian appends "<run id>\t<seq>\t<ended, ms since the epoch>\t<paused ms>\n" for
/// each job it ended (the history's side file): the times ProcDeck could no longer write.
void setReportPath(const QString &path);
void jobStarted(int seq, pid_t pgid);
void jobEnded(int seq, pid_t pgid);
/// The job of group `pgid` was paused / resumed: the guardian counts its paused time.
void jobPaused(pid_t pgid);
void jobResumed(pid_t pgid);
/// A Slurm job named SlurmRun::jobName(treeId) was submitted / has ended. When ProcDeck dies,
/// the guardian runs `scancel --name=…` for each before it signals the local trees: a SIGKILL
/// to srun's group alone would leave the job running on the cluster.
void slurmJobStarted(int treeId);
void slurmJobEnded(int treeId);
/// ProcDeck holds / gave back the Slurm allocation of `jobId` (--slurm-allocate). When ProcDeck
/// dies, the guardian cancels it (`scancel JOBID`), and with it every step left in it.
void slurmAllocationHeld(int jobId);
void slurmAllocationReleased(int jobId);

} // namespace guardian
} // namespace procdeck
