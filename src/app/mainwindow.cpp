#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "batchdialog.h"
#include "core/batchfile.h"
#include "historydialog.h"
#include "core/jobfilterproxy.h"
#include "core/jobtablemodel.h"
#include "core/paths.h"
#include "core/processsampler.h"
#include "core/runlog.h"
#include "jobitemdelegate.h"
#include "launchdialog.h"
#include "noticebar.h"
#include "notifier.h"
#include "quitsequence.h"
#include "outputview.h"
#include "preferencesdialog.h"
#include "statussummary.h"
#include "timelineview.h"
#include "usagechart.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

namespace procdeck::app {

namespace {
constexpr int kAnimationMs = 100;
constexpr int kHistorySize = 50;
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/procdeck.svg")));
    m_prefs = Preferences::load(*settings());
    m_scheduler.setOutputDir(paths::newRunFolder());
    applyPreferences();

    m_model = new JobTableModel(&m_scheduler, this);
    m_proxy = new JobFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    setUpTable();
    setUpActions();
    setUpQuit();
    setUpEmptyHint();
    setUpToolBarTexts();

    m_sampler = new procdeck::ProcessSampler(&m_scheduler, this);
    m_sampler->setInterval(m_prefs.sampleMs);
    m_usageChart = new UsageChart(this);
    m_usageChart->setIntervalMs(m_sampler->interval());
    m_ui->detailTabs->addTab(m_usageChart, tr("CPU && memory"));
    m_timeline = new TimelineView(&m_scheduler, this);
    m_ui->detailTabs->addTab(m_timeline, tr("Timeline"));
    connect(m_timeline, &TimelineView::jobClicked, this, &MainWindow::selectJob);

    m_summary = new StatusSummary(&m_scheduler, this);
    statusBar()->addPermanentWidget(m_summary); // no stretch: messages on the left must stay visible

    m_animation.setInterval(kAnimationMs);
    connect(&m_animation, &QTimer::timeout, this, &MainWindow::onAnimationTick);
    m_animation.start();
    connect(&m_scheduler, &Scheduler::jobChanged, this, &MainWindow::onJobChanged);
    openHistory();
    m_notifier = new Notifier(this, &m_scheduler, this);
    m_notifier->setSettings(NotifySettings::load(*settings()));
    connect(m_notifier, &Notifier::showJobRequested, this, [this](int seq) {
        // "Show" on a notification: the window comes forward with the job selected.
        if (isMinimized())
            showNormal();
        show();
        raise();
        activateWindow();
        selectJob(seq);
    });
    connect(&m_scheduler, &Scheduler::jobEnded, this, [this](Job *job) {
        // The State column is repainted by the animation at once, the rest of the row only when
        // the model's coalesced update comes: repaint the row now, so that "Finished" never
        // shows beside a still-ticking time or a blank exit code.
        const QModelIndex row = m_proxy->mapFromSource(m_model->indexOf(job));
        if (row.isValid()) {
            QTableView *table = m_ui->jobTable;
            table->viewport()->update(QRect(0, table->rowViewportPosition(row.row()), table->viewport()->width(), table->rowHeight(row.row())));
        }
        m_summary->refresh();
        updateActions();
        m_timeline->update(); // the last job's end: the animation tick stops once nothing runs
    });
    connect(&m_scheduler, &Scheduler::jobStarted, m_timeline, qOverload<>(&QWidget::update));
    restoreState();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The scheduler is a member and dies before the child widgets: they must stop asking the
    // model about it first (hiding them lays the header out, which reads the rows).
    hide();
    m_ui->jobTable->setModel(nullptr);
    m_scheduler.killAllNow();
    if (m_retention)
        m_retention->wait(); // it only deletes files; never long
}

std::unique_ptr<QSettings> MainWindow::settings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("procdeck"),
                                       QStringLiteral("procdeck"));
}

OutputView *MainWindow::outputView() const
{
    return m_ui->outputView;
}

