#include "commandlinerun.h"

#include "enginelaunches.h"
#include "core/client/submitrequest.h"
#include "core/export/runexport.h"
#include "core/scheduling/scheduler.h"
#include "core/types/paths.h"

#include <QPointer>

#include <algorithm>
#include <cstdio>

namespace procdeck::app {

CommandLineRun::CommandLineRun(const RunRequest &request, Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_request(request), m_scheduler(scheduler)
{
    m_count = int(request.jobs.size()); // its jobs stay until start() has handed them on
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

bool CommandLineRun::start(const Window &window, bool inWindow, QString *error)
{
    const auto retried = [](const JobSpec &spec) { return spec.retries > 0; };
    const bool toEngine = !inWindow && submitrequest::whyNotForEngine(m_request).isEmpty()
            && std::none_of(m_request.jobs.cbegin(), m_request.jobs.cend(), retried);
    if (!toEngine && !m_request.outputDir.isEmpty()) {
        // A folder of this run's own inside it, as procdeck-cli makes: a reused --output-dir
        // never has one run's files overwritten by another's.
        const QString folder = paths::createRunFolder(m_request.outputDir, error);
        if (folder.isEmpty()) {
            error->prepend(QStringLiteral("--output-dir: "));
            return false;
        }
        m_scheduler->setOutputDir(folder);
    }
    if (!open(error))
        return false;
    if (toEngine)
        handToEngine(window);
    else
        runHere(window);
    return true;
}

void CommandLineRun::runHere(const Window &window)
{
    m_scheduler->setStartDelay(int(m_request.startDelaySeconds * 1000.0)); // parallel's --delay
    const int first = m_scheduler->count();
    if (m_request.pipe) // the jobs come as standard input's blocks are read
        return startPipe();
    if (m_request.maxParallel > 0) // -j: the window's Parallel, as for single jobs
        m_scheduler->setMaxParallel(m_request.maxParallel);
    if (m_request.isBatch || m_request.halt.isActive()) {
        window.launchBatch(m_request.jobs, m_request.halt);
    } else {
        for (const JobSpec &spec : std::as_const(m_request.jobs))
            m_scheduler->add(spec);
        window.show(m_scheduler->jobAt(first)->seq());
    }
    m_request.jobs.clear(); // the scheduler holds them now; only the options are needed here
    jobsAdded(m_scheduler->jobAt(first)->seq());
}

void CommandLineRun::handToEngine(const Window &window)
{
    QPointer<CommandLineRun> self(this);
    window.engine->submit(m_request.jobs, submitrequest::optionsOf(m_request),
                          [self, window](int firstSeq, const QString &refusal) {
                              if (self) // else a later command line replaced it
                                  self->engineAnswered(window, firstSeq, refusal);
                          });
}

void CommandLineRun::engineAnswered(const Window &window, int firstSeq, const QString &refusal)
{
    if (refusal.isEmpty()) {
        m_request.jobs.clear(); // the engine has them
        jobsAdded(firstSeq);
        window.show(firstSeq);
        return;
    }
    // They were asked for: they run here rather than not at all.
    const QString said =
            tr("The engine did not take the jobs (%1): they run in this window").arg(refusal);
    std::fprintf(stderr, "procdeck: %s\n", qPrintable(said));
    emit notice(said);
    runHere(window);
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
