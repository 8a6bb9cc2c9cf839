#pragma once

#include "job.h"

#include <memory>

namespace procdeck {

class JobOutputReader;

/// How a queued Job starts: the preflight, its pipes or its terminal, the fork, and what a fork
/// or an exec that failed leaves behind (a shortage of descriptors, processes or memory: Queued
/// again, to be tried later; anything else: FailedToStart). The job's friend: each step reads
/// and writes the job's own state.
class JobStart final
{
public:
    JobStart() = delete;

    /// Starts the job. Precondition: job.state() == Queued.
    static Job::StartResult run(Job &job);
    /// A queued job whose remote side says it had ended before it was mirrored (RemoteRun::
    /// endedBefore()) takes that end at once, as its final state: no start, no clock, no signal
    /// (the scheduler counts it; a page of 100,000 such rows is one insertion). Its output comes
    /// later when asked (RemoteRun::lateOutput()). False, nothing done, for any other job.
    static bool adoptEnded(Job &job);
    /// The output such a job's remote side brings when asked (RemoteRun::lateOutput()) goes
    /// into its logs from now on: connected only for the rows whose output is asked, not for
    /// each of 100,000 rows. Call once.
    static void takeLateOutput(Job &job);
    /// The child was forked but its exec failed (ChildExec's pipe says why): it never ran.
    static void execFailed(Job &job);

private:
    static void connectProcess(Job &job);
    /// No local process: the remote side (RemoteRun::runsItself()) starts it.
    static Job::StartResult startRemote(Job &job, const JobSpec &spec);
    /// The job's start and clock are the other side's once it says when it started there.
    static void followRemoteClock(Job &job);
    /// Output of an ended job that came after its end (RemoteRun::lateOutput()).
    static void addLateOutput(Job &job, int stream, const QByteArray &bytes);
    static Job::StartResult forkFailed(Job &job, int startErrno);
    static Job::StartResult nowRunning(Job &job, std::unique_ptr<JobOutputReader> reader);
    /// Why a start could not be made: a shortage (try later), or a failure said as "what: errno
    /// text".
    static Job::StartResult refuseStart(Job &job, int errnoValue, const QString &what);
};

} // namespace procdeck
