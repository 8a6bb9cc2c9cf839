#include "jobstart.h"

#include "childrenusage.h"
#include "guardian.h"
#include "jobprocess.h"
#include "output/joboutput.h"
#include "output/joboutputreader.h"
#include "output/pseudoterminal.h"
#include "preflight.h"
#include "reaper.h"
#include "session.h"
#include "types/errnotext.h"

namespace procdeck {

namespace {
int s_lastTreeId = 0; ///< the GUI (main) thread starts every job
} // namespace

Job::StartResult JobStart::run(Job &job)
{
    Q_ASSERT(job.m_state == JobState::Queued);
    if (job.m_state != JobState::Queued)
        return Job::StartResult::Failed;

    job.m_treeId = ++s_lastTreeId;
    job.m_output->open();
    const JobSpec spec = job.specToRun();
    if (job.m_remote && job.m_remote->runsItself())
        return startRemote(job, spec);
    const JobSpec run = job.m_remote ? job.m_remote->localCommand(spec, job.m_treeId) : spec;
    if (const QString problem = preflight::problem(run); !problem.isEmpty()) {
        job.failToStart(problem);
        return Job::StartResult::Failed;
    }
    ChildrenUsage::takeBaseline();
    reaper::enableSubreaper();
    guardian::ensureRunning();
    job.m_startErrno = 0;
    if (const int injected = JobProcess::takeInjectedStartErrno())
        return refuseStart(job, injected, QStringLiteral("cannot start"));

    int pipeErrno = 0;
    QString failed = QStringLiteral("cannot start");
    auto reader = std::make_unique<JobOutputReader>(*job.m_output);
    if (!run.pty && !reader->open(&pipeErrno))
        return refuseStart(job, pipeErrno, failed);
    job.m_process = JobProcess::create(run, session::markerEntry(job.m_treeId),
                                       run.pty ? nullptr : reader->childDescriptors(),
                                       &pipeErrno, &failed);
    if (!job.m_process)
        return refuseStart(job, pipeErrno, failed);
    if (job.m_process->terminal()
        && !reader->openTerminal(job.m_process->terminal()->masterFd(), &pipeErrno)) {
        job.releaseProcess();
        return refuseStart(job, pipeErrno, failed);
    }
    connectProcess(job);
    // The clock starts before the fork, as Python's time.time() around Popen would: the
    // duration is never shorter than what the child did, however late anything is handled.
    job.m_clock.start();
    job.m_startedAt = QDateTime::currentDateTimeUtc();
    const int startErrno = job.m_process->startChild();
    if (job.m_process->state() == QProcess::NotRunning)
        return forkFailed(job, startErrno);
    return nowRunning(job, std::move(reader));
}

Job::StartResult JobStart::startRemote(Job &job, const JobSpec &spec)
{
    RemoteRun *remote = job.m_remote.get();
    QObject::connect(remote, &RemoteRun::remoteOutput, &job, &Job::onRemoteOutput);
    QObject::connect(remote, &RemoteRun::remoteUsage, &job, &Job::addUsageSample);
    QObject::connect(remote, &RemoteRun::remoteEnded, &job, &Job::onFinished);
    QObject::connect(remote, &RemoteRun::changed, &job, [&job] { followRemoteClock(job); });
    takeLateOutput(job);
    job.m_clock.start();
    job.m_startedAt = QDateTime::currentDateTimeUtc();
    remote->startRemote(spec, job.m_treeId);
    followRemoteClock(job);
    job.armTimeout();
    job.setState(JobState::Running);
    job.announce(JobEvent::Started);
    return Job::StartResult::Started;
}

void JobStart::takeLateOutput(Job &job)
{
    RemoteRun *remote = job.m_remote.get();
    QObject::connect(remote, &RemoteRun::lateOutput, &job,
                     [&job](int stream, const QByteArray &bytes) {
                         addLateOutput(job, stream, bytes);
                     });
    QObject::connect(remote, &RemoteRun::lateOutputDone, &job, [&job] {
        job.m_output->close();
        // Its logs hold all the engine counted: theirs are the exact counts from now on. A
        // fetch cut short (the engine went away) leaves the engine's count standing.
        const qint64 fetched = job.stdoutLog().totalBytes() + job.stderrLog().totalBytes();
        if (fetched >= job.outputBytesThere()) {
            job.m_outputBytesThere = {-1, -1};
            job.m_outputLinesThere = {-1, -1};
        }
        job.announce(JobEvent::OutputChanged);
    });
}

bool JobStart::adoptEnded(Job &job)
{
    EndThere end;
    if (job.m_state != JobState::Queued || !job.m_remote || !job.m_remote->endedBefore(&end))
        return false;
    job.m_startedAt = end.startedAt;
    job.m_durationMs = end.durationMs;
    job.m_finishedAt = end.startedAt.isValid() ? end.startedAt.addMSecs(end.durationMs)
                                               : QDateTime::currentDateTimeUtc();
    job.m_exitCode = end.exitCode;
    job.m_signal = end.signal;
    job.m_timedOut = end.state == JobState::TimedOut;
    job.m_error = end.error;
    job.m_outputBytesThere = end.outputBytes; // until its output is fetched (takeLateOutput())
    job.m_outputLinesThere = end.outputLines;
    job.m_state = end.state; // no transition to tell: it is made as it ended, before anyone sees
    return true;
}

void JobStart::followRemoteClock(Job &job)
{
    // The engine's start counts: not the submit, not the moment this window attached.
    const QDateTime there = job.m_remote->startedThere();
    if (!there.isValid() || there == job.m_startedAt || isTerminal(job.m_state))
        return;
    job.m_startedAt = there;
    job.m_clockOffsetMs = there.msecsTo(QDateTime::currentDateTimeUtc()) - job.m_clock.elapsed();
}

void JobStart::addLateOutput(Job &job, int stream, const QByteArray &bytes)
{
    if (!isTerminal(job.m_state))
        return;
    job.m_output->open(); // its streams ended empty: each gets a log of its own again
    (stream == 0 ? job.m_output->sharedStdout() : job.m_output->sharedStderr())->append(bytes);
    job.m_output->publish();
    job.announce(JobEvent::OutputChanged);
}

void JobStart::connectProcess(Job &job)
{
    QObject::connect(job.m_process.get(), &QProcess::started, &job, &Job::onStarted);
    QObject::connect(job.m_process.get(), &JobProcess::leaderExited, &job, &Job::onFinished);
    QObject::connect(job.m_process.get(), &JobProcess::execFailed, &job,
                     [&job] { execFailed(job); });
}

Job::StartResult JobStart::forkFailed(Job &job, int startErrno)
{
    // It failed before there was a child (no pipe, no fork): still Queued, never Running.
    const QString reason = job.m_process->errorString();
    job.m_clock.invalidate();
    job.m_startedAt = QDateTime();
    job.releaseProcess();
    if (isResourceShortage(startErrno)) {
        job.m_startErrno = startErrno;
        return Job::StartResult::NoResources;
    }
    job.failToStart(reason);
    return Job::StartResult::Failed;
}

Job::StartResult JobStart::nowRunning(Job &job, std::unique_ptr<JobOutputReader> reader)
{
    job.m_reader = std::move(reader);
    QObject::connect(job.m_reader.get(), &JobOutputReader::arrived, &job,
                     &Job::scheduleOutputNotification);
    QObject::connect(job.m_reader.get(), &JobOutputReader::drained, &job, &Job::onOutputComplete);
    QObject::connect(job.m_reader.get(), &JobOutputReader::readFailed, &job, &Job::onReadFailed);
    job.m_reader->start(std::exchange(job.m_readErrorInjected, false));
    job.m_pid = job.m_process->processId();
    reaper::registerChild(pid_t(job.m_pid));
    guardian::jobStarted(job.m_seq, pid_t(job.m_pid));
    if (job.m_remote)
        job.m_remote->localProcessStarted(pid_t(job.m_pid));
    // Armed from the moment of the fork, not when `started` is handled: a start loop of a
    // thousand jobs must not give the first ones more time than they were promised.
    job.armTimeout();
    job.setState(JobState::Running);
    job.announce(JobEvent::Started);
    return Job::StartResult::Started;
}

Job::StartResult JobStart::refuseStart(Job &job, int errnoValue, const QString &what)
{
    if (isResourceShortage(errnoValue)) {
        job.m_startErrno = errnoValue;
        return Job::StartResult::NoResources;
    }
    job.failToStart(QStringLiteral("%1: %2").arg(what, errnoText(errnoValue)));
    return Job::StartResult::Failed;
}

void JobStart::execFailed(Job &job)
{
    if (job.m_state != JobState::Running)
        return;
    const int err = job.m_process ? job.m_process->takeExecErrno() : 0;
    const QString reason = job.m_process ? job.m_process->errorString() : QString();
    reaper::unregisterChild(pid_t(job.m_pid));
    guardian::jobEnded(job.m_seq, pid_t(job.m_pid));
    // Killed or timed out meanwhile: the person's word (or the promise) stands, no second try.
    if (isResourceShortage(err) && !job.m_killRequested && !job.m_timedOut) {
        job.m_startErrno = err;
        job.m_timeoutTimer.stop();
        job.m_killer.reset();
        job.releaseProcess();
        job.m_clock.invalidate();
        job.m_startedAt = QDateTime();
        job.m_pid = 0;
        job.m_notes << QStringLiteral("its exec failed for want of resources (%1); queued again")
                               .arg(errnoText(err));
        if (job.setState(JobState::Queued))
            job.announce(JobEvent::Requeued);
        return;
    }
    job.m_durationMs = job.m_clock.isValid() ? job.m_clock.elapsed() : 0;
    const QString program = job.m_spec.useShell ? QStringLiteral("/bin/sh") : job.m_spec.program;
    job.failToStart(err != 0 ? QStringLiteral("cannot run '%1': %2").arg(program, errnoText(err))
                             : reason);
}

} // namespace procdeck
