#pragma once

#include <QList>
#include <QObject>

#include <functional>

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck
class QAction;
class QMenu;
class QSpinBox;
class QTableView;
class QToolBar;

namespace procdeck::app {

class NoticeBar;

/// The window's steering of jobs (issue 13): Pause / Resume for the selected jobs and for their
/// batches, "Pause queue", moving queued jobs to the top or the bottom of the queue (and by drag
/// in the table), "Run after…", the parallelism spin box in the toolbar, and the banner that
/// says why a batch halted. Acts through the scheduler only; nothing here waits.
class SteeringControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SteeringControls)

public:
    using Selection = std::function<QList<procdeck::Job *>()>;
    /// `selection`: the selected jobs of `table`, in job order. Makes the halt banner
    /// (haltBanner()).
    SteeringControls(procdeck::Scheduler *scheduler, QTableView *table, Selection selection,
                     QWidget *parent);

    /// Puts the actions into the Jobs menu and the toolbar (the spin box at its end).
    void addTo(QMenu *jobsMenu, QToolBar *toolBar);
    /// The actions that fit a job's context menu.
    QList<QAction *> contextActions() const;
    /// The strip that says why a batch halted; hidden until one does. The caller places it.
    NoticeBar *haltBanner() const { return m_haltBanner; }
    /// Enables what the selection allows; call when it or a job's state changes.
    void update();
    /// update() once the present burst of changes is over (a thousand starts: one update).
    void updateSoon();

    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *pauseBatchAction() const { return m_pauseBatch; }
    QAction *resumeBatchAction() const { return m_resumeBatch; }
    QAction *pauseQueueAction() const { return m_pauseQueue; }
    QAction *moveToTopAction() const { return m_moveTop; }
    QAction *moveToBottomAction() const { return m_moveBottom; }
    QAction *runAfterAction() const { return m_runAfter; }
    QSpinBox *parallelSpin() const { return m_parallel; }

signals:
    /// "Run after…": the Launch form, set to wait for these jobs.
    void runAfterRequested(const QList<int> &seqs);

private:
    void makeActions();
    void connectActions();
    QList<int> selectedBatches() const;
    void onBatchHalted(int batchId, const QString &reason);

    procdeck::Scheduler *const m_scheduler;
    QTableView *const m_table;
    Selection m_selection;
    NoticeBar *const m_haltBanner;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_pauseBatch = nullptr;
    QAction *m_resumeBatch = nullptr;
    QAction *m_pauseQueue = nullptr;
    QAction *m_moveTop = nullptr;
    QAction *m_moveBottom = nullptr;
    QAction *m_runAfter = nullptr;
    QSpinBox *m_parallel = nullptr; ///< owned by the toolbar once added
    bool m_updatePending = false;
};

} // namespace procdeck::app
