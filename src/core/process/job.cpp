#include "job.h"

#include "childrenusage.h"
#include "types/errnotext.h"
#include "guardian.h"
#include "output/joboutput.h"
#include "output/joboutputreader.h"
#include "jobprocess.h"
#include "preflight.h"
#include "output/pseudoterminal.h"
#include "reaper.h"
#include "session.h"
#include "treekiller.h"

#include <QTimerEvent>

namespace procdeck {

namespace {

int s_lastTreeId = 0; ///< the GUI (main) thread starts every job

constexpr int kNotifyIntervalMs = 100;
} // namespace

Job::Job(int seq, JobSpec spec, const QString &outputDir, qsizetype tailLimit, QObject *parent)
    : QObject(parent), JobFacts(seq, std::move(spec), outputDir, tailLimit)
{
}

Job::~Job()
{
    killNow();
    if (m_process) {
        // The tree is gone (SIGKILL); QProcess's own destructor would wait for the leader.
        m_process->disconnect(this);
    }
    if (isAlive(m_state) && m_pid > 0)
        guardian::jobEnded(m_seq, pid_t(m_pid));
}

void Job::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_timeoutTimer.timerId()) {
        m_timeoutTimer.stop();
        onTimeout();
    } else if (event->timerId() == m_notifyTimer.timerId()) {
        m_notifyTimer.stop();
        if (m_reader)
            m_reader->publish();
        announce(JobEvent::OutputChanged);
    } else {
        QObject::timerEvent(event);
    }
}

Job::StartResult Job::start()
{
    Q_ASSERT(m_state == JobState::Queued);
    if (m_state != JobState::Queued)
        return StartResult::Failed;

    m_treeId = ++s_lastTreeId;
    const JobSpec spec = specToRun();
    const JobSpec run = m_remote ? m_remote->localCommand(spec, m_treeId) : spec;
    if (const QString problem = preflight::problem(run); !problem.isEmpty()) {
        failToStart(problem);
        return StartResult::Failed;
    }
    ChildrenUsage::takeBaseline();
    reaper::enableSubreaper();
    guardian::ensureRunning();
    m_startErrno = 0;
    if (const int injected = JobProcess::takeInjectedStartErrno())
        return refuseStart(injected, QStringLiteral("cannot start"));

    int pipeErrno = 0;
    QString failed = QStringLiteral("cannot start");
    auto reader = std::make_unique<JobOutputReader>(*m_output);
    if (!run.pty && !reader->open(&pipeErrno))
        return refuseStart(pipeErrno, failed);
    m_process = JobProcess::create(run, session::markerEntry(m_treeId),
                                   run.pty ? nullptr : reader->childDescriptors(), &pipeErrno,
                                   &failed);
    if (!m_process)
        return refuseStart(pipeErrno, failed);
    if (m_process->terminal()
        && !reader->openTerminal(m_process->terminal()->masterFd(), &pipeErrno)) {
        releaseProcess();
        return refuseStart(pipeErrno, failed);
    }
    connectProcess();
    // The clock starts before the fork, as Python's time.time() around Popen would: the
    // duration is never shorter than what the child did, however late anything is handled.
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    const int startErrno = m_process->startChild();
    if (m_process->state() == QProcess::NotRunning)
        return forkFailed(startErrno);
    return nowRunning(std::move(reader));
}

void Job::connectProcess()
{
    connect(m_process.get(), &QProcess::started, this, &Job::onStarted);
    connect(m_process.get(), &JobProcess::leaderExited, this, &Job::onFinished);
    connect(m_process.get(), &JobProcess::execFailed, this, &Job::onExecFailed);
}

Job::StartResult Job::forkFailed(int startErrno)
{
    // It failed before there was a child (no pipe, no fork): still Queued, never Running.
    const QString reason = m_process->errorString();
    m_clock.invalidate();
    m_startedAt = QDateTime();
    releaseProcess();
    if (isResourceShortage(startErrno)) {
        m_startErrno = startErrno;
        return StartResult::NoResources;
    }
    failToStart(reason);
    return StartResult::Failed;
}

