#include "steeringcontrols.h"

#include "core/process/remoterun.h"
#include "core/scheduling/scheduler.h"
#include "noticebar.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QToolBar>

#include <algorithm>

namespace procdeck::app {

namespace {

QAction *makeAction(QObject *parent, const QString &text, const QString &tip,
                    const QString &icon = {}, const QKeySequence &shortcut = {})
{
    auto *action = new QAction(text, parent);
    action->setToolTip(tip);
    if (!icon.isEmpty())
        action->setIcon(QIcon(icon));
    action->setShortcut(shortcut);
    return action;
}

bool anyIn(const QList<Job *> &jobs, JobState state)
{
    return std::any_of(jobs.begin(), jobs.end(),
                       [state](const Job *j) { return j->state() == state; });
}

/// Queued here, or in the engine's queue (its row shows it running from the hand-over).
bool anyMovable(const QList<Job *> &jobs)
{
    return std::any_of(jobs.begin(), jobs.end(), [](const Job *j) {
        return j->state() == JobState::Queued || (j->remote() && j->remote()->movableThere());
    });
}

} // namespace

SteeringControls::SteeringControls(Scheduler *scheduler, QTableView *table, Selection selection,
                                   QWidget *parent)
    : QObject(parent), m_scheduler(scheduler), m_table(table), m_selection(std::move(selection)),
      m_haltBanner(new NoticeBar(NoticeBar::Kind::Warning, parent))
{
    m_haltBanner->setObjectName(QStringLiteral("haltBanner"));
    connect(m_haltBanner->setButton(tr("&Dismiss")), &QPushButton::clicked, m_haltBanner,
            &QWidget::hide);
    makeActions();
    connectActions();
    connect(m_scheduler, &Scheduler::batchHalted, this, &SteeringControls::onBatchHalted);

    m_parallel = new QSpinBox;
    m_parallel->setObjectName(QStringLiteral("parallelSpin"));
    m_parallel->setRange(1, 4096);
    m_parallel->setValue(m_scheduler->maxParallel());
    m_parallel->setToolTip(tr("At most this many jobs run at once, here and in the background "
                              "engine (every window shows the same number); a change takes "
                              "effect at once, also while a batch runs"));
    // Live: a higher limit starts queued jobs now; a lower one lets running jobs finish.
    connect(m_parallel, &QSpinBox::valueChanged, m_scheduler, &Scheduler::setMaxParallel);
    // Changed elsewhere: a batch's own, the engine's (another window's, procdeck-cli's).
    connect(m_scheduler, &Scheduler::maxParallelChanged, m_parallel, [this](int n) {
        const QSignalBlocker quiet(m_parallel);
        m_parallel->setValue(n);
    });

    // Drag queued rows within the queue (JobTableModel moves them in the scheduler's queue).
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDragDropMode(QAbstractItemView::DragDrop);
    m_table->setDefaultDropAction(Qt::MoveAction);
    // What the actions allow follows the selection and the jobs' states (pause, resume, ends).
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SteeringControls::updateSoon);
    connect(m_scheduler, &Scheduler::jobStateChanged, this, &SteeringControls::updateSoon);
    update();
}

