#include "job.h"

#include "childexec.h"
#include "errnotext.h"
#include "guardian.h"
#include "preflight.h"
#include "processgroup.h"
#include "pseudoterminal.h"
#include "reaper.h"
#include "session.h"
#include "treekiller.h"

#include <QDir>
#include <QTimer>
#include <QTimerEvent>

#include <climits>

#include <cerrno>
#include <csignal>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace procdeck {

namespace {

int s_injectedStartErrno = 0;
int s_lastTreeId = 0; ///< the GUI (main) thread starts every job

/// CPU seconds and peak resident KiB of every child this process has collected so far
/// (getrusage RUSAGE_CHILDREN).
struct ChildrenUsage {
    double cpuSeconds = -1;
    qint64 maxRssKb = 0;
};

ChildrenUsage collectedChildren()
{
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return {double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
            qint64(usage.ru_maxrss)};
}

/// The RUSAGE_CHILDREN reading at the last job's end: QProcess collects one leader and at once
/// reports it finished, so the growth since is that leader's whole CPU time (with whatever it
/// collected itself), last moments included; a higher peak is that leader's peak.
ChildrenUsage s_childrenSeen;
constexpr int kNotifyIntervalMs = 100;
constexpr qsizetype kReadBufferBytes = 64 * 1024; // a pipe's worth
constexpr int kReapAgainMs = 200; ///< killed escapees become zombies a moment later

QString spillPathFor(const QString &outputDir, int seq, const char *stream)
{
    if (outputDir.isEmpty())
        return {};
    return QDir(outputDir).filePath(
        QStringLiteral("job-%1.%2").arg(seq, 6, 10, QLatin1Char('0')).arg(QLatin1String(stream)));
}

int timerMs(double seconds)
{
    return int(qBound(0.0, seconds * 1000.0, double(INT_MAX)));
}

} // namespace

Job::Job(int seq, JobSpec spec, const QString &outputDir, qsizetype tailLimit, QObject *parent)
    : QObject(parent),
      m_seq(seq),
      m_spec(std::move(spec)),
      m_commandLine(m_spec.commandLine()),
      m_displayName(m_spec.label.isEmpty() ? m_commandLine : m_spec.label),
      m_sortName(m_displayName.toCaseFolded()),
      m_stdout(std::make_unique<OutputLog>(spillPathFor(outputDir, seq, "stdout"), tailLimit)),
      m_stderr(std::make_unique<OutputLog>(spillPathFor(outputDir, seq, "stderr"), tailLimit)),
      m_queuedAt(QDateTime::currentDateTimeUtc())
{
}

Job::~Job()
{
    killNow();
    if (m_process) {
        // The tree is gone (SIGKILL); QProcess's own destructor would wait for the leader.
        m_process->disconnect(this);
    }
    if (m_state == JobState::Running && m_pid > 0)
        guardian::jobEnded(m_seq, pid_t(m_pid));
}

void Job::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_timeoutTimer.timerId()) {
        m_timeoutTimer.stop();
        onTimeout();
    } else if (event->timerId() == m_notifyTimer.timerId()) {
        m_notifyTimer.stop();
        emit outputChanged(this);
    } else {
        QObject::timerEvent(event);
    }
}

void Job::injectStartFailureForTesting(int errnoValue)
{
    s_injectedStartErrno = errnoValue;
}

void Job::injectExecFailureForTesting(int errnoValue)
{
    ChildExec::injectExecFailureForTesting(errnoValue);
}

bool Job::isShortage(int errnoValue)
{
    return errnoValue == EMFILE || errnoValue == ENFILE || errnoValue == EAGAIN || errnoValue == ENOMEM;
}

void Job::flushOutputFiles()
{
    m_stdout->flush();
    m_stderr->flush();
}

void Job::shrinkTails(qsizetype bytes)
{
    m_stdout->shrinkTail(bytes);
    m_stderr->shrinkTail(bytes);
}

