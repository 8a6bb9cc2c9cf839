#include "job.h"

#include "preflight.h"
#include "processgroup.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QTimerEvent>

#include <climits>

#include <cerrno>
#include <csignal>
#include <sys/resource.h>
#include <cstring>

namespace procdeck {

namespace {

int s_injectedStartErrno = 0;

/// CPU seconds of every child this process has collected so far (getrusage RUSAGE_CHILDREN).
double collectedChildrenCpu()
{
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// The RUSAGE_CHILDREN reading at the last job's end: QProcess collects one leader and at once
/// reports it finished, so the growth since is that leader's whole CPU time (with whatever it
/// collected itself), last moments included.
double s_childrenCpuSeen = -1;
constexpr int kNotifyIntervalMs = 100;
constexpr qsizetype kReadBufferBytes = 64 * 1024; // a pipe's worth

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

/// True when a failed start was for want of descriptors or processes: worth another try
/// once a running job has ended, not a reason to fail the job.
bool isResourceShortage(const QString &errorString, int err)
{
    if (err == EMFILE || err == ENFILE)
        return true;
    return errorString.contains(errnoText(EMFILE)) || errorString.contains(errnoText(ENFILE));
}

QString spillPathFor(const QString &outputDir, int seq, const char *stream)
{
    if (outputDir.isEmpty())
        return {};
    return QDir(outputDir).filePath(
        QStringLiteral("job-%1.%2").arg(seq, 6, 10, QLatin1Char('0')).arg(QLatin1String(stream)));
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

void Job::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_timeoutTimer.timerId()) {
        m_timeoutTimer.stop();
        onTimeout();
    } else if (event->timerId() == m_graceTimer.timerId()) {
        m_graceTimer.stop();
        processgroup::signalGroup(pid_t(m_pid), SIGKILL);
        m_notes << QStringLiteral("SIGKILL sent to the process group after a %1 s grace period").arg(m_spec.graceSeconds);
    } else if (event->timerId() == m_notifyTimer.timerId()) {
        m_notifyTimer.stop();
        emit outputChanged(this);
    } else {
        QObject::timerEvent(event);
    }
}

Job::~Job()
{
    killNow();
    if (m_process) {
        // The group is gone (SIGKILL); QProcess's own destructor would wait for the leader.
        m_process->disconnect(this);
    }
}

void Job::injectStartFailureForTesting(int errnoValue)
{
    s_injectedStartErrno = errnoValue;
}

void Job::flushOutputFiles()
{
    m_stdout->flush();
    m_stderr->flush();
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
    if (s_childrenCpuSeen < 0)
        s_childrenCpuSeen = collectedChildrenCpu(); // the baseline, before the first job's child
    if (const int injected = std::exchange(s_injectedStartErrno, 0)) {
        if (injected == EMFILE || injected == ENFILE)
            return StartResult::NoResources;
        failToStart(QStringLiteral("cannot start: %1").arg(errnoText(injected)));
        return StartResult::Failed;
    }

    m_process = std::make_unique<QProcess>();
    QProcess &p = *m_process;
    if (m_spec.useShell) {
        p.setProgram(QStringLiteral("/bin/sh"));
        p.setArguments({QStringLiteral("-c"), m_spec.shellCommand});
    } else {
        p.setProgram(m_spec.program);
        p.setArguments(m_spec.arguments);
    }
    if (!m_spec.workingDirectory.isEmpty())
        p.setWorkingDirectory(m_spec.workingDirectory);
    if (!m_spec.environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : m_spec.environment) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            env.insert(entry.left(eq), entry.mid(eq + 1));
        }
        p.setProcessEnvironment(env);
    }
    if (!m_spec.standardInputFile.isEmpty())
        p.setStandardInputFile(m_spec.standardInputFile);
    else if (m_spec.standardInput.isEmpty())
        p.setStandardInputFile(QProcess::nullDevice()); // EOF at once, like a GUI's child should see
    p.setChildProcessModifier(&processgroup::becomeGroupLeader);

    connect(&p, &QProcess::started, this, &Job::onStarted);
    connect(&p, &QProcess::finished, this, &Job::onFinished);
    connect(&p, &QProcess::errorOccurred, this, &Job::onErrorOccurred);
    connect(&p, &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(QProcess::StandardOutput); });
    connect(&p, &QProcess::readyReadStandardError, this,
            [this] { readChannel(QProcess::StandardError); });

    setState(JobState::Running);
    // The clock starts before the fork, as Python's time.time() around Popen would: the
    // duration is never shorter than what the child did, however late `started` is handled.
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    errno = 0;
    p.start(QIODevice::ReadWrite | QIODevice::Unbuffered);
    const int startErrno = errno;
    if (m_state == JobState::FailedToStart)
        return StartResult::Failed;
    if (p.state() == QProcess::NotRunning && p.error() == QProcess::FailedToStart) {
        if (isResourceShortage(p.errorString(), startErrno)) {
            m_process->disconnect(this);
            m_process.reset();
            m_clock.invalidate();
            m_startedAt = QDateTime();
            m_state = JobState::Queued; // quietly back: the scheduler retries later
            return StartResult::NoResources;
        }
        failToStart(p.errorString());
        return StartResult::Failed;
    }
    return StartResult::Started;
}

