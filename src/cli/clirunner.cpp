#include "clirunner.h"

#include "core/process/fdbudget.h"
#include "descriptorfit.h"
#include "core/types/paths.h"
#include "core/process/processgroup.h"
#include "core/types/rawbytes.h"
#include "core/process/treekiller.h"
#include "core/process/endreason.h"
#include "core/output/spillwriter.h"
#include "progressprinter.h"
#include "sinkfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QSet>
#include <QTimer>

#include <csignal>
#include <unistd.h>

using namespace procdeck;

namespace {

/// A job's command as a line on stderr names it: a 1 MB command line printed whole buried
/// everything else. Its start, then how long it was.
QString shown(const QString &command)
{
    constexpr qsizetype kShown = 160;
    if (command.size() <= kShown + 40)
        return command;
    return QStringLiteral("%1… (%2 characters in all)")
        .arg(command.left(kShown))
        .arg(command.size());
}

/// How long a stopped run waits for a slow reader to take what was printed before it quits.
constexpr int kStoppedDrainMs = 1000;

} // namespace

CliRunner::CliRunner(RunRequest request, ResumePlan plan, History *history, QObject *parent)
    : QObject(parent),
      m_request(std::move(request)),
      m_plan(std::move(plan)),
      m_history(history),
      m_signals(Stopper::handledSignals()),
      m_out(STDOUT_FILENO, QStringLiteral("standard output")),
      m_err(STDERR_FILENO, QStringLiteral("standard error")),
      m_printer(&m_out, &m_err, m_request.keepOrder, JobPrinter::tagBytes(m_request.tags))
{
    if (m_request.maxParallel > 0)
        m_scheduler.setMaxParallel(m_request.maxParallel);
    // GNU parallel's --delay: at least this long between two starts.
    m_scheduler.setStartDelay(int(m_request.startDelaySeconds * 1000.0));
    m_scheduler.setResourceLimits(m_request.resources); // --load, --memfree, --memsuspend
    // -S or --slurm; -j is then the slots of each login given without N/.
    if (m_request.runOn.where != RunOn::Where::ThisComputer)
        m_scheduler.setRunOn(m_request.runOn, m_request.maxParallel);
    // Everything an ended job's tail is needed for (printing it when its spill file failed, its
    // export row) is taken in onJobEnded: after that it keeps none. 64 KiB each would be
    // 320 MB for 5000 jobs.
    m_scheduler.setEndedJobKeep({0, false}); // no tail, no usage samples
    connect(&m_scheduler, &Scheduler::jobEnded, this, &CliRunner::onJobEnded);
    m_printer.setPrintCommands(m_request.printCommands);
    m_progress = ProgressPrinter::forRequest(m_request, &m_scheduler, &m_err); // --bar …
    const QString &results = m_request.resultsPath;
    if (results.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        m_printer.writeTable(results, ',', m_request.resultsColumnNames);
    else if (results.endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive))
        m_printer.writeTable(results, '\t', m_request.resultsColumnNames);
    else if (!results.isEmpty() || m_request.outputAsFiles)
        m_printer.keepInFiles(results, m_request.resultsOut, m_request.outputAsFiles,
                              sinkfiles::parFolder());
    if ((!results.isEmpty() || m_request.outputAsFiles)
        && m_request.grouping == RunRequest::Grouping::LineBuffer)
        m_request.grouping = RunRequest::Grouping::Group; // files are written whole
    m_printer.setGrouping(m_request.grouping, m_request.outputGroups);
    if (m_request.grouping != RunRequest::Grouping::Group && !m_request.quiet)
        connect(&m_scheduler, &Scheduler::jobOutputChanged, this, [this](Job *job) {
            const int index = job->firstSeq() - 1;
            m_printer.jobOutput(*job, index, m_plan.numbers.value(index, job->firstSeq()) - 1);
        });
    if (m_request.traceCommands) // parallel's --verbose: as each job starts, never tagged
        connect(&m_scheduler, &Scheduler::jobStarted, this, [this](const Job *job) {
            m_err.write(rawbytes::toBytes(job->commandLine()) + '\n');
        });
    connect(&m_scheduler, &Scheduler::idle, this, &CliRunner::onIdle);
    connect(&m_scheduler, &Scheduler::steeringRefused, this,
            [this](const Job *job, const QString &error) {
                say(QStringLiteral("job %1 (%2) runs on: %3")
                            .arg(m_plan.numbers.value(job->firstSeq() - 1, job->firstSeq()))
                            .arg(shown(job->commandLine()), error));
            });
    connect(&m_signals, &UnixSignalWatcher::received, this, &CliRunner::onSignal);
    connect(&m_out, &OutputSink::drained, this, &CliRunner::finishWhenPrinted);
    connect(&m_err, &OutputSink::drained, this, &CliRunner::finishWhenPrinted);
}

