#include "job.h"

#include "childrenusage.h"
#include "types/errnotext.h"
#include "guardian.h"
#include "output/joboutput.h"
#include "output/joboutputreader.h"
#include "jobprocess.h"
#include "oomkills.h"
#include "reaper.h"
#include "treekiller.h"

#include <QTimerEvent>

namespace procdeck {

namespace {

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
        else if (runsRemotely())
            m_output->publish();
        announce(JobEvent::OutputChanged);
    } else {
        QObject::timerEvent(event);
    }
}

void Job::onStarted()
{
    m_process->execSucceeded();
    m_process->feedStandardInput(m_spec);
    m_oomKillsAtStart = oomkills::count(1000); // a second old at most: one read for many starts
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
    if (m_pid > 0 || runsRemotely())
        endTree(false);
}

void Job::killNow()
{
    if (!isAlive(m_state) || m_leaderExited)
        return;
    m_killRequested = true;
    if (m_pid > 0 || runsRemotely())
        endTree(true);
}

void Job::endTree(bool now)
{
    qint64 &sentMs = now ? m_signalled.killMs : m_signalled.termMs;
    sentMs = sentMs < 0 ? elapsedMs() : sentMs; // the first time counts (a kill after a timeout)
    m_signalled.markSent(now ? SIGKILL : SIGTERM);
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
            m_signalled.markSent(SIGKILL);
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
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() + m_clockOffsetMs : 0;
    if (m_pid > 0) {
        reaper::unregisterChild(pid_t(m_pid)); // QProcess has collected it
        // The leader's final CPU time and peak memory, last moments included, which sampling
        // cannot see.
        ChildrenUsage::attributeTo(m_usage);
    }
    // The leader is gone; whatever else is in its tree (its group, escapees) would be orphaned.
    if (const QString note
        = TreeKiller::endTreeAfterLeader(std::move(m_killer), pid_t(m_pid), m_treeId);
        !note.isEmpty())
        m_notes << note;

    m_crashed = crashed;
    (crashed ? m_signal : m_exitCode) = exitCode; // Qt reports a crash's signal as its exit code
    // A SIGKILL nobody here sent, while the kernel's out-of-memory killer ended something.
    if (crashed && exitCode == SIGKILL && !m_signalled.sent(SIGKILL) && m_oomKillsAtStart >= 0)
        m_signalled.oomKillRose = oomkills::count() > m_oomKillsAtStart;
    // Everything the tree wrote before it was swept is in the pipes: counted before the end.
    if (m_reader)
        return m_reader->drain();
    onOutputComplete();
}

bool Job::runsRemotely() const
{
    return m_remote && m_remote->runsItself();
}