void Job::injectReadErrorForTesting()
{
    m_readErrorInjected = true;
}

Job::StartResult Job::start()
{
    Q_ASSERT(m_state == JobState::Queued);
    if (m_state != JobState::Queued)
        return StartResult::Failed;

    if (const QString problem = preflight::problem(m_spec); !problem.isEmpty()) {
        failToStart(problem);
        return StartResult::Failed;
    }
    if (s_childrenSeen.cpuSeconds < 0)
        s_childrenSeen = collectedChildren(); // the baseline, before the first job's child
    reaper::enableSubreaper();
    guardian::ensureRunning();
    m_startErrno = 0;
    if (const int injected = std::exchange(s_injectedStartErrno, 0)) {
        if (isShortage(injected)) {
            m_startErrno = injected;
            return StartResult::NoResources;
        }
        failToStart(QStringLiteral("cannot start: %1").arg(errnoText(injected)));
        return StartResult::Failed;
    }

    m_exec = std::make_unique<ChildExec>();
    int pipeErrno = 0;
    m_treeId = ++s_lastTreeId;
    if (!m_exec->prepare(m_spec, session::markerEntry(m_treeId), &pipeErrno)) {
        m_exec.reset();
        if (isShortage(pipeErrno)) {
            m_startErrno = pipeErrno;
            return StartResult::NoResources;
        }
        failToStart(QStringLiteral("cannot start: %1").arg(errnoText(pipeErrno)));
        return StartResult::Failed;
    }

    const bool terminalStdin = m_spec.pty && m_spec.standardInputFile.isEmpty() && m_spec.standardInput.isEmpty();
    if (m_spec.pty) {
        m_terminal = std::make_unique<PseudoTerminal>();
        int terminalErrno = 0;
        if (!m_terminal->open(&terminalErrno)) {
            m_terminal.reset();
            m_exec.reset();
            if (isShortage(terminalErrno)) {
                m_startErrno = terminalErrno;
                return StartResult::NoResources;
            }
            failToStart(QStringLiteral("cannot open a pseudo-terminal: %1").arg(errnoText(terminalErrno)));
            return StartResult::Failed;
        }
        m_exec->setTerminal(m_terminal.get(), terminalStdin);
        connect(m_terminal.get(), &PseudoTerminal::readyRead, this, &Job::readTerminal);
    }

    m_process = std::make_unique<QProcess>();
    QProcess &p = *m_process;
    // QProcess is given the same program and arguments, but ChildExec makes the exec itself
    // (exact bytes, the marker, the errno); QProcess's own exec runs only when that one failed.
    p.setProgram(m_exec->programForQProcess());
    p.setArguments(m_spec.useShell ? QStringList{QStringLiteral("-c"), m_spec.shellCommand} : m_spec.arguments);
    if (!m_spec.workingDirectory.isEmpty())
        p.setWorkingDirectory(m_spec.workingDirectory);
    if (!m_spec.standardInputFile.isEmpty())
        p.setStandardInputFile(m_spec.standardInputFile);
    else if (m_spec.standardInput.isEmpty())
        p.setStandardInputFile(QProcess::nullDevice()); // EOF at once, like a GUI's child should see
    const ChildExec *exec = m_exec.get();
    p.setChildProcessModifier([exec] { exec->runInChild(); });

    connect(&p, &QProcess::started, this, &Job::onStarted);
    connect(&p, &QProcess::finished, this, &Job::onFinished);
    connect(&p, &QProcess::errorOccurred, this, &Job::onErrorOccurred);
    connect(&p, &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(QProcess::StandardOutput); });
    connect(&p, &QProcess::readyReadStandardError, this,
            [this] { readChannel(QProcess::StandardError); });

    // The clock starts before the fork, as Python's time.time() around Popen would: the
    // duration is never shorter than what the child did, however late anything is handled.
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_inStart = true;
    errno = 0;
    p.start(QIODevice::ReadWrite | QIODevice::Unbuffered);
    m_inStart = false;
