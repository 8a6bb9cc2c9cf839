#pragma once

#include "core/history.h"
#include "core/joboptions.h"
#include "core/preferences.h"
#include "core/scheduler.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <memory>

namespace Ui {
class MainWindow;
}
namespace procdeck {
class JobFilterProxy;
class JobTableModel;
class ProcessSampler;
} // namespace procdeck
class QMessageBox;
class QSettings;

namespace procdeck::app {

class JobItemDelegate;
class QuitSequence;
class NoticeBar;
class Notifier;
class OutputView;
class TimelineView;
class UsageChart;
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

    /// Starts the jobs a command line asked for.
    void run(const procdeck::RunRequest &request);
    /// Kills every job's process group at once (SIGKILL) and closes, asking nothing.
    void quitNow();
    /// Stops every job as a timeout would (SIGTERM, SIGKILL after the grace), saying so in the
    /// window, and closes once nothing runs. Asks nothing.
    void quitGracefully();
    /// What SIGTERM, SIGINT and SIGHUP do: the first quits gracefully, a second kills at once.
    void quitOnSignal();
    /// The strip that counts down a graceful quit, with its "Kill now" button.
    NoticeBar *stopBanner() const { return m_stopBanner; }
    /// Tells the desktop when a batch ends while the window is in the background.
    Notifier *notifier() const { return m_notifier; }
    /// The strip that says the history cannot be written.
    NoticeBar *historyBanner() const { return m_historyBanner; }

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

    /// Adds one job as a form would; returns it.
    procdeck::Job *launch(const procdeck::JobSpec &spec);
    /// Adds a batch as the Batch dialog would; returns its id.
    int launchBatch(const QList<procdeck::JobSpec> &specs, int maxParallel);

    procdeck::History &history() { return m_history; }
    /// Runs a batch file's jobs; problems are shown to the person. False if it was refused.
    bool openBatchFile(const QString &path);
    /// Writes the run log of all jobs (or the selected ones) in the format the extension names.
    bool exportTo(const QString &path, bool selectedOnly);
    /// Saves the table's jobs as a batch file. False with a message shown.
    bool saveBatchFile(const QString &path);

    /// The settings store (~/.config/procdeck/procdeck.conf).
    static std::unique_ptr<QSettings> settings();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUpTable();
    void setUpActions();
    void setUpQuit();
    void setUpEmptyHint();
    void setUpToolBarTexts();
    void adaptToWidth();
    void showQuitProgress();
    void askBeforeQuitting();
    void restoreState();
    void saveState() const;
    void applyPreferences();
    QList<procdeck::Job *> selectedJobs() const;
    void updateActions();
    void onSelectionChanged();
    void onJobChanged(procdeck::Job *job);
    void onAnimationTick();
    void newJob();
    void newBatch();
    void runAgain();
    void killSelected();
    void killAll();
    void exportRunLog(bool selectedOnly);
    void editPreferences();
    void showHistory();
    void openHistory();
    void startRetention();
    void showContextMenu(const QPoint &pos);
    void rememberCommand(const QString &command);

    std::unique_ptr<Ui::MainWindow> m_ui;
    procdeck::Scheduler m_scheduler;
    procdeck::Preferences m_prefs;
    procdeck::History m_history;
    std::unique_ptr<QThread> m_retention; ///< prunes old history and output files off the GUI thread
    procdeck::JobTableModel *m_model = nullptr;
    procdeck::JobFilterProxy *m_proxy = nullptr;
    JobItemDelegate *m_delegate = nullptr;
    StatusSummary *m_summary = nullptr;
    UsageChart *m_usageChart = nullptr;
    TimelineView *m_timeline = nullptr;
    procdeck::ProcessSampler *m_sampler = nullptr;
    QuitSequence *m_quit = nullptr;
    Notifier *m_notifier = nullptr;
    NoticeBar *m_stopBanner = nullptr;
    NoticeBar *m_historyBanner = nullptr;
    QPointer<QMessageBox> m_closeBox; ///< the close confirmation, while it is open
    QWidget *m_emptyHint = nullptr; ///< what to do first, over the empty table
    int m_toolBarFullWidth = 0;
    QHash<int, int> m_yieldedWidths; ///< widths of the columns that give way, kept while hidden     ///< the toolbar's width with its texts beside the icons
    QTimer m_animation; ///< the one timer behind every row's "working…" spinner and the status bar
    bool m_quitting = false; ///< set when the window may close: nothing runs any more, or quitNow()
};

} // namespace procdeck::app
