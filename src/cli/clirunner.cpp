#include "clirunner.h"

#include "core/fdbudget.h"
#include "core/paths.h"
#include "core/processgroup.h"
#include "core/runlog.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

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

CliRunner::CliRunner(RunRequest request, ResumePlan plan, History *history, QObject *parent)
    : QObject(parent),
      m_request(std::move(request)),
      m_plan(std::move(plan)),
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
    if (history)
        history->attach(&m_scheduler);
}

CliRunner::~CliRunner() = default;

void CliRunner::start()
{
    fdbudget::raiseToHardLimit();
    for (const QString &warning : std::as_const(m_request.warnings))
        m_stderr->write(QStringLiteral("procdeck-cli: warning: %1\n").arg(warning).toUtf8());
    if (m_plan.jobs.isEmpty()) {
        // Nothing left to run (--resume): finish from the event loop, where exit() takes effect.
        QMetaObject::invokeMethod(this, &CliRunner::onIdle, Qt::QueuedConnection);
        return;
    }
    if (m_request.isBatch)
        m_scheduler.addBatch(m_plan.jobs);
    else
        for (const JobSpec &spec : std::as_const(m_plan.jobs))
            m_scheduler.add(spec);
}

void CliRunner::onJobEnded(Job *job)
{
    if (!m_request.quiet) {
        copyStream(job->stdoutLog(), *m_stdout);
        copyStream(job->stderrLog(), *m_stderr);
    }
    JobRecord r = job->record();
    r.seq = m_plan.numbers.value(r.seq - 1, r.seq);
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
    const bool exporting = !m_request.exportPath.isEmpty() || !m_request.jobLogPath.isEmpty();
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job *job = m_scheduler.jobAt(i);
        if (!isSuccess(job->state()))
            ++failed;
        if (exporting) {
            entries << ExportEntry::fromJob(*job);
            entries.last().record.seq = m_plan.numbers.value(job->seq() - 1, job->seq()); // the job's own number
        }
    }
    m_exitStatus = failed > 100 ? 101 : failed;
    QString error;
    if (!m_request.exportPath.isEmpty() && !runlog::write(m_request.exportPath, m_request.exportFormat, entries, &error)) {
        m_stderr->write(QStringLiteral("procdeck-cli: %1\n").arg(error).toUtf8());
        m_exitStatus = 255;
    }
    if (!m_request.jobLogPath.isEmpty() && !writeJobLog(entries, &error)) {
        m_stderr->write(QStringLiteral("procdeck-cli: %1\n").arg(error).toUtf8());
        m_exitStatus = 255;
    }
    m_stderr->flush();
    QCoreApplication::exit(m_exitStatus);
}

bool CliRunner::writeJobLog(const QList<ExportEntry> &entries, QString *error) const
{
    QByteArray bytes = runlog::renderJobLog(entries);
    if (m_plan.appendToJobLog) {
        // --resume: the earlier rows stay as they were; the new ones follow, as GNU parallel does.
        QFile old(m_request.jobLogPath);
        if (old.open(QIODevice::ReadOnly)) {
            QByteArray kept = old.readAll();
            if (!kept.isEmpty() && !kept.endsWith('\n'))
                kept += '\n';
            bytes = kept + bytes.mid(runlog::jobLogHeader().size());
        }
    }
    QSaveFile file(m_request.jobLogPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(m_request.jobLogPath, file.errorString());
        return false;
    }
    return true;
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