#if defined(__SANITIZE_ADDRESS__)
    // QProcess forks with CLONE_VM|CLONE_VFORK: the child ran our modifier on this very stack and
    // exec'd without returning, leaving AddressSanitizer's marks on stack we will use again.
    __asan_handle_no_return();
#endif
    m_exec->parentStarted();

    if (p.state() == QProcess::NotRunning) {
        // It failed before there was a child (no pipe, no fork): still Queued, never Running.
        const int err = m_startErrno;
        const QString reason = p.errorString();
        m_clock.invalidate();
        m_startedAt = QDateTime();
        m_terminal.reset();
        releaseProcess();
        if (isShortage(err))
            return StartResult::NoResources;
        m_startErrno = 0;
        failToStart(reason);
        return StartResult::Failed;
    }

    if (m_terminal)
        m_terminal->startReading(terminalStdin);
    m_pid = p.processId();
    reaper::registerChild(pid_t(m_pid));
    guardian::jobStarted(m_seq, pid_t(m_pid));
    // Armed from the moment of the fork, not when `started` is handled: a start loop of a
    // thousand jobs must not give the first ones more time than they were promised.
    if (m_spec.timeoutSeconds > 0)
        m_timeoutTimer.start(qMax(0, timerMs(m_spec.timeoutSeconds) - int(qMin<qint64>(m_clock.elapsed(), INT_MAX))),
                             Qt::PreciseTimer, this); // a coarse timer may fire 5 % early
    setState(JobState::Running);
    emit started(this);
    return StartResult::Started;
}

void Job::onStarted()
{
    // The exec worked: its errno pipe is no longer needed.
    m_exec.reset();
    if (m_spec.standardInputFile.isEmpty() && !m_spec.standardInput.isEmpty()) {
        m_process->write(m_spec.standardInput);
        m_process->closeWriteChannel();
    }
}

void Job::readChannel(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    if (m_readErrorInjected) {
        m_readErrorInjected = false;
        onErrorOccurred(QProcess::ReadError);
        return;
    }
    m_process->setReadChannel(channel);
    OutputLog &log = channel == QProcess::StandardOutput ? *m_stdout : *m_stderr;
    // Into one buffer per job, reused: no allocation per read however much a child prints.
    if (m_readBuffer.isEmpty())
        m_readBuffer.resize(kReadBufferBytes);
    // What QProcess has buffered, and no more: reading on while a child prints flat out would
    // keep the event loop (the window) from everything else. The rest comes with the next read.
    qint64 left = m_process->bytesAvailable();
    bool any = false;
    while (left > 0) {
        const qint64 n = m_process->read(m_readBuffer.data(), qMin<qint64>(left, m_readBuffer.size()));
        if (n <= 0)
            break;
        log.append(m_readBuffer.constData(), qsizetype(n));
        left -= n;
        any = true;
    }
    if (any)
        scheduleOutputNotification();
}

void Job::readTerminal()
{
    // stdout and stderr are one terminal: what it says is kept as stdout.
    if (m_terminal)
        m_terminal->drainInto(*m_stdout);
    scheduleOutputNotification();
}

void Job::scheduleOutputNotification()
{
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start(kNotifyIntervalMs, this);
}

void Job::onTimeout()
{
    if (m_state != JobState::Running)
        return;
    m_timedOut = true;
    m_notes << QStringLiteral("timed out after %1 s").arg(m_spec.timeoutSeconds);
    emit timeoutExpired(this);
    if (m_spec.timeoutAction == TimeoutAction::Kill)
        killer()->terminate(m_spec.graceSeconds);
    emit stateChanged(this); // "Timed out (still running)" is a change worth showing
}