void Job::onRemoteOutput(int stream, const QByteArray &bytes)
{
    if (!isAlive(m_state) || m_leaderExited)
        return;
    (stream == 0 ? m_output->sharedStdout() : m_output->sharedStderr())->append(bytes);
    scheduleOutputNotification();
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
    if (const auto there = m_remote ? remoteEnd() : std::nullopt)
        return finish(*there); // the worker's failure to start it, the engine's end
    finish(endStateAfterExit({ m_crashed, m_crashed ? m_signal : m_exitCode, m_readFailed,
                               m_killRequested,
                               m_timedOut && m_spec.timeoutAction == TimeoutAction::Kill,
                               m_crashed && m_signalled.sent(m_signal) }));
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

void Job::announce(JobEvent event, const QString &detail)
{
    if (m_owner)
        m_owner->onJobEvent(this, event, detail);
    switch (event) {
    case JobEvent::StateChanged: emit stateChanged(this); break;
    case JobEvent::Started: emit started(this); break;
    case JobEvent::Requeued: emit requeued(this); break;
    case JobEvent::OutputChanged: emit outputChanged(this); break;
    case JobEvent::UsageChanged: emit usageChanged(this); break;
    case JobEvent::Ended:
        emit ended(this);
        // Everyone has been told (JobPrinter knows a try by its logs): an empty stream's log
        // can now be the one every empty stream shares.
        m_output->shareEmptyLogs();
        break;
    case JobEvent::SteeringRefused: emit steeringRefused(this, detail); break;
    }
}

void Job::setRemote(std::unique_ptr<RemoteRun> remote)
{
    m_remote = std::move(remote);
    if (!m_remote || m_remote->endedUnseen())
        return; // ended there before it was mirrored: never paused, no connection each
    // Where it runs, and that it waits in the Slurm cluster's or the engine's queue and then
    // starts there: shown, counted and sorted as its state is.
    connect(m_remote.get(), &RemoteRun::changed, this,
            [this] { announce(JobEvent::StateChanged); });
    // Slurm pauses its task itself (scontrol suspend): the job is Paused once it has.
    connect(m_remote.get(), &RemoteRun::suspendedChanged, this, [this](bool suspended) {
        if (suspended && m_state == JobState::Running && !m_killRequested
            && !(m_killer && m_killer->isTerminating()))
            enterPause();
        else if (!suspended && m_state == JobState::Paused)
            leavePause();
    });
    connect(m_remote.get(), &RemoteRun::suspendRefused, this, [this](const QString &error) {
        m_notes << error;
        announce(JobEvent::SteeringRefused, error);
    });
}

void Job::failBeforeStart(const QString &reason)
{
    if (m_state == JobState::Queued)
        failToStart(reason);
}

bool Job::pause()
{
    if (m_state != JobState::Running || (m_pid <= 0 && !runsRemotely()) || m_killRequested
        || m_leaderExited
        || (m_killer && m_killer->isTerminating()))
        return false;
    if (m_remote && m_remote->pausesItself()) {
        m_remote->requestSuspended(true);
        return true;
    }
    killer()->sendToTree(SIGSTOP);
    return enterPause();
}

bool Job::signalTree(int sig)
{
    if (!isAlive(m_state) || m_leaderExited || m_pid <= 0)
        return false;
    m_signalled.markSent(sig);
    killer()->sendToTree(sig);
    return true;
}

void Job::noteNice(int nice)
{
    if (std::exchange(m_nice, nice) != nice)
        announce(JobEvent::StateChanged);
}

bool Job::resume()
{
    if (m_remote && m_remote->pausesItself() && isAlive(m_state)
        && (m_state == JobState::Paused || m_remote->suspendWanted())) {
        m_remote->requestSuspended(false);
        return true;
    }
    if (m_state != JobState::Paused || m_leaderExited)
        return false;
    killer()->sendToTree(SIGCONT);
    return leavePause();
}

void Job::addNote(const QString &note)
{
    m_notes << note;
    announce(JobEvent::StateChanged);
}

void Job::setLinks(const JobLinks &links)
{
    if (links == m_links)
        return;
    m_links = links;
    announce(JobEvent::StateChanged);
}

void Job::endUnstarted(JobState state, const QString &reason)
{
    if (m_state == JobState::Queued
        && (state == JobState::Cancelled || state == JobState::Skipped)) {
        m_error = reason;
        finish(state);
    }
}

void Job::addUsageSample(const UsageSample &sample)
{
    m_usage.add(sample);
    announce(JobEvent::UsageChanged);
}

bool Job::enterPause()
{
    m_timeoutTimer.stop();
    m_pauseClock.begin();
    guardian::jobPaused(pid_t(m_pid)); // its paused time, were ProcDeck to die now
    return setState(JobState::Paused);
}

bool Job::leavePause()
{
    m_pauseClock.end();
    guardian::jobResumed(pid_t(m_pid));
    armTimeout();
    return setState(JobState::Running);
}

void Job::armTimeout()
{
    const double leftMs = m_spec.timeoutSeconds * 1000.0
            - double(m_clock.elapsed() - m_pauseClock.totalMs());
    if (m_spec.timeoutSeconds > 0 && !m_timedOut)
        m_timeoutTimer.start(int(qBound(0.0, leftMs, double(INT_MAX))), Qt::PreciseTimer, this);
}

} // namespace procdeck