Job::StartResult Job::nowRunning(std::unique_ptr<JobOutputReader> reader)
{
    m_reader = std::move(reader);
    connect(m_reader.get(), &JobOutputReader::arrived, this, &Job::scheduleOutputNotification);
    connect(m_reader.get(), &JobOutputReader::drained, this, &Job::onOutputComplete);
    connect(m_reader.get(), &JobOutputReader::readFailed, this, &Job::onReadFailed);
    m_reader->start(std::exchange(m_readErrorInjected, false));
    m_pid = m_process->processId();
    reaper::registerChild(pid_t(m_pid));
    guardian::jobStarted(m_seq, pid_t(m_pid));
    if (m_remote)
        m_remote->localProcessStarted(pid_t(m_pid));
    // Armed from the moment of the fork, not when `started` is handled: a start loop of a
    // thousand jobs must not give the first ones more time than they were promised.
    armTimeout();
    setState(JobState::Running);
    announce(JobEvent::Started);
    return StartResult::Started;
}

Job::StartResult Job::refuseStart(int errnoValue, const QString &what)
{
    if (isResourceShortage(errnoValue)) {
        m_startErrno = errnoValue;
        return StartResult::NoResources;
    }
    failToStart(QStringLiteral("%1: %2").arg(what, errnoText(errnoValue)));
    return StartResult::Failed;
}

void Job::onStarted()
{
    m_process->execSucceeded();
    m_process->feedStandardInput(m_spec);
}

void Job::scheduleOutputNotification()
{
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start(kNotifyIntervalMs, this);
}

void Job::onTimeout()
{
    if (m_state != JobState::Running || m_leaderExited)
        return;
    m_timedOut = true;
    emit timeoutExpired(this);
    if (m_spec.timeoutAction == TimeoutAction::Kill)
        endTree(false);
    announce(JobEvent::StateChanged); // "Timed out (still running)" is a change worth showing
}

void Job::kill()
{
    if (m_state == JobState::Queued) {
        finish(JobState::Cancelled);
        return;
    }
    if (!isAlive(m_state) || m_leaderExited) // its tree was swept when the leader exited
        return;
    m_killRequested = true;
    if (m_pid > 0)
        endTree(false);
}

void Job::killNow()
{
    if (!isAlive(m_state) || m_leaderExited)
        return;
    m_killRequested = true;
    if (m_pid > 0)
        endTree(true);
}

void Job::endTree(bool now)
{
    qint64 &sentMs = now ? m_signalled.killMs : m_signalled.termMs;
    sentMs = sentMs < 0 ? elapsedMs() : sentMs; // the first time counts (a kill after a timeout)
    now ? killer()->killNow() : killer()->terminate(m_spec.graceSeconds);
}

TreeKiller *Job::killer()
{
    // Made when first needed: most jobs end without anyone killing them, and a QObject with a
    // timer per job is a cost a thousand short jobs would feel.
    if (!m_killer) {
        m_killer = std::make_unique<TreeKiller>(pid_t(m_pid), m_treeId);
        m_killer->setRemote(m_remote.get());
        connect(m_killer.get(), &TreeKiller::escalated, this, [this] {
            if (!m_leaderExited) // else the notes say what became of the rest of its tree
                m_signalled.killMs = elapsedMs();
        });
    }
    return m_killer.get();
}

void Job::onFinished(int exitCode, bool crashed)
{
    if (!isAlive(m_state) || m_leaderExited)
        return;
    m_leaderExited = true;
    m_timeoutTimer.stop();
    m_pauseClock.end();
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    reaper::unregisterChild(pid_t(m_pid)); // QProcess has collected it
    // The leader's final CPU time and peak memory, last moments included, which sampling cannot
    // see.
    ChildrenUsage::attributeTo(m_usage);
    // The leader is gone; whatever else is in its tree (its group, escapees) would be orphaned.
    if (const QString note
        = TreeKiller::endTreeAfterLeader(std::move(m_killer), pid_t(m_pid), m_treeId);
        !note.isEmpty())
        m_notes << note;

    m_crashed = crashed;
    (crashed ? m_signal : m_exitCode) = exitCode; // Qt reports a crash's signal as its exit code
    // Everything the tree wrote before it was swept is in the pipes: counted before the end.
    if (m_reader)
        return m_reader->drain();
    onOutputComplete();
}

