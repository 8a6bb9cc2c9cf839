#include "commandlinerun.h"

#include "core/export/runexport.h"
#include "core/scheduling/scheduler.h"

#include <cstdio>

namespace procdeck::app {

CommandLineRun::CommandLineRun(const RunRequest &request, Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_request(request), m_scheduler(scheduler)
{
    m_request.jobs.clear(); // the scheduler holds them now; only the options are needed here
    m_count = int(request.jobs.size());
    m_scheduler->setRunOn(request.runOn,
                          request.maxParallel); // -S, --slurm; -j: the slots per login
    m_scheduler->setResourceLimits(request.resources); // --load, --memfree, --memsuspend
}

CommandLineRun::~CommandLineRun()
{
    if (!m_export)
        return;
    for (int i = 0; i < m_scheduler->count(); ++i) // once, when the window closes
        m_export->addUnended(*m_scheduler->jobAt(i));
    QStringList errors;
    if (!m_export->finish(&errors))
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(errors.join(QLatin1String("; "))));
}

bool CommandLineRun::open(QString *error)
{
    // "-" writes to the window's standard output, as procdeck-cli's does.
    const auto toStdout = [](const QByteArray &bytes) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    };
    m_export = RunExport::open(m_request, m_count, false, toStdout, error);
    return error->isEmpty();
}

void CommandLineRun::jobsAdded(int firstSeq)
{
    if (!m_export)
        return;
    m_export->setFirstSeq(firstSeq);
    connect(m_scheduler, &Scheduler::jobEnded, this, &CommandLineRun::onJobEnded);
}

void CommandLineRun::startPipe(int fd)
{
    if (m_request.maxParallel > 0)
        m_scheduler->setMaxParallel(m_request.maxParallel);
    m_feeder = std::make_unique<PipeFeeder>(m_request.pipe, fd, m_request.maxParallel,
                                            m_scheduler);
    connect(m_feeder.get(), &PipeFeeder::said, this, [this](const QString &line, bool isError) {
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(line));
        emit finished(line, !isError);
    });
    m_feeder->start();
}

void CommandLineRun::onJobEnded(Job *job)
{
    // RunExport keeps the last try of each job, as procdeck-cli's export does: the files are
    // put in place when every job's last try has ended, not after as many ends as jobs.
    if (m_export && m_export->addEnded(*job) && m_export->isComplete())
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
    const QString message = ok ? tr("Wrote %1").arg(written.join(QLatin1String(", ")))
                               : errors.join(QLatin1String("; "));
    if (!ok || !m_request.quiet)
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(message));
    emit finished(message, ok);
}

} // namespace procdeck::app
