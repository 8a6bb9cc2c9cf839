#pragma once

#include "core/history/history.h"
#include "core/parallel/joboptions.h"
#include "core/types/preferences.h"
#include "core/scheduling/scheduler.h"

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
namespace procdeck {
class JobFilterProxy;
class JobTableModel;
class ProcessSampler;
} // namespace procdeck
class QSettings;

namespace procdeck::app {

class BackgroundPanel;
class BatchAllocations;
class BatchFileActions;
class CommandLineRun;
class EngineLaunches;
class ExportActions;
class HistoryController;
class JobActions;
class SteeringControls;
class JobTablePanel;
class NoticeBar;
class Notifier;
class QuitController;
class OutputView;
class TimelineView;
class UsageChart;
class ProcessesPanel;
class StatusSummary;

/// ProcDeck's window: the live job table over the scheduler, the selected job's output, the
/// toolbar and menus, and the status bar's figures. Nothing here blocks the GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts the jobs a command line asked for, and writes the --export and --joblog it names
    /// once they have ended. False with *error (nothing started) when a path cannot be written.
    /// They go to the user's engine (issue 25), which runs them on after the window closes;
    /// what the engine does not take (submitrequest::whyNotForEngine()) runs in the window, as
    /// everything does `inWindow` (--in-window).
    bool run(const procdeck::RunRequest &request, QString *error, bool inWindow = false);
    /// Kills every job's process group at once (SIGKILL) and closes, asking nothing.
    void quitNow();
    /// Stops every job as a timeout would (SIGTERM, SIGKILL after the grace), saying so in the
    /// window, and closes once nothing runs. Asks nothing.
    void quitGracefully();
    /// What SIGTERM, SIGINT and SIGHUP do: the first quits gracefully, a second kills at once.
    void quitOnSignal();
    /// The strip that counts down a graceful quit, with its "Kill now" button.
    NoticeBar *stopBanner() const;
    /// Tells the desktop when a batch ends while the window is in the background.
    Notifier *notifier() const { return m_notifier; }
    /// The strip that says the history cannot be written.
    NoticeBar *historyBanner() const;

    procdeck::Scheduler &scheduler() { return m_scheduler; }
    procdeck::JobTableModel *model() const { return m_model; }
    procdeck::JobFilterProxy *proxy() const { return m_proxy; }
    OutputView *outputView() const;
    StatusSummary *statusSummary() const { return m_summary; }
    UsageChart *usageChart() const { return m_usageChart; }
    TimelineView *timeline() const { return m_timeline; }
    procdeck::ProcessSampler *sampler() const { return m_sampler; }
    /// Selects the job's row in the table (what a click on the timeline does).
    void selectJob(int seq);
    Ui::MainWindow *ui() const { return m_ui.get(); }

    /// Adds one job as a form would; returns it. It runs `runOn`, else where the command line's
    /// -S/--slurm said (here when none).
    procdeck::Job *launch(const procdeck::JobSpec &spec,
                          const std::optional<procdeck::RunOn> &runOn = {});
    /// Adds a batch as the Batch dialog would; returns its id.
    int launchBatch(const QList<procdeck::JobSpec> &specs, int maxParallel,
                    const procdeck::HaltPolicy &halt = {},
                    const std::optional<procdeck::RunOn> &runOn = {});
    /// Pause / Resume, Pause queue, queue order, "Run after…", the parallelism spin box and the
    /// strip that says why a batch halted.
    SteeringControls *steering() const { return m_steering; }

    /// The "Background" tab: the engine's jobs.
    BackgroundPanel *background() const { return m_background; }
    /// The batches that run in a Slurm allocation of their own.
    BatchAllocations *allocations() const { return m_allocations; }
    procdeck::History &history() { return m_history; }
    /// Runs a batch file's jobs; problems are shown to the person. False if it was refused.
    bool openBatchFile(const QString &path);
    /// Starts writing the run log of all jobs (or the selected ones) in the format the extension
    /// names, off the GUI thread; exported() says how it went, the status bar what was written.
    void exportTo(const QString &path, bool selectedOnly);
    /// Saves the table's jobs as a batch file. False with a message shown.
    bool saveBatchFile(const QString &path);

    /// The settings store (~/.config/procdeck/procdeck.conf).
    static std::unique_ptr<QSettings> settings();

signals:
    /// An export asked with exportTo() or the Export actions is written (`ok`) or refused.
    void exported(const QString &path, bool ok, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setUpParts();
    void setUpActions();
    void setUpDetailTabs();
    void setUpNotifier();
    void applyPreferences();
    void updateActions();
    /// A job the person asked for (a form, run again, the history).
    void launchAsked(const procdeck::JobSpec &spec,
                     const std::optional<procdeck::RunOn> &runOn = {});
    void onSelectionChanged();
    void onJobChanged(procdeck::Job *job);
    void editPreferences();

    std::unique_ptr<Ui::MainWindow> m_ui;
    procdeck::Scheduler m_scheduler;
    procdeck::Preferences m_prefs;
    procdeck::History m_history;
    procdeck::JobTableModel *m_model = nullptr;
    procdeck::JobFilterProxy *m_proxy = nullptr;
    JobTablePanel *m_tablePanel = nullptr;
    StatusSummary *m_summary = nullptr;
    UsageChart *m_usageChart = nullptr;
    ProcessesPanel *m_processes = nullptr;
    TimelineView *m_timeline = nullptr;
    procdeck::ProcessSampler *m_sampler = nullptr;
    QuitController *m_quit = nullptr;
    JobActions *m_jobActions = nullptr;
    SteeringControls *m_steering = nullptr;
    HistoryController *m_historyController = nullptr;
    ExportActions *m_exports = nullptr;
    BatchFileActions *m_batchFiles = nullptr;
    CommandLineRun *m_commandLine = nullptr; ///< the jobs of the command line, their export
    Notifier *m_notifier = nullptr;
    BackgroundPanel *m_background = nullptr;
    EngineLaunches *m_engineLaunches = nullptr;
    BatchAllocations *m_allocations = nullptr;
};

} // namespace procdeck::app
