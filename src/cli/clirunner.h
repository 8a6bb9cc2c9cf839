#pragma once

#include "core/history.h"
#include "core/joboptions.h"
#include "resume.h"
#include "core/processsampler.h"
#include "core/scheduler.h"
#include "core/unixsignalwatcher.h"

#include <QObject>

#include <memory>

class QFile;

/// Runs a RunRequest without a window: prints each job's output whole when it ends (never
/// interleaved, like GNU parallel's default), writes the export, and says how it went through
/// the exit status.
class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    /// `plan` says which of the request's jobs run and under which numbers; `history` (may be
    /// null) records them.
    CliRunner(procdeck::RunRequest request, ResumePlan plan, procdeck::History *history, QObject *parent = nullptr);
    ~CliRunner() override;

    /// Starts the jobs; the application quits with exitStatus() when they have all ended.
    void start();
    /// GNU parallel's convention: 0 all succeeded, 1–100 that many failed, 101 more than 100,
    /// 255 an error of ProcDeck's own (such as an export that could not be written).
    int exitStatus() const { return m_exitStatus; }

private:
    void onJobEnded(procdeck::Job *job);
    void onIdle();
    void onSignal(int sig);
    bool writeJobLog(const QList<procdeck::ExportEntry> &entries, QString *error) const;

    procdeck::RunRequest m_request;
    ResumePlan m_plan;
    procdeck::Scheduler m_scheduler;
    procdeck::ProcessSampler m_sampler{&m_scheduler}; ///< peak_rss_kb and cpu_s in the exports
    procdeck::UnixSignalWatcher m_signals;
    std::unique_ptr<QFile> m_stdout;
    std::unique_ptr<QFile> m_stderr;
    int m_exitStatus = 0;
    int m_signalsSeen = 0;
};
