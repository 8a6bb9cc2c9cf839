#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QPoint;
class QTableView;
class QToolBar;
class QWidget;

namespace procdeck {
struct HaltPolicy;
struct JobSpec;
struct Preferences;
struct RunOn;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class JobTablePanel;
class SteeringControls;
class TreeActions;
class QuitController;

/// What the person does to jobs from the menus, the toolbar and the table's context menu: a new
/// job or batch from its form, run again, kill, kill all, remove the ended ones; and whether
/// each of those is possible now.
class JobActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobActions)

public:
    /// The window's actions and widgets these work: each must outlive this.
    struct Parts {
        QAction *newJob = nullptr;
        QAction *newBatch = nullptr;
        QAction *runAgain = nullptr;
        QAction *kill = nullptr;
        QAction *killAll = nullptr;
        QAction *removeEnded = nullptr;
        QAction *exportAll = nullptr;      ///< only enabled here (ExportActions does it)
        QAction *exportSelected = nullptr; ///< likewise; also in the context menu
        QTableView *jobTable = nullptr;    ///< its context menu
        QMenu *jobsMenu = nullptr;         ///< the steering actions go there…
        QToolBar *toolBar = nullptr;       ///< …and there
    };

    /// Connects `parts`; every pointer must outlive this. Dialogs open over `dialogParent`.
    JobActions(const Parts &parts, procdeck::Scheduler *scheduler, const JobTablePanel *table,
               const procdeck::Preferences *prefs, const QuitController *quit,
               QWidget *dialogParent);

    /// Enables what can be done now (the selection, the jobs' states, quitting).
    void updateEnabled();
    /// Pause / Resume, queue order, "Run after…" and the parallelism (in the Jobs menu, the
    /// toolbar and the context menu).
    SteeringControls *steering() const { return m_steering; }
    /// Kill batch: the selected jobs' batches ended, queue and running jobs (beside Kill all).
    QAction *killBatchAction() const { return m_killBatch; }
    /// Send signal… and Priority… (beside Kill).
    TreeActions *treeActions() const { return m_tree; }
    /// The Launch form; `runAfter`: the job numbers the new job waits for ("Run after…").
    void newJob(const QList<int> &runAfter = {});
    /// The job table these act on.
    const JobTablePanel *table() const { return m_table; }

signals:
    /// A job to run `runOn` (the form's Run on, or where the job run again ran).
    void launchRequested(const procdeck::JobSpec &spec, const procdeck::RunOn &runOn);
    /// Run again on rows that mirror jobs of the engine: their numbers there, to be queued
    /// again by the engine (never in this window's process).
    void engineAgainRequested(const QList<int> &engineNumbers);
    /// The Launch dialog's "Run in the background": for the engine, not this window's queue.
    void backgroundLaunchRequested(const procdeck::JobSpec &spec, const procdeck::RunOn &runOn);
    /// The Batch dialog's "Run in the background": the batch for the engine (`halt` as GNU
    /// parallel spells it, empty: none; `maxParallel` 0: the engine's own).
    void backgroundBatchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel,
                                  const QString &halt, const procdeck::RunOn &runOn);
    void batchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel,
                        const procdeck::HaltPolicy &halt, const procdeck::RunOn &runOn);
    /// Ended jobs left the table.
    void jobsRemoved();
    /// A line for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    /// Whether a form's jobs go to the engine: `asked` (Run in the background), unless where
    /// they run is not the engine's to take yet, or the job `waiting` waits for rows of this
    /// window; the status bar then says why.
    bool toBackground(bool asked, const procdeck::RunOn &runOn,
                      const procdeck::JobSpec *waiting = nullptr);
    void newBatch();
    void runAgain();
    void killSelected();
    void killAll();
    void killBatches();
    /// The batches (numbered > 0) of the selected jobs that still have a job to end.
    QList<int> selectedLiveBatches() const;
    void removeEnded();
    void showContextMenu(const QPoint &pos);

    const Parts m_parts;
    procdeck::Scheduler *const m_scheduler;
    const JobTablePanel *const m_table;
    const procdeck::Preferences *const m_prefs;
    const QuitController *const m_quit;
    QWidget *const m_dialogParent;
    SteeringControls *m_steering = nullptr;
    QAction *m_killBatch = nullptr;
    TreeActions *m_tree = nullptr; ///< Send signal…, Priority…
};

} // namespace procdeck::app