void Job::onOutputComplete()
{
    if (!isAlive(m_state) || !m_leaderExited)
        return;
    releaseReader();
    m_output->publish();
    // Remote: ssh's failure (m_error), a signal (m_signal), Slurm's id; then this runs again.
    if (m_remote && !std::exchange(m_remoteEndTold, true))
        return m_remote->ended({&m_exitCode, &m_signal, &m_crashed}, stderrText(), &m_error,
                               [this] { onOutputComplete(); });
    finish(endStateAfterExit({ m_crashed, m_crashed ? m_signal : m_exitCode, m_readFailed,
                               m_killRequested,
                               m_timedOut && m_spec.timeoutAction == TimeoutAction::Kill }));
}

void Job::onReadFailed(int errnoValue)
{
    // The output can no longer be captured: end the job rather than let it run blind.
    m_readFailed = true;
    m_error = QStringLiteral("reading the job's output failed (%1); the job was stopped")
                      .arg(errnoText(errnoValue));
    if (m_pid > 0 && isAlive(m_state) && !m_leaderExited)
        killer()->killNow();
}

void Job::onExecFailed()
{
    if (m_state != JobState::Running)
        return;
    // The child was forked but its exec failed: it never ran. ChildExec's pipe says why.
    const int err = m_process ? m_process->takeExecErrno() : 0;
    const QString reason = m_process ? m_process->errorString() : QString();
    reaper::unregisterChild(pid_t(m_pid));
    guardian::jobEnded(m_seq, pid_t(m_pid));
    // Killed or timed out meanwhile: the person's word (or the promise) stands, no second try.
    if (isResourceShortage(err) && !m_killRequested && !m_timedOut) {
        m_startErrno = err;
        m_timeoutTimer.stop();
        m_killer.reset();
        releaseProcess();
        m_clock.invalidate();
        m_startedAt = QDateTime();
        m_pid = 0;
        m_notes << QStringLiteral("its exec failed for want of resources (%1); queued again")
                           .arg(errnoText(err));
        if (setState(JobState::Queued))
            announce(JobEvent::Requeued);
        return;
    }
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    failToStart(err != 0
                        ? QStringLiteral("cannot run '%1': %2")
                                  .arg(m_spec.useShell ? QStringLiteral("/bin/sh") : m_spec.program,
                                       errnoText(err))
                        : reason);
}

void Job::failToStart(const QString &reason)
{
    m_error = reason;
    finish(JobState::FailedToStart);
}

void Job::releaseReader()
{
    if (m_reader) {
        // No more of its calls; deleted later, since this may run inside one of its signals.
        m_reader->stop();
        m_reader->disconnect(this);
        m_reader.release()->deleteLater();
    }
}

void Job::releaseProcess()
{
    releaseReader();
    if (m_process) {
        m_process->closeTerminal();
        // The process is gone; its QProcess (and its buffers) need not outlive it. Later, since
        // this may run inside one of its own signals.
        m_process->disconnect(this);
        m_process.release()->deleteLater();
    }
}

void Job::finish(JobState state)
{
    const bool wasRunning = isAlive(m_state);
    m_timeoutTimer.stop();
    m_notifyTimer.stop();
    m_finishedAt = QDateTime::currentDateTimeUtc();
    releaseReader();
    m_output->close(); // queued: the end waits for no disk (outputWritten() says when done)
    if (wasRunning && m_pid > 0)
        guardian::jobEnded(m_seq, pid_t(m_pid));
    m_killer.reset();
    releaseProcess();
    if (setState(state))
        announce(JobEvent::Ended);
}

bool Job::setState(JobState s)
{
    if (m_state == s)
        return false;
    if (!isAllowedTransition(m_state, s)) {
        qWarning("procdeck: job %d: refused state change %s -> %s", m_seq,
                 qPrintable(stateKey(m_state)), qPrintable(stateKey(s)));
        return false;
    }
    m_state = s;
    announce(JobEvent::StateChanged);
    return true;
}

} // namespace procdeck
