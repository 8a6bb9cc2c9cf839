#pragma once

#include "core/history/history.h"
#include "core/parallel/joboptions.h"
#include "core/parallel/pipefeeder.h"
#include "core/monitor/processsampler.h"
#include "core/export/runexport.h"
#include "core/scheduling/scheduler.h"
#include "core/process/unixsignalwatcher.h"
#include "core/scheduling/allocationrun.h"
#include "inputstop.h"
#include "jobprinter.h"
#include "lostoutput.h"
#include "outputsink.h"
#include "resume.h"
#include "stopper.h"

#include <QObject>

#include <memory>

/// Runs a RunRequest without a window: prints each job's output whole when it ends (never
/// interleaved, like GNU parallel's default), writes the export and the joblog as jobs end,
/// and says how it went through the exit status.
///
/// Nothing here waits on a reader: procdeck-cli's stdout and stderr are written from threads of
/// their own (OutputSink), so timeouts and signals are handled while a reader is slow, and a
/// reader that goes away only stops the printing.
class ProgressPrinter;

class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    /// `plan` says which of the request's jobs run and under which numbers; `history` (may be
    /// null) records them.
    CliRunner(procdeck::RunRequest request, ResumePlan plan, procdeck::History *history,
              QObject *parent = nullptr);
    ~CliRunner() override;

    /// Checks every path (output folder, export, joblog) and starts the jobs; on a wrong path
    /// no job starts. The application quits with exitStatus() when all is done.
    void start();
    /// GNU parallel's convention: 0 all succeeded, 1–100 that many failed, 101 more than 100,
    /// 255 an error of ProcDeck's own (an export or output that could not be written, a path
    /// refused before the start).
    int exitStatus() const { return m_exitStatus; }
    const procdeck::Scheduler &scheduler() const { return m_scheduler; }

private:
    bool prepare(QString *error);
    void addJobs();
    void startPipe();
    void requestAllocation();
    void onJobEnded(procdeck::Job *job);
    void onIdle();
    void onSignal(int sig);
    void finishWhenPrinted();
    void quit();
    void say(const QString &line);
    /// Waits until the spill files are written, then says what of the jobs' output they lost.
    void awaitSpillFiles();

    procdeck::RunRequest m_request;
    ResumePlan m_plan;
    procdeck::History *m_history;
    procdeck::Scheduler m_scheduler;
    procdeck::ProcessSampler m_sampler{&m_scheduler}; ///< peak_rss_kb and cpu_s in the exports
    procdeck::UnixSignalWatcher m_signals;
    OutputSink m_out;
    OutputSink m_err;
    JobPrinter m_printer;
    std::unique_ptr<procdeck::RunExport> m_runExport; ///< --export and --joblog
    std::unique_ptr<procdeck::AllocationRun> m_allocation; ///< --slurm-allocate
    std::unique_ptr<ProgressPrinter> m_progress; ///< --progress, --eta, --bar
    std::unique_ptr<procdeck::PipeFeeder> m_feeder; ///< --pipe: the blocks, as jobs need them
    QString m_runFolder;          ///< this run's spill files
    bool m_removeRunFolder = false; ///< no history row and no --output-dir: nothing will find it
    bool m_ownErrors = false;     ///< something of ProcDeck's own failed: 255
    bool m_finishing = false;     ///< the jobs are done; waiting for the printing
    bool m_stdoutErrorSaid = false;
    bool m_droppedSaid = false;
    bool m_quit = false;
    int m_exitStatus = 0;
    int m_signalsSeen = 0;
    LostOutput m_lostOutput{[this](const QString &line) { say(line); }};
    Stopper m_stopper{&m_scheduler, [this](const QString &line) { say(line); }}; ///< Ctrl+Z
    InputStop m_inputStop{&m_scheduler, m_request.stopError, [this](const QString &line) {
                              say(line);
                              m_ownErrors = true;
                          }}; ///< -s: an input too long after the jobs
};
