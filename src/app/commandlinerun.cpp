#include "commandlinerun.h"

#include "core/export/runexport.h"
#include "core/scheduling/scheduler.h"

#include <cstdio>

namespace procdeck::app {

CommandLineRun::CommandLineRun(const RunRequest &request, Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_request(request), m_scheduler(scheduler)
{
    m_request.jobs.clear(); // the scheduler holds them now; only the options are needed here
    m_count = m_left = int(request.jobs.size());
    m_scheduler->setRunOn(request.runOn, request.maxParallel); // -S, --slurm; -j: the slots per login
}

CommandLineRun::~CommandLineRun()
{
    if (!m_export)
        return;
    for (int i = 0; i < m_scheduler->count(); ++i) { // once, when the window closes
        const Job *job = m_scheduler->jobAt(i);
        m_export->addUnended(job->seq() - m_firstSeq, *job);
    }
    QStringList errors;
    if (!m_export->finish(&errors))
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(errors.join(QLatin1String("; "))));
}

bool CommandLineRun::open(QString *error)
{
    // "-" writes to the window's standard output, as procdeck-cli's does.
    const auto toStdout = [](const QByteArray &bytes) { std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout); };
    m_export = RunExport::open(m_request, m_count, false, toStdout, error);
    return error->isEmpty();
}

void CommandLineRun::jobsAdded(int firstSeq)
{
    m_firstSeq = firstSeq;
    if (m_export)
        connect(m_scheduler, &Scheduler::jobEnded, this, &CommandLineRun::onJobEnded);
}

void CommandLineRun::onJobEnded(Job *job)
{
    const int index = job->seq() - m_firstSeq;
    if (!m_export || index < 0 || index >= m_count)
        return;
    m_export->addEnded(index, *job);
    if (--m_left == 0)
        finish();
}

void CommandLineRun::finish()
{
    disconnect(m_scheduler, nullptr, this, nullptr);
    QStringList errors;
    const bool ok = m_export->finish(&errors);
    m_export.reset();
    QStringList written;
    for (const QString &path : {m_request.exportPath, m_request.jobLogPath})
        if (!path.isEmpty())
            written << path;
    const QString message = ok ? tr("Wrote %1").arg(written.join(QLatin1String(", "))) : errors.join(QLatin1String("; "));
    if (!ok || !m_request.quiet)
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(message));
    emit finished(message, ok);
}

} // namespace procdeck::app
