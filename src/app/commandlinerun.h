#pragma once

#include "core/parallel/joboptions.h"
#include "core/parallel/pipefeeder.h"

#include <QObject>

#include <memory>

namespace procdeck {
class Job;
class RunExport;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

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

private:
    void onJobEnded(procdeck::Job *job);
    void finish();

    procdeck::RunRequest m_request;
    procdeck::Scheduler *const m_scheduler;
    std::unique_ptr<procdeck::RunExport> m_export;
    std::unique_ptr<procdeck::PipeFeeder> m_feeder; ///< --pipe: the blocks, as jobs need them
    int m_count = 0; ///< the request's jobs
};

} // namespace procdeck::app