void Job::onStarted()
{
    m_pid = m_process->processId(); // 0 again by the time `finished` arrives: keep it now
    if (m_spec.timeoutSeconds > 0)
        // Precise: a coarse timer may fire 5 % early, and a timeout is a promise.
        m_timeoutTimer.start(int(qMin(m_spec.timeoutSeconds * 1000.0, double(INT_MAX))), Qt::PreciseTimer, this);
    if (m_spec.standardInputFile.isEmpty() && !m_spec.standardInput.isEmpty()) {
        m_process->write(m_spec.standardInput);
        m_process->closeWriteChannel();
    }
    emit stateChanged(this);
    emit started(this);
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
        terminateGroup();
    emit stateChanged(this); // "Timed out (still running)" is a change worth showing
}

void Job::terminateGroup()
{
    if (m_pid <= 0)
        return;
    processgroup::signalGroup(pid_t(m_pid), SIGTERM);
    if (!m_graceTimer.isActive())
        m_graceTimer.start(int(qMin(m_spec.graceSeconds * 1000.0, double(INT_MAX))), Qt::PreciseTimer, this);
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
    if (m_pid > 0) {
        terminateGroup();
    } else if (m_process) {
        m_process->kill(); // still between fork and `started`
    }
}

void Job::killNow()
{
    if (m_state != JobState::Running)
        return;
    m_killRequested = true;
    if (m_pid > 0)
        processgroup::signalGroup(pid_t(m_pid), SIGKILL);
    else if (m_process)
        m_process->kill();
}

void Job::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state != JobState::Running)
        return;
    m_durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    // Read what is left in the pipes before QProcess closes them.
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);

    // The leader's final CPU time, last moments included, which sampling cannot see.
    const double collected = collectedChildrenCpu();
    if (s_childrenCpuSeen >= 0 && collected >= s_childrenCpuSeen)
        m_usage.cpuSeconds = qMax(m_usage.cpuSeconds, collected - s_childrenCpuSeen);
    s_childrenCpuSeen = collected;

    // The leader is gone; whatever else is in its group would be orphaned: end it now.
    const QList<pid_t> leftovers = processgroup::livingMembers(pid_t(m_pid));
    if (!leftovers.isEmpty()) {
        processgroup::signalGroup(pid_t(m_pid), SIGKILL);
        QStringList pids;
        for (pid_t pid : leftovers)
            pids << QString::number(pid);
        m_notes << QStringLiteral("killed %1 leftover process(es) of the job's group after it exited: %2")
                       .arg(leftovers.size())
                       .arg(pids.join(QLatin1String(", ")));
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
        if (m_state == JobState::Running && m_pid == 0 && !isResourceShortage(m_process->errorString(), 0))
            failToStart(m_process->errorString());
        break;
    case QProcess::ReadError:
        // The output can no longer be captured: end the job rather than let it run blind.
        m_readFailed = true;
        m_error = QStringLiteral("reading the job's output failed (%1); the job was stopped")
                      .arg(m_process && m_process->error() == QProcess::ReadError ? m_process->errorString()
                                                                                 : errnoText(EIO));
        if (m_pid > 0)
            processgroup::signalGroup(pid_t(m_pid), SIGKILL);
        break;
    case QProcess::Crashed:   // `finished` follows with CrashExit
    case QProcess::Timedout:  // only from the waitFor… calls, which are never used
    case QProcess::WriteError:
    case QProcess::UnknownError:
        break;
    }
}

void Job::failToStart(const QString &reason)
{
    m_error = reason;
    finish(JobState::FailedToStart);
}

void Job::finish(JobState state)
{
    m_timeoutTimer.stop();
    m_graceTimer.stop();
    m_notifyTimer.stop();
    m_finishedAt = QDateTime::currentDateTimeUtc();
    m_stdout->close();
    m_stderr->close();
    for (const OutputLog *log : {m_stdout.get(), m_stderr.get()}) {
        if (!log->spillError().isEmpty())
            m_notes << QStringLiteral("complete output could not be kept (%1); the last %2 bytes are kept in memory")
                           .arg(log->spillError())
                           .arg(log->tailLimit());
    }
    m_readBuffer = QByteArray();
    if (m_process) {
        // The process is gone; its QProcess (and its buffers) need not outlive it. Later, since
        // this may run inside one of its own signals.
        m_process->disconnect(this);
        m_process.release()->deleteLater();
    }
    setState(state);
    emit ended(this);
}

void Job::setState(JobState s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(this);
}

qint64 Job::elapsedMs() const
{
    if (m_state == JobState::Running && m_clock.isValid())
        return m_clock.elapsed();
    return m_durationMs;
}

} // namespace procdeck