void Job::kill()
{
    if (m_state == JobState::Queued) {
        finish(JobState::Cancelled);
        return;
    }
    if (m_state != JobState::Running)
        return;
    m_killRequested = true;
    if (m_pid > 0)
        killer()->terminate(m_spec.graceSeconds);
}

void Job::killNow()
{
    if (m_state != JobState::Running)
        return;
    m_killRequested = true;
    if (m_pid > 0)
        killer()->killNow();
}

TreeKiller *Job::killer()
{
    // Made when first needed: most jobs end without anyone killing them, and a QObject with a
    // timer per job is a cost a thousand short jobs would feel.
    if (!m_killer) {
        m_killer = std::make_unique<TreeKiller>(pid_t(m_pid), m_treeId);
        connect(m_killer.get(), &TreeKiller::escalated, this, [this](double grace) {
            m_notes << QStringLiteral("SIGKILL sent to the process tree after a %1 s grace period").arg(grace);
        });
    }
    return m_killer.get();
}

void Job::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state != JobState::Running)
        return;
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    reaper::unregisterChild(pid_t(m_pid)); // QProcess has collected it
    // Read what is left in the pipes before QProcess closes them.
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);
    if (m_terminal)
        readTerminal();

    // The leader's final CPU time and peak memory, last moments included, which sampling cannot see.
    const ChildrenUsage collected = collectedChildren();
    if (s_childrenSeen.cpuSeconds >= 0 && collected.cpuSeconds >= s_childrenSeen.cpuSeconds)
        m_usage.cpuSeconds = qMax(m_usage.cpuSeconds, collected.cpuSeconds - s_childrenSeen.cpuSeconds);
    if (collected.maxRssKb > s_childrenSeen.maxRssKb) // a new high: this leader's own peak
        m_usage.peakRssKb = qMax(m_usage.peakRssKb, collected.maxRssKb);
    s_childrenSeen = collected;

    // The leader is gone; whatever else is in its tree (its group, escapees) would be orphaned.
    {
        const QList<pid_t> leftovers = m_killer ? m_killer->sweepLeftovers()
                                                : TreeKiller::sweepLeftovers(pid_t(m_pid), m_treeId, false);
        if (!leftovers.isEmpty()) {
            QStringList pids;
            for (const pid_t pid : leftovers)
                pids << QString::number(pid);
            const bool inGrace = m_killer && m_killer->isTerminating();
            m_notes << (inGrace ? QStringLiteral("%1 process(es) of the job's tree outlived it (%2): they had SIGTERM and keep "
                                                 "their grace period, SIGKILL after it")
                                : QStringLiteral("killed %1 leftover process(es) of the job's tree after it exited: %2"))
                           .arg(leftovers.size())
                           .arg(pids.join(QLatin1String(", ")));
            reaper::reapStrays();
            QTimer::singleShot(kReapAgainMs, [] { reaper::reapStrays(); });
        }
        // Escapees that got SIGTERM keep their grace period; the killer sees it through.
        TreeKiller::finishGraceDetached(std::move(m_killer));
    }

    JobState final = JobState::Finished;
    if (status == QProcess::CrashExit) {
        m_signal = exitCode; // Qt reports the terminating signal as the exit code of a crash
    } else {
        m_exitCode = exitCode;
    }
    if (m_readFailed)
        final = JobState::Failed;
    else if (m_killRequested)
        final = JobState::Killed;
    else if (m_timedOut && m_spec.timeoutAction == TimeoutAction::Kill)
        final = JobState::TimedOut;
    else if (status == QProcess::CrashExit)
        final = JobState::Crashed;
    else
        final = exitCode == 0 ? JobState::Finished : JobState::Failed;
    finish(final);
}