void MainWindow::setUpTable()
{
    QTableView *table = m_ui->jobTable;
    table->setModel(m_proxy);
    m_delegate = new JobItemDelegate(table);
    table->setItemDelegate(m_delegate);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(JobTableModel::CommandColumn, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(40);
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // Widths for the figures they hold; the command takes what is left.
    table->setColumnWidth(JobTableModel::SeqColumn, digit * 5);
    table->setColumnWidth(JobTableModel::StateColumn, digit * 16); // the longest, "Timed out (still running)", elides; its tooltip says all
    table->setColumnWidth(JobTableModel::ElapsedColumn, digit * 10);
    table->setColumnWidth(JobTableModel::ExitColumn, digit * 9);
    table->setColumnWidth(JobTableModel::PidColumn, digit * 7);
    // CPU and memory have room for a sparkline beside the figure.
    table->setColumnWidth(JobTableModel::CpuColumn, digit * 11);
    table->setColumnWidth(JobTableModel::RssColumn, digit * 13);
    table->setColumnWidth(JobTableModel::PeakRssColumn, digit * 11);
    table->setColumnWidth(JobTableModel::CpuTimeColumn, digit * 9);
    // Wide enough for a large output's figures ("99.9 MB · 999999 lines", in the person's language).
    table->setColumnWidth(JobTableModel::OutputColumn,
                          table->fontMetrics().horizontalAdvance(JobTableModel::formatOutputSize(99'900'000, 999'999)) + 16);
    table->setColumnWidth(JobTableModel::StartedColumn, digit * 9);
    table->sortByColumn(JobTableModel::SeqColumn, Qt::AscendingOrder);
    m_ui->mainSplitter->setStretchFactor(0, 3);
    m_ui->mainSplitter->setStretchFactor(1, 2);
    m_ui->mainSplitter->setSizes({480, 320}); // until the person's own split is restored

    QComboBox *states = m_ui->stateFilterCombo;
    states->addItem(tr("All jobs"), int(JobFilterProxy::StateFilter::All));
    states->addItem(tr("Active (running or queued)"), int(JobFilterProxy::StateFilter::Active));
    states->addItem(tr("Running"), int(JobFilterProxy::StateFilter::Running));
    states->addItem(tr("Queued"), int(JobFilterProxy::StateFilter::Queued));
    states->addItem(tr("Succeeded"), int(JobFilterProxy::StateFilter::Succeeded));
    states->addItem(tr("Failed (any kind)"), int(JobFilterProxy::StateFilter::Failed));
    states->addItem(tr("Timed out"), int(JobFilterProxy::StateFilter::TimedOut));
    connect(states, &QComboBox::currentIndexChanged, this, [this, states] {
        m_proxy->setStateFilter(JobFilterProxy::StateFilter(states->currentData().toInt()));
    });
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy, &JobFilterProxy::setText);
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(table, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    table->viewport()->installEventFilter(this); // its resizes (the splitter, the first layout) re-fit the columns
}

void MainWindow::setUpActions()
{
    connect(m_ui->actionNewJob, &QAction::triggered, this, &MainWindow::newJob);
    connect(m_ui->actionNewBatch, &QAction::triggered, this, &MainWindow::newBatch);
    connect(m_ui->actionRunAgain, &QAction::triggered, this, &MainWindow::runAgain);
    connect(m_ui->actionKill, &QAction::triggered, this, &MainWindow::killSelected);
    connect(m_ui->actionKillAll, &QAction::triggered, this, &MainWindow::killAll);
    connect(m_ui->actionRemoveFinished, &QAction::triggered, this, [this] {
        const BatchStats before = m_scheduler.totals();
        m_scheduler.removeEnded();
        m_summary->refresh();
        updateActions();
        // Failed jobs go too: say so, since "ended" is easy to read as "succeeded".
        statusBar()->showMessage(tr("Removed %n ended job(s)", nullptr, before.succeeded + before.failed)
                                     + (before.failed > 0 ? tr(", %n of them failed, killed or cancelled.", nullptr, before.failed)
                                                          : QStringLiteral(".")),
                                 8000);
    });
    connect(m_ui->actionExport, &QAction::triggered, this, [this] { exportRunLog(false); });
    connect(m_ui->actionExportSelected, &QAction::triggered, this, [this] { exportRunLog(true); });
    connect(m_ui->actionPreferences, &QAction::triggered, this, &MainWindow::editPreferences);
    connect(m_ui->actionHistory, &QAction::triggered, this, &MainWindow::showHistory);
    connect(m_ui->actionOpenBatch, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open batch file"), QString(), tr("Batch files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openBatchFile(path);
    });
    connect(m_ui->actionSaveBatch, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save jobs as batch file"), QStringLiteral("batch.json"),
                                                          tr("Batch files (*.json)"));
        if (!path.isEmpty())
            saveBatchFile(path);
    });
    connect(m_ui->actionFind, &QAction::triggered, m_ui->outputView, &OutputView::startFind);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close); // closeEvent asks and stops the jobs
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About ProcDeck"),
                           tr("<h3>ProcDeck %1</h3><p>A process monitor and parallel job runner: "
                              "Python's <code>subprocess</code> on a screen.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::applyPreferences()
{
    m_scheduler.setMaxParallel(m_prefs.maxParallel > 0 ? m_prefs.maxParallel : QThread::idealThreadCount());
    m_scheduler.setTailLimit(qsizetype(m_prefs.tailKiB) * 1024);
    if (m_sampler) {
        m_sampler->setInterval(m_prefs.sampleMs);
        m_usageChart->setIntervalMs(m_prefs.sampleMs);
    }
}

void MainWindow::restoreState()
{
    const auto s = settings();
    restoreGeometry(s->value(QStringLiteral("window/geometry")).toByteArray());
    QMainWindow::restoreState(s->value(QStringLiteral("window/state")).toByteArray());
    m_ui->mainSplitter->restoreState(s->value(QStringLiteral("window/splitter")).toByteArray());
    m_ui->jobTable->horizontalHeader()->restoreState(s->value(QStringLiteral("window/columns")).toByteArray());
}

void MainWindow::saveState() const
{
    const auto s = settings();
    s->setValue(QStringLiteral("window/geometry"), saveGeometry());
    s->setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    s->setValue(QStringLiteral("window/splitter"), m_ui->mainSplitter->saveState());
    s->setValue(QStringLiteral("window/columns"), m_ui->jobTable->horizontalHeader()->saveState());
}

void MainWindow::run(const RunRequest &request)
{
    if (request.jobs.isEmpty())
        return;
    if (!request.outputDir.isEmpty())
        m_scheduler.setOutputDir(request.outputDir);
    m_scheduler.setStartDelay(int(request.startDelaySeconds * 1000.0)); // GNU parallel's --delay
    if (request.isBatch) {
        launchBatch(request.jobs, request.maxParallel > 0 ? request.maxParallel : m_scheduler.maxParallel());
    } else {
        if (request.maxParallel > 0)
            m_scheduler.setMaxParallel(request.maxParallel);
        for (const JobSpec &spec : request.jobs)
            launch(spec);
    }
}

Job *MainWindow::launch(const JobSpec &spec)
{
    rememberCommand(spec.commandLine());
    Job *job = m_scheduler.add(spec);
    m_summary->refresh();
    updateActions();
    selectJob(job->seq()); // what was just started is what the person wants to watch
    return job;
}

int MainWindow::launchBatch(const QList<JobSpec> &specs, int maxParallel)
{
    m_scheduler.setMaxParallel(maxParallel);
    const int batchId = m_scheduler.addBatch(specs);
    m_summary->setBatch(batchId);
    m_timeline->setBatch(batchId);
    updateActions();
    for (int i = 0; i < m_scheduler.count(); ++i) {
        if (m_scheduler.jobAt(i)->batchId() == batchId) {
            selectJob(m_scheduler.jobAt(i)->seq()); // the batch's first job
            break;
        }
    }
    return batchId;
}

void MainWindow::rememberCommand(const QString &command)
{
    const auto s = settings();
    QStringList history = s->value(QStringLiteral("history/commands")).toStringList();
    history.removeAll(command);
    history.prepend(command);
    s->setValue(QStringLiteral("history/commands"), history.mid(0, kHistorySize));
}

QList<Job *> MainWindow::selectedJobs() const
{
    QList<Job *> jobs;
    const QModelIndexList rows = m_ui->jobTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        if (Job *job = m_model->jobAt(m_proxy->mapToSource(row)))
            jobs << job;
    std::sort(jobs.begin(), jobs.end(), [](const Job *a, const Job *b) { return a->seq() < b->seq(); });
    return jobs;
}

void MainWindow::updateActions()
{
    const QList<Job *> selected = selectedJobs();
    const bool anyActive = std::any_of(selected.begin(), selected.end(), [](const Job *j) { return !isTerminal(j->state()); });
    m_ui->actionKill->setEnabled(anyActive);
    m_ui->actionRunAgain->setEnabled(!selected.isEmpty() && !m_quit->isActive()); // nothing new starts while quitting
    m_ui->actionExportSelected->setEnabled(!selected.isEmpty());
    m_ui->actionKillAll->setEnabled(!m_scheduler.isIdle());
    m_ui->actionExport->setEnabled(m_scheduler.count() > 0);
    const BatchStats totals = m_scheduler.totals();
    m_ui->actionRemoveFinished->setEnabled(totals.succeeded + totals.failed > 0);
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex current = m_ui->jobTable->selectionModel()->currentIndex();
    const QList<Job *> selected = selectedJobs();
    Job *shown = nullptr;
    if (current.isValid() && m_ui->jobTable->selectionModel()->isRowSelected(current.row(), current.parent()))
        shown = m_model->jobAt(m_proxy->mapToSource(current));
    else if (!selected.isEmpty())
        shown = selected.first();
    if (shown != m_ui->outputView->job())
        m_ui->outputView->setJob(shown);
    if (shown != m_usageChart->job())
        m_usageChart->setJob(shown);
    m_timeline->setSelectedSeq(shown ? shown->seq() : 0);
    updateActions();
}

void MainWindow::onJobChanged(Job *job)
{
    if (job == m_ui->outputView->job())
        m_ui->outputView->refresh();
}

void MainWindow::onAnimationTick()
{
    if (m_scheduler.runningCount() == 0)
        return;
    m_delegate->advanceAnimation();
    QTableView *table = m_ui->jobTable;
    const int x = table->columnViewportPosition(JobTableModel::StateColumn);
    table->viewport()->update(QRect(x, 0, table->columnWidth(JobTableModel::StateColumn), table->viewport()->height()));
    static int ticks = 0;
    if (++ticks % 3 == 0) { // the figures move at a few Hz; the spinner at ten
        m_summary->refresh();
        if (m_timeline->isVisible())
            m_timeline->update();
    }
}

void MainWindow::newJob()
{
    const QStringList history = settings()->value(QStringLiteral("history/commands")).toStringList();
    LaunchDialog dialog(m_prefs.applyTo(JobSpec{}), history, this);
    if (dialog.exec() == QDialog::Accepted)
        launch(dialog.spec());
}

void MainWindow::newBatch()
{
    BatchDialog dialog(m_prefs.applyTo(JobSpec{}), m_scheduler.maxParallel(), this);
    dialog.restoreForm(*settings());
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.saveForm(*settings());
    launchBatch(dialog.specs(), dialog.maxParallel());
}

void MainWindow::runAgain()
{
    for (const Job *job : selectedJobs())
        launch(job->spec());
}

void MainWindow::killSelected()
{
    for (Job *job : selectedJobs())
        m_scheduler.kill(job);
}

void MainWindow::killAll()
{
    const int running = m_scheduler.runningCount();
    const int queued = m_scheduler.queuedCount();
    if (running + queued == 0)
        return;
    QStringList what;
    if (running > 0)
        what << tr("Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).", nullptr, running);
    if (queued > 0)
        what << tr("Cancel %n queued job(s).", nullptr, queued);
    const auto answer = QMessageBox::question(this, tr("Kill all jobs?"), what.join(QLatin1Char('\n')),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_scheduler.killAll();
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(m_prefs, m_notifier->settings(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_prefs = dialog.preferences();
    m_notifier->setSettings(dialog.notifySettings());
    const auto s = settings();
    m_prefs.save(*s);
    m_notifier->settings().save(*s);
    applyPreferences();
}

void MainWindow::selectJob(int seq)
{
    const Job *job = m_scheduler.jobBySeq(seq);
    const QModelIndex source = job ? m_model->indexOf(job) : QModelIndex();
    const QModelIndex row = m_proxy->mapFromSource(source);
    if (!row.isValid())
        return;
    m_ui->jobTable->selectRow(row.row());
    m_ui->jobTable->scrollTo(row);
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    if (!m_ui->jobTable->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_ui->actionRunAgain);
    menu.addAction(m_ui->actionKill);
    menu.addSeparator();
    menu.addAction(tr("Copy command"), this, [this] {
        QStringList lines;
        for (const Job *job : selectedJobs())
            lines << job->spec().commandLine();
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    menu.addAction(m_ui->actionExportSelected);
    menu.exec(m_ui->jobTable->viewport()->mapToGlobal(pos));
}

} // namespace procdeck::app
