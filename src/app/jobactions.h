#pragma once

#include <QList>
#include <QObject>

class QAction;
class QPoint;
class QMainWindow;

namespace Ui {
class MainWindow;
}
namespace procdeck {
struct HaltPolicy;
struct JobSpec;
struct Preferences;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class JobTablePanel;
class SteeringControls;
class QuitController;

/// What the person does to jobs from the menus, the toolbar and the table's context menu: a new
/// job or batch from its form, run again, kill, kill all, remove the ended ones; and whether
/// each of those is possible now.
class JobActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobActions)

public:
    /// Connects the window's actions; every pointer must outlive this.
    JobActions(Ui::MainWindow *ui, procdeck::Scheduler *scheduler, JobTablePanel *table,
               const procdeck::Preferences *prefs, const QuitController *quit, QMainWindow *window);

    /// Enables what can be done now (the selection, the jobs' states, quitting).
    void update();
    /// Pause / Resume, queue order, "Run after…" and the parallelism (in the Jobs menu, the
    /// toolbar and the context menu).
    SteeringControls *steering() const { return m_steering; }
    /// The Launch form; `runAfter`: the job numbers the new job waits for ("Run after…").
    void newJob(const QList<int> &runAfter = {});

signals:
    void launchRequested(const procdeck::JobSpec &spec);
    void batchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel, const procdeck::HaltPolicy &halt);
    /// Ended jobs left the table.
    void jobsRemoved();

private:
    void newBatch();
    void runAgain();
    void killSelected();
    void killAll();
    void removeEnded();
    void showContextMenu(const QPoint &pos);

    Ui::MainWindow *m_ui;
    procdeck::Scheduler *m_scheduler;
    JobTablePanel *m_table;
    const procdeck::Preferences *m_prefs;
    const QuitController *m_quit;
    QMainWindow *m_window;
    SteeringControls *m_steering = nullptr;
};

} // namespace procdeck::app