CliRunner::~CliRunner() = default;

void CliRunner::say(const QString &line)
{
    m_err.write(runlog::utf8(QStringLiteral("procdeck-cli: %1\n").arg(line)));
}

bool CliRunner::prepare(QString *error)
{
    // Where the output is kept: a folder of this run's own, so that a reused --output-dir never
    // has one run's files overwritten by another's.
    m_removeRunFolder = m_request.outputDir.isEmpty() && !m_history;
    if (!m_request.outputDir.isEmpty()) {
        m_runFolder = paths::createRunFolder(m_request.outputDir, error);
        if (m_runFolder.isEmpty()) {
            error->prepend(QStringLiteral("--output-dir: "));
            return false;
        }
    } else if (!(m_request.quiet && m_removeRunFolder)) { // (quiet and kept nowhere: tails only)
        m_runFolder = paths::createRunFolder(paths::runsRoot(), error);
        if (m_runFolder.isEmpty()) {
            error->prepend(QStringLiteral("cannot keep the jobs' output: "));
            return false;
        }
    }
    m_scheduler.setOutputDir(m_runFolder);

    const auto toStdout = [this](QByteArray bytes) { m_out.write(std::move(bytes)); };
    m_runExport = RunExport::open(m_request, int(m_plan.jobs.size()), m_plan.appendToJobLog,
                                  toStdout, error);
    if (m_runExport)
        m_runExport->setNumbers(m_plan.numbers); // the scheduler numbers the jobs from 1
    const auto sayIt = [this](const QString &line) { say(line); }; // under a low ulimit -n
    return (m_runExport || error->isEmpty())
        && (m_request.runOn.where != RunOn::Where::ThisComputer
            || descriptorfit::fitJobs(&m_scheduler, &m_request.maxParallel,
                                      m_plan.jobs.size(), m_history, bool(m_request.pipe), sayIt,
                                      error));
}

void CliRunner::start()
{
    fdbudget::raiseToHardLimit();
    for (const QString &warning : std::as_const(m_request.warnings))
        say(QStringLiteral("warning: %1").arg(warning));
    QString error;
    if (!prepare(&error)) {
        say(error);
        m_runExport.reset();
        if (!m_runFolder.isEmpty())
            QDir(m_runFolder).removeRecursively();
        m_ownErrors = true;
        m_finishing = true;
        // From the event loop, where exit() takes effect, once the message is out.
        QMetaObject::invokeMethod(this, &CliRunner::finishWhenPrinted, Qt::QueuedConnection);
        return;
    }
    if (m_history)
        m_history->attach(&m_scheduler);
    if (m_request.pipe)
        return startPipe(); // the jobs come as standard input's blocks are read
    if (m_plan.jobs.isEmpty()) {
        // Nothing left to run (--resume): finish from the event loop, where exit() takes effect.
        QMetaObject::invokeMethod(this, &CliRunner::onIdle, Qt::QueuedConnection);
        return;
    }
    if (m_request.runOn.slurmAllocate.isEmpty())
        addJobs();
    else
        requestAllocation(); // the jobs are added once it is granted
}

void CliRunner::addJobs()
{
    if (m_request.isBatch || m_request.halt.isActive())
        m_scheduler.addBatch(m_plan.jobs, m_request.halt);
    else
        for (const JobSpec &spec : std::as_const(m_plan.jobs))
            m_scheduler.add(spec);
    // The scheduler has its own copies now: 100,000 jobs need not be held three times.
    m_plan.jobs = {};
    m_request.jobs = {};
}