void SteeringControls::makeActions()
{
    m_pause = makeAction(this, tr("&Pause"),
                         tr("Pause the selected jobs' whole process trees (SIGSTOP; a Slurm job: "
                            "scontrol suspend); their timeouts wait too (Ctrl+P)"),
                         QStringLiteral(":/icons/pause.svg"), QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pause->setObjectName(QStringLiteral("actionPause"));
    m_resume = makeAction(this, tr("Res&ume"),
                          tr("Resume the selected paused jobs (SIGCONT; a Slurm job: scontrol "
                             "resume) (Ctrl+Shift+P)"),
                          QStringLiteral(":/icons/resume.svg"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_resume->setObjectName(QStringLiteral("actionResume"));
    m_pauseBatch = makeAction(this, tr("Pause &batch"),
                              tr("Pause the running jobs of the selected jobs' batches and start "
                                 "none of their queued ones"));
    m_pauseBatch->setObjectName(QStringLiteral("actionPauseBatch"));
    m_resumeBatch = makeAction(this, tr("Resume ba&tch"), tr("Resume the selected jobs' batches"));
    m_resumeBatch->setObjectName(QStringLiteral("actionResumeBatch"));
    m_pauseQueue = makeAction(this, tr("Pause &queue"), tr("Start no new job; running jobs go on"),
                              QStringLiteral(":/icons/pause-queue.svg"));
    m_pauseQueue->setObjectName(QStringLiteral("actionPauseQueue"));
    m_pauseQueue->setCheckable(true);
    m_moveTop = makeAction(this, tr("Move to &top of queue"),
                           tr("The selected queued jobs start next (or drag them in the table)"),
                           {}, QKeySequence(Qt::CTRL | Qt::Key_Home));
    m_moveTop->setObjectName(QStringLiteral("actionMoveToTop"));
    m_moveBottom = makeAction(this, tr("Move to b&ottom of queue"),
                              tr("The selected queued jobs start last"), {},
                              QKeySequence(Qt::CTRL | Qt::Key_End));
    m_moveBottom->setObjectName(QStringLiteral("actionMoveToBottom"));
    m_runAfter = makeAction(this, tr("Run &after…"),
                            tr("Launch a job that waits until the selected jobs have ended"));
    m_runAfter->setObjectName(QStringLiteral("actionRunAfter"));
}

void SteeringControls::connectActions()
{
    connect(m_pause, &QAction::triggered, this, [this] {
        for (Job *job : m_selection())
            m_scheduler->pause(job);
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        for (Job *job : m_selection())
            m_scheduler->resume(job);
    });
    connect(m_pauseBatch, &QAction::triggered, this, [this] {
        for (const int batch : selectedBatches())
            m_scheduler->pauseBatch(batch);
        update();
    });
    connect(m_resumeBatch, &QAction::triggered, this, [this] {
        for (const int batch : selectedBatches())
            m_scheduler->resumeBatch(batch);
        update();
    });
    connect(m_pauseQueue, &QAction::toggled, m_scheduler, &Scheduler::setPaused);
    connect(m_scheduler, &Scheduler::pausedChanged, m_pauseQueue, &QAction::setChecked);
    connect(m_moveTop, &QAction::triggered, this,
            [this] { m_scheduler->moveToFront(m_selection()); });
    connect(m_moveBottom, &QAction::triggered, this,
            [this] { m_scheduler->moveToBack(m_selection()); });
    connect(m_runAfter, &QAction::triggered, this, [this] {
        QList<int> seqs;
        for (const Job *job : m_selection())
            seqs << job->seq();
        emit runAfterRequested(seqs);
    });
}

void SteeringControls::addTo(QMenu *jobsMenu, QToolBar *toolBar)
{
    QAction *before = jobsMenu->actions().value(3); // after Run again, Kill, Kill all
    const QList<QAction *> steering{m_pause, m_resume, m_pauseBatch, m_resumeBatch, m_pauseQueue,
                                    m_moveTop, m_moveBottom, m_runAfter};
    jobsMenu->insertSeparator(before);
    jobsMenu->insertActions(before, steering);

    toolBar->addSeparator();
    toolBar->addActions({m_pause, m_resume, m_pauseQueue});
    auto *label = new QLabel(tr("Parallel:"), toolBar);
    label->setBuddy(m_parallel);
    label->setContentsMargins(6, 0, 2, 0);
    toolBar->addWidget(label);
    toolBar->addWidget(m_parallel);
}

QList<QAction *> SteeringControls::contextActions() const
{
    return {m_pause, m_resume, m_moveTop, m_moveBottom, m_runAfter};
}

QList<int> SteeringControls::selectedBatches() const
{
    QList<int> batches;
    for (const Job *job : m_selection())
        if (job->batchId() > 0 && !batches.contains(job->batchId()))
            batches << job->batchId();
    return batches;
}

void SteeringControls::update()
{
    const QList<Job *> selected = m_selection();
    m_pause->setEnabled(anyIn(selected, JobState::Running));
    m_resume->setEnabled(anyIn(selected, JobState::Paused));
    m_moveTop->setEnabled(anyMovable(selected));
    m_moveBottom->setEnabled(anyMovable(selected));
    m_runAfter->setEnabled(!selected.isEmpty());
    const QList<int> batches = selectedBatches();
    const auto paused = [this](int b) { return m_scheduler->isBatchPaused(b); };
    // (No batch figures here: this runs on every state change and must not walk every job.)
    m_pauseBatch->setEnabled(!std::all_of(batches.begin(), batches.end(), paused));
    m_resumeBatch->setEnabled(std::any_of(batches.begin(), batches.end(), paused));
    if (m_parallel->value() != m_scheduler->maxParallel()) {
        // The scheduler's limit changed elsewhere (a batch's own).
        const QSignalBlocker quiet(m_parallel);
        m_parallel->setValue(m_scheduler->maxParallel());
    }
}

void SteeringControls::updateSoon()
{
    if (std::exchange(m_updatePending, true))
        return;
    QMetaObject::invokeMethod(this, [this] {
        m_updatePending = false;
        update();
    }, Qt::QueuedConnection);
}

void SteeringControls::onBatchHalted(int batchId, const QString &reason)
{
    //: %1 is the batch's number, %2 GNU parallel-style words such as
    //: "halted: 1 job(s) failed (--halt now,fail=1); …"
    m_haltBanner->showText(tr("Batch %1 %2.").arg(batchId).arg(reason));
}

} // namespace procdeck::app
