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
    /// The child was forked but its exec failed (ChildExec's pipe says why): it never ran.
    static void execFailed(Job &job);

private:
    static void connectProcess(Job &job);
    /// No local process: the remote side (RemoteRun::runsItself()) starts it.
    static Job::StartResult startRemote(Job &job, const JobSpec &spec);
    /// The job's start and clock are the other side's once it says when it started there.
    static void followRemoteClock(Job &job);
    /// Output of an ended job that came after its end (RemoteRun::lateOutput()).
    static void takeLateOutput(Job &job, int stream, const QByteArray &bytes);
    static Job::StartResult forkFailed(Job &job, int startErrno);
    static Job::StartResult nowRunning(Job &job, std::unique_ptr<JobOutputReader> reader);
    /// Why a start could not be made: a shortage (try later), or a failure said as "what: errno
    /// text".
    static Job::StartResult refuseStart(Job &job, int errnoValue, const QString &what);
};

} // namespace procdeck