void CliRunner::startPipe()
{
    m_feeder = std::make_unique<PipeFeeder>(m_request.pipe, STDIN_FILENO, m_request.maxParallel,
                                            &m_scheduler);
    connect(m_feeder.get(), &PipeFeeder::said, this, [this](const QString &line, bool isError) {
        say(line);
        m_ownErrors = m_ownErrors || isError;
    });
    connect(m_feeder.get(), &PipeFeeder::finished, this, [this] {
        if (m_scheduler.isIdle())
            onIdle();
    });
    m_feeder->start();
}

void CliRunner::requestAllocation()
{
    m_allocation = std::make_unique<AllocationRun>(&m_scheduler, m_request.runOn);
    connect(m_allocation.get(), &AllocationRun::waiting, this, [this](const QString &reason) {
        say(QStringLiteral("Waiting for Slurm (%1)").arg(reason));
    });
    connect(m_allocation.get(), &AllocationRun::failed, this, [this](const QString &error) {
        say(QStringLiteral("--slurm-allocate: %1").arg(error));
        m_ownErrors = true;
        onIdle();
    });
    m_allocation->start([this](const RunOn &placed) {
        m_scheduler.setRunOn(placed, m_request.maxParallel);
        addJobs();
        return 0; // the scheduler's idle is the batch's end (onIdle)
    });
}

void CliRunner::awaitSpillFiles()
{
    // Their writer's thread may be behind: the run folder went as empty just before it made a
    // file there, and a write that failed after its job's end was never said (status 0).
    SpillWriter::instance().syncAll();
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job &job = *m_scheduler.jobAt(i);
        const int number = m_plan.numbers.value(job.firstSeq() - 1, job.firstSeq());
        if (job.retriedAs() == 0 && m_lostOutput.report(job, number, shown(job.commandLine())))
            m_ownErrors = true;
    }
}

void CliRunner::onJobEnded(Job *job)
{
    // The scheduler numbers the jobs it was given from 1; a job's later tries share its number.
    const int index = job->firstSeq() - 1;
    const int number = m_plan.numbers.value(index, job->firstSeq());
    if (job->retriedAs() != 0) {
        // As GNU parallel: only the last try is printed and exported (each is in the history).
        if (!m_request.sayRetries)
            return;
        say(QStringLiteral("job %1 (%2) ended %3 (attempt %4 of %5); trying again")
                .arg(number).arg(shown(job->commandLine()), stateKey(job->state()))
                .arg(job->attempt()).arg(job->spec().retries));
        return;
    }
    if (m_inputStop.killed(job))
        return; // unprinted, as parallel's (an unended row in the export)
    if (!m_request.quiet)
        m_printer.jobEnded(*job, index, number - 1);

    JobRecord r = job->record();
    r.seq = number;
    QString markNote;
    if (r.timedOut && isSuccess(r.state)) {
        // --timeout-action mark: it ran on and succeeded; that is worth a word, not a failure.
        markNote = QStringLiteral(
                           "ran past its %1 s timeout (--timeout-action mark) and then succeeded")
                           .arg(job->spec().timeoutSeconds);
    }
    // The window's words (EndReason), for every end but a plain success.
    if (!isSuccess(r.state) || r.timedOut)
        say(QStringLiteral("job %1 (%2): %3")
                .arg(number)
                .arg(shown(r.command), EndReason::summary(r, job->spec().timeoutSeconds)));
    m_ownErrors = m_lostOutput.report(*job, number, shown(job->commandLine())) || m_ownErrors;

    if (m_runExport) {
        m_runExport->addEnded(*job, [&](ExportEntry &e) {
            e.record = r;
            if (!markNote.isEmpty())
                e.record.notes = e.record.notes.isEmpty()
                        ? markNote
                        : e.record.notes + QStringLiteral("; ") + markNote;
            if (m_removeRunFolder) { // the files go when procdeck-cli does: name none
                e.record.stdoutPath.clear();
                e.record.stderrPath.clear();
            }
        });
    }
}

