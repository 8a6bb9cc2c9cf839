#include "clirunner.h"

#include "core/fdbudget.h"
#include "core/paths.h"
#include "core/processgroup.h"
#include "core/runlog.h"

#include <QCoreApplication>
#include <QFile>

#include <csignal>

using namespace procdeck;

namespace {

/// Copies a stream's complete bytes (its spill file, or its tail when that is all there is).
void copyStream(const OutputLog &log, QFile &out)
{
    if (log.totalBytes() == 0)
        return;
    if (log.spillIsComplete()) {
        QFile in(log.spillPath());
        if (in.open(QIODevice::ReadOnly)) {
            QByteArray chunk;
            qint64 copied = 0;
            while (!(chunk = in.read(1 << 16)).isEmpty()) {
                out.write(chunk);
                copied += chunk.size();
            }
            if (copied == log.totalBytes()) {
                out.flush();
                return;
            }
            // The file is shorter than what was read: fall back to the tail, said as such.
        }
    }
    out.write(log.tail());
    out.flush();
}

} // namespace

CliRunner::CliRunner(RunRequest request, QObject *parent)
    : QObject(parent),
      m_request(std::move(request)),
      m_signals({SIGINT, SIGTERM, SIGHUP}),
      m_stdout(std::make_unique<QFile>()),
      m_stderr(std::make_unique<QFile>())
{
    m_stdout->open(stdout, QIODevice::WriteOnly);
    m_stderr->open(stderr, QIODevice::WriteOnly);
    if (m_request.maxParallel > 0)
        m_scheduler.setMaxParallel(m_request.maxParallel);
    m_scheduler.setOutputDir(m_request.outputDir.isEmpty() ? paths::newRunFolder() : m_request.outputDir);
    connect(&m_scheduler, &Scheduler::jobEnded, this, &CliRunner::onJobEnded);
    connect(&m_scheduler, &Scheduler::idle, this, &CliRunner::onIdle);
    connect(&m_signals, &UnixSignalWatcher::received, this, &CliRunner::onSignal);
}

CliRunner::~CliRunner() = default;

void CliRunner::start()
{
    fdbudget::raiseToHardLimit();
    if (m_request.jobs.isEmpty()) {
        onIdle();
        return;
    }
    if (m_request.isBatch)
        m_scheduler.addBatch(m_request.jobs);
    else
        for (const JobSpec &spec : std::as_const(m_request.jobs))
            m_scheduler.add(spec);
}

void CliRunner::onJobEnded(Job *job)
{
    if (!m_request.quiet) {
        copyStream(job->stdoutLog(), *m_stdout);
        copyStream(job->stderrLog(), *m_stderr);
    }
    const JobRecord r = job->record();
    QString problem;
    switch (r.state) {
    case JobState::FailedToStart:
        problem = QStringLiteral("failed to start: %1").arg(r.error);
        break;
    case JobState::TimedOut:
        problem = QStringLiteral("timed out after %1 s and was killed").arg(job->spec().timeoutSeconds);
        break;
    case JobState::Crashed:
        problem = QStringLiteral("crashed (%1)").arg(processgroup::signalName(r.signal));
        break;
    case JobState::Killed:
        problem = QStringLiteral("killed");
        break;
    case JobState::Cancelled:
        problem = QStringLiteral("cancelled before it started");
        break;
    default:
        break;
    }
    if (r.state == JobState::Failed)
        problem = r.error.isEmpty() ? QStringLiteral("exited with status %1").arg(r.exitCode) : r.error;
    if (!problem.isEmpty()) {
        m_stderr->write(QStringLiteral("procdeck-cli: job %1 (%2) %3\n").arg(r.seq).arg(r.command, problem).toUtf8());
        m_stderr->flush();
    }
}

void CliRunner::onIdle()
{
    int failed = 0;
    QList<ExportEntry> entries;
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job *job = m_scheduler.jobAt(i);
        if (!isSuccess(job->state()))
            ++failed;
        if (!m_request.exportPath.isEmpty())
            entries << ExportEntry::fromJob(*job);
    }
    m_exitStatus = failed > 100 ? 101 : failed;
    if (!m_request.exportPath.isEmpty()) {
        QString error;
        if (!runlog::write(m_request.exportPath, m_request.exportFormat, entries, &error)) {
            m_stderr->write(QStringLiteral("procdeck-cli: %1\n").arg(error).toUtf8());
            m_exitStatus = 255;
        }
    }
    QCoreApplication::exit(m_exitStatus);
}

void CliRunner::onSignal(int sig)
{
    ++m_signalsSeen;
    m_stderr->write(QStringLiteral("procdeck-cli: %1 received, stopping every job\n")
                        .arg(processgroup::signalName(sig))
                        .toUtf8());
    m_stderr->flush();
    if (m_signalsSeen == 1)
        m_scheduler.killAll(); // SIGTERM to each group, SIGKILL after its grace period
    else
        m_scheduler.killAllNow();
}
