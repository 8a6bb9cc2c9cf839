#pragma once

#include "core/parallel/joboptions.h"
#include "core/parallel/pipefeeder.h"

#include <QObject>

#include <functional>
#include <memory>

namespace procdeck {
class Job;
class RunExport;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class EngineLaunches;

/// The jobs given on the window's command line and what it asked of them besides running:
/// --export and --joblog, written as procdeck-cli writes them (a row as each job ends) and put
/// in place once the last of those jobs has ended, while the window stays open. Says where
/// they went by finished() (the window's status bar), and on stderr unless --quiet; a problem
/// in both places.
class CommandLineRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandLineRun)

public:
    /// `scheduler` must outlive this.
    CommandLineRun(const procdeck::RunRequest &request, procdeck::Scheduler *scheduler,
                   QObject *parent);
    /// Rows for the jobs that never ended (the window closed first), and the files put in place.
    ~CommandLineRun() override;

    /// What the window does for a command line's jobs that run in it.
    struct Window {
        /// Adds a batch as the Batch dialog would (MainWindow::launchBatch()).
        std::function<void(const QList<procdeck::JobSpec> &, const procdeck::HaltPolicy &)>
                launchBatch;
        /// Shows job `seq`, the first of the command line's, as the one selected.
        std::function<void(int seq)> show;
        EngineLaunches *engine = nullptr; ///< the user's engine's launches, as the forms'
    };
    /// Opens the files the request names, then starts its jobs: in the user's engine (issue
    /// 25), where they run on after the window, unless `inWindow` (--in-window), the engine
    /// does not take them (submitrequest::whyNotForEngine()) or they have retries (the engine's
    /// tries would be rows of their own); or in the window when the engine refuses them, said
    /// by notice(). False with *error, nothing started, when a path cannot be written.
    bool start(const Window &window, bool inWindow, QString *error);
    /// Opens the files the request names, before any job is added: false with *error when one
    /// cannot be written.
    bool open(QString *error);
    /// The request's jobs were added as seqs firstSeq, firstSeq + 1, …
    void jobsAdded(int firstSeq);
    /// --pipe, --tee: the jobs are made as `fd`'s blocks are read (standard input's by
    /// default), by the same PipeFeeder as procdeck-cli's, at the request's -j.
    void startPipe(int fd = 0);
    /// True once every file is in place (or there was none to write).
    bool isDone() const { return !m_export; }

signals:
    /// The files are in place (or failed): `message` says which, for a person. Also a line
    /// from --pipe's reading (a warning, or an error that ended it; ok false).
    void finished(const QString &message, bool ok);
    /// A line for the status bar that is no end: the engine did not take the jobs.
    void notice(const QString &message);

private:
    void runHere(const Window &window);
    void handToEngine(const Window &window);
    /// The engine's answer to handToEngine(): its rows, or a refusal (then they run here).
    void engineAnswered(const Window &window, int firstSeq, const QString &refusal);
    void onJobEnded(procdeck::Job *job);
    void finish();

    procdeck::RunRequest m_request; ///< its jobs until start() has handed them on
    procdeck::Scheduler *const m_scheduler;
    std::unique_ptr<procdeck::RunExport> m_export;
    std::unique_ptr<procdeck::PipeFeeder> m_feeder; ///< --pipe: the blocks, as jobs need them
    int m_count = 0; ///< the request's jobs
};

} // namespace procdeck::app