void CliRunner::onIdle()
{
    if (m_finishing || (m_feeder && !m_feeder->isDone())) // (more blocks may come)
        return;
    m_finishing = true;
    if (m_progress)
        m_progress->finish(); // its last line, before anything said of the run as a whole
    if (m_allocation)
        m_allocation->release(); // the batch has ended: the allocation is not held a moment more
    m_printer.flushHeld();
    awaitSpillFiles();
    QSet<int> failed; // the jobs; with --onall the logins (parallel counts its run on each)
    int haltStatus = -1;
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job *job = m_scheduler.jobAt(i);
        if (job->retriedAs() != 0)
            continue; // its last try counts
        if (!isSuccess(job->state())) // skipped jobs too
            failed << m_request.outputGroups.value(job->firstSeq() - 1, -1 - i);
        if (const BatchHalt *halt = m_scheduler.batchHalt(job->batchId()))
            haltStatus = halt->currentExitStatus();
        if (m_runExport) {
            m_runExport->addUnended(*job, [&](ExportEntry &e) { // never reported as ended
                if (m_removeRunFolder) {
                    e.record.stdoutPath.clear();
                    e.record.stderrPath.clear();
                }
            });
        }
    }
    m_exitStatus = haltStatus >= 0 ? haltStatus
            : failed.size() > 100  ? 101
                                   : int(failed.size()); // --halt: GNU parallel's status
    QStringList errors;
    if (m_runExport && !m_runExport->finish(&errors)) {
        for (const QString &error : std::as_const(errors))
            say(error);
        m_ownErrors = true;
    }
    if (m_signalsSeen > 0) // stopped: a reader that does not read must not hold the exit up
        QTimer::singleShot(kStoppedDrainMs, this, &CliRunner::quit);
    finishWhenPrinted();
}

void CliRunner::finishWhenPrinted()
{
    if (!m_finishing || !m_out.isDrained())
        return;
    for (OutputSink *sink : {&m_out, &m_err}) {
        if (const qint64 dropped = sink->droppedBytes(); dropped > 0 && !m_droppedSaid) {
            m_droppedSaid = true;
            say(QStringLiteral("%1 bytes of job output were not printed: the reader was slow and "
                               "they were on no disk to print from later").arg(dropped));
            m_ownErrors = true;
        }
    }
    if (!m_out.error().isEmpty() && !m_stdoutErrorSaid) {
        m_stdoutErrorSaid = true; // as cat says it: the output was not all written
        say(m_out.error());
        m_ownErrors = true;
    }
    if (!m_err.isDrained())
        return;
    if (!m_err.error().isEmpty())
        m_ownErrors = true; // nowhere left to say it: the exit status does
    quit();
}

void CliRunner::quit()
{
    if (m_quit)
        return;
    m_quit = true;
    if (m_ownErrors)
        m_exitStatus = 255;
    if (m_removeRunFolder && !m_runFolder.isEmpty())
        QDir(m_runFolder).removeRecursively();
    else if (!m_runFolder.isEmpty())
        QDir().rmdir(m_runFolder); // a run that printed nothing leaves no empty folder
    QCoreApplication::exit(m_exitStatus);
}

void CliRunner::onSignal(int sig)
{
    if (sig == SIGPIPE)
        return; // the write that raised it got EPIPE: the sink stops printing, the jobs go on
    const QString name = processgroup::signalName(sig);
    if (sig == SIGTSTP)
        return m_stopper.stop(name);
    if (sig == SIGCONT)
        return m_stopper.resume();
    if (sig == SIGUSR1) {
        const BatchStats t = m_scheduler.totals();
        say(QStringLiteral("%1: %2 running, %3 queued, %4 ended (%5 failed)")
                .arg(name).arg(t.running).arg(t.queued).arg(t.succeeded + t.failed).arg(t.failed));
        return;
    }
    if (!Stopper::stopsTheRun(sig)) {
        say(QStringLiteral("%1 received and ignored").arg(name));
        return;
    }
    ++m_signalsSeen;
    if (m_finishing) {
        quit(); // only the printing is left, and it is not wanted any more
        return;
    }
    if (m_allocation && !m_allocation->isGranted()) { // nothing runs yet
        say(QStringLiteral("%1 received, the Slurm allocation no longer wanted").arg(name));
        onIdle();
        return;
    }
    say(QStringLiteral("%1 received, stopping every job").arg(name));
    if (m_feeder)
        m_feeder->stop(); // no more blocks
    if (m_signalsSeen == 1)
        m_scheduler.shutdown(); // SIGTERM to running and paused trees, SIGKILL after the grace
    else
        m_scheduler.shutdownNow();
}