void Job::onErrorOccurred(QProcess::ProcessError error)
{
    switch (error) {
    case QProcess::FailedToStart:
        if (m_inStart) {
            // Synchronous (no pipe, no fork): errno still says why; start() decides.
            m_startErrno = errno;
        } else if (m_state == JobState::Running) {
            onExecFailed();
        }
        break;
    case QProcess::ReadError:
        // The output can no longer be captured: end the job rather than let it run blind.
        m_readFailed = true;
        m_error = QStringLiteral("reading the job's output failed (%1); the job was stopped")
                      .arg(m_process && m_process->error() == QProcess::ReadError ? m_process->errorString()
                                                                                 : errnoText(EIO));
        if (m_pid > 0)
            killer()->killNow();
        break;
    case QProcess::Crashed:   // `finished` follows with CrashExit
    case QProcess::Timedout:  // only from the waitFor… calls, which are never used
    case QProcess::WriteError:
    case QProcess::UnknownError:
        break;
    }
}

void Job::onExecFailed()
{
    // The child was forked but its exec failed: it never ran. ChildExec's pipe says why.
    const int err = m_exec ? m_exec->takeExecErrno() : 0;
    const QString reason = m_process ? m_process->errorString() : QString();
    reaper::unregisterChild(pid_t(m_pid));
    guardian::jobEnded(m_seq, pid_t(m_pid));
    // Killed or timed out meanwhile: the person's word (or the promise) stands, no second try.
    if (isShortage(err) && !m_killRequested && !m_timedOut) {
        m_startErrno = err;
        m_timeoutTimer.stop();
        m_killer.reset();
        releaseProcess();
        m_clock.invalidate();
        m_startedAt = QDateTime();
        m_pid = 0;
        m_notes << QStringLiteral("its exec failed for want of resources (%1); queued again").arg(errnoText(err));
        if (setState(JobState::Queued))
            emit requeued(this);
        return;
    }
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    failToStart(err != 0 ? QStringLiteral("cannot run '%1': %2").arg(m_spec.useShell ? QStringLiteral("/bin/sh") : m_spec.program, errnoText(err))
                         : reason);
}

void Job::failBeforeStart(const QString &reason)
{
    if (m_state == JobState::Queued)
        failToStart(reason);
}

void Job::failToStart(const QString &reason)
{
    m_error = reason;
    finish(JobState::FailedToStart);
}

void Job::releaseProcess()
{
    m_exec.reset();
    m_terminal.reset();
    if (m_process) {
        // The process is gone; its QProcess (and its buffers) need not outlive it. Later, since
        // this may run inside one of its own signals.
        m_process->disconnect(this);
        m_process.release()->deleteLater();
    }
}

void Job::finish(JobState state)
{
    const bool wasRunning = m_state == JobState::Running;
    m_timeoutTimer.stop();
    m_notifyTimer.stop();
    m_finishedAt = QDateTime::currentDateTimeUtc();
    m_stdout->close();
    m_stderr->close();
    for (const OutputLog *log : {m_stdout.get(), m_stderr.get()}) {
        if (!log->spillError().isEmpty())
            m_notes << QStringLiteral("the complete %1 could not be kept (%2); only its last %3 bytes were")
                           .arg(log == m_stdout.get() ? QStringLiteral("stdout") : QStringLiteral("stderr"), log->spillError())
                           .arg(log->tailLimit());
    }
    m_readBuffer = QByteArray();
    if (wasRunning && m_pid > 0)
        guardian::jobEnded(m_seq, pid_t(m_pid));
    m_killer.reset();
    releaseProcess();
    if (setState(state))
        emit ended(this);
}

bool Job::setState(JobState s)
{
    if (m_state == s)
        return false;
    if (!isAllowedTransition(m_state, s)) {
        qWarning("procdeck: job %d: refused state change %s -> %s", m_seq, qPrintable(stateKey(m_state)),
                 qPrintable(stateKey(s)));
        return false;
    }
    m_state = s;
    emit stateChanged(this);
    return true;
}

qint64 Job::elapsedMs() const
{
    if (m_state == JobState::Running && m_clock.isValid())
        return m_clock.elapsed();
    return m_durationMs;
}

} // namespace procdeck
