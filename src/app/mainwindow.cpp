#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "appsettings.h"
#include "backgroundpanel.h"
#include "enginelaunches.h"
#include "batchallocations.h"
#include "batchfileactions.h"
#include "commandlinerun.h"
#include "exportactions.h"
#include "helpmenu.h"
#include "historycontroller.h"
#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "core/types/paths.h"
#include "core/monitor/processsampler.h"
#include "jobtablepanel.h"
#include "jobactions.h"
#include "liverefresh.h"
#include "noticebar.h"
#include "notifier.h"
#include "quitcontroller.h"
#include "outputview.h"
#include "preferencesdialog.h"
#include "processespanel.h"
#include "statussummary.h"
#include "steeringcontrols.h"
#include "timelineview.h"
#include "toolbartexts.h"
#include "usagechart.h"
#include "windowstate.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QThread>

namespace procdeck::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/procdeck.svg")));
    m_prefs = Preferences::load(*settings());
    m_scheduler.setOutputDir(paths::newRunFolder());
    applyPreferences();

    m_model = new JobTableModel(&m_scheduler, this);
    m_proxy = new JobFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    setUpParts();
    setUpActions();
    new ToolBarTexts(m_ui->mainToolBar, this);
    setUpDetailTabs();
    m_summary = new StatusSummary(&m_scheduler, this);
    m_summary->attachTo(statusBar());

    connect(&m_scheduler, &Scheduler::jobChanged, this, &MainWindow::onJobChanged);
    m_historyController->open(m_prefs.keepDays, m_prefs.keepJobs);
    setUpNotifier();
    new LiveRefresh({&m_scheduler, m_tablePanel, m_summary, m_timeline, m_jobActions}, this);
    windowstate::restore(this, m_ui->mainSplitter, m_ui->jobTable->horizontalHeader());
    updateActions();
}

void MainWindow::setUpDetailTabs()
{
    m_sampler = new procdeck::ProcessSampler(&m_scheduler, this);
    m_sampler->setInterval(m_prefs.sampleMs);
    m_sampler->setIdleAfterMs(qint64(m_prefs.idleAfterSeconds) * 1000);
    m_usageChart = new UsageChart(this);
    m_usageChart->setIntervalMs(m_sampler->interval());
    m_ui->detailTabs->addTab(m_usageChart, tr("CPU && memory"));
    m_processes = new ProcessesPanel(m_sampler, this);
    m_ui->detailTabs->addTab(m_processes, tr("Processes"));
    connect(m_processes, &ProcessesPanel::message, statusBar(), &QStatusBar::showMessage);
    m_timeline = new TimelineView(&m_scheduler, this);
    m_ui->detailTabs->addTab(m_timeline, tr("Timeline"));
    connect(m_timeline, &TimelineView::jobClicked, this, &MainWindow::selectJob);
    m_background = new BackgroundPanel(this); // the engine's jobs, which outlive the window
    m_background->placeIn(m_ui->detailTabs, m_ui->centralLayout, statusBar());
    m_engineLaunches = new EngineLaunches(&m_scheduler, m_jobActions, m_batchFiles, statusBar(),
                                          m_background, this);
    m_quit->setBackgroundCount([this] { return m_background->unendedJobs(); });
}

void MainWindow::setUpNotifier()
{
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
}

MainWindow::~MainWindow()
{
    // The scheduler is a member and dies before the child widgets: they must stop asking the
    // model about it first (hiding them lays the header out, which reads the rows).
    hide();
    m_ui->jobTable->setModel(nullptr);
    m_scheduler.killAllNow();
    delete m_allocations; // gives the Slurm allocations back while the scheduler is here
    // While the scheduler and its jobs are still there: rows for the jobs that never ended.
    delete m_commandLine;
}

std::unique_ptr<QSettings> MainWindow::settings()
{
    return AppSettings::open();
}

OutputView *MainWindow::outputView() const
{
    return m_ui->outputView;
}

NoticeBar *MainWindow::stopBanner() const
{
    return m_quit->banner();
}

NoticeBar *MainWindow::historyBanner() const
{
    return m_historyController->banner();
}

void MainWindow::setUpParts()
{
    m_tablePanel = new JobTablePanel(m_ui->jobTable, m_ui->stateFilterCombo, m_ui->filterEdit,
                                     m_model, m_proxy, this);
    m_ui->mainSplitter->setStretchFactor(0, 3);
    m_ui->mainSplitter->setStretchFactor(1, 2);
    m_ui->mainSplitter->setSizes({480, 320}); // until the person's own split is restored
    connect(m_ui->jobTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);

    m_quit = new QuitController(&m_scheduler, this);
    connect(m_quit, &QuitController::stopping, this, [this] {
        for (QAction *launching : { m_ui->actionNewJob, m_ui->actionNewBatch, m_ui->actionRunAgain,
                                    m_ui->actionOpenBatch })
            launching->setEnabled(false);
    });
    connect(m_quit, &QuitController::closeNow, this, &QWidget::close);
    m_historyController = new HistoryController(&m_history, &m_scheduler, &m_prefs, this);
    connect(m_historyController, &HistoryController::message, statusBar(),
            &QStatusBar::showMessage);
    connect(m_historyController, &HistoryController::runAgainRequested, this,
            [this](const JobSpec &spec, const RunOn &on) { launchAsked(spec, on); });
    m_ui->centralLayout->insertWidget(0, m_historyController->banner());
    m_ui->centralLayout->insertWidget(0, m_quit->banner());
    m_exports = new ExportActions(&m_scheduler, m_tablePanel, this);
    connect(m_exports, &ExportActions::message, statusBar(), &QStatusBar::showMessage);
    connect(m_exports, &ExportActions::exported, this, &MainWindow::exported);
    m_batchFiles = new BatchFileActions(&m_scheduler, this);
    connect(m_batchFiles, &BatchFileActions::message, statusBar(), &QStatusBar::showMessage);
    connect(m_batchFiles, &BatchFileActions::resourceLimitsRequested, this,
            [this](const ResourceLimits &limits) { m_scheduler.setResourceLimits(limits); });
    connect(m_batchFiles, &BatchFileActions::batchRequested, this,
            [this](const QList<JobSpec> &specs, int maxParallel) {
                launchBatch(specs, maxParallel);
            });
}

void MainWindow::setUpActions()
{
    const JobActions::Parts parts { m_ui->actionNewJob,   m_ui->actionNewBatch,
                                    m_ui->actionRunAgain, m_ui->actionKill,
                                    m_ui->actionKillAll,  m_ui->actionRemoveFinished,
                                    m_ui->actionExport,   m_ui->actionExportSelected,
                                    m_ui->jobTable,       m_ui->menuJobs,
                                    m_ui->mainToolBar };
    m_jobActions = new JobActions(parts, &m_scheduler, m_tablePanel, &m_prefs, m_quit, this);
    connect(m_jobActions, &JobActions::message, statusBar(), &QStatusBar::showMessage);
    connect(m_jobActions, &JobActions::launchRequested, this,
            [this](const JobSpec &spec, const RunOn &on) { launchAsked(spec, on); });
    const auto launch = [this](const QList<JobSpec> &specs, int n, const HaltPolicy &halt,
                               const RunOn &on) { return launchBatch(specs, n, halt, on); };
    m_allocations = new BatchAllocations(&m_scheduler, launch, this); // a batch in one on Slurm
    m_allocations->placeIn(m_ui->centralLayout, statusBar());
    connect(m_jobActions, &JobActions::batchRequested, m_allocations, &BatchAllocations::launch);
    m_steering = m_jobActions->steering();
    m_ui->centralLayout->insertWidget(0, m_steering->haltBanner());
    connect(m_jobActions, &JobActions::jobsRemoved, this, [this] { m_summary->refresh(); });
    connect(m_ui->actionExport, &QAction::triggered, m_exports,
            [this] { m_exports->exportWithDialog(false); });
    connect(m_ui->actionExportSelected, &QAction::triggered, m_exports,
            [this] { m_exports->exportWithDialog(true); });
    connect(m_ui->actionPreferences, &QAction::triggered, this, &MainWindow::editPreferences);
    connect(m_ui->actionHistory, &QAction::triggered, m_historyController,
            &HistoryController::showDialog);
    connect(m_ui->actionOpenBatch, &QAction::triggered, m_batchFiles,
            [this] { m_batchFiles->openWithDialog(BatchFileActions::Where::Window); });
    connect(m_ui->actionOpenBatchInBackground, &QAction::triggered, m_batchFiles,
            [this] { m_batchFiles->openWithDialog(BatchFileActions::Where::Engine); });
    connect(m_ui->actionSaveBatch, &QAction::triggered, m_batchFiles,
            [this] { m_batchFiles->saveWithDialog(m_prefs.applyTo(JobSpec{})); });
    connect(m_ui->actionFind, &QAction::triggered, m_ui->outputView, &OutputView::startFind);
    // closeEvent asks and stops the jobs.
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    new HelpMenu(m_ui->menuHelp, this); // the Handbook and the keyboard shortcuts, above About
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About ProcDeck"),
                           tr("<h3>ProcDeck %1</h3><p>A process monitor and parallel job runner: "
                              "Python's <code>subprocess</code> on a screen.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::applyPreferences()
{
    m_scheduler.setMaxParallel(m_prefs.maxParallel > 0 ? m_prefs.maxParallel
                                                       : QThread::idealThreadCount());
    m_scheduler.setTailLimit(qsizetype(m_prefs.tailKiB) * 1024);
    if (m_sampler) {
        m_sampler->setInterval(m_prefs.sampleMs);
        m_sampler->setIdleAfterMs(qint64(m_prefs.idleAfterSeconds) * 1000);
        m_usageChart->setIntervalMs(m_prefs.sampleMs);
    }
}

bool MainWindow::run(const RunRequest &request, QString *error, bool inWindow)
{
    error->clear();
    if (request.jobs.isEmpty() && !request.pipe)
        return true;
    if (!request.runOn.slurmAllocate.isEmpty()) { // was run one Slurm job a job, unsaid
        *error = QStringLiteral("--slurm-allocate: the window asks for one from the Batch form "
                                "(Run on: Slurm cluster — one allocation for the batch)");
        return false;
    }
    auto commandLine = std::make_unique<CommandLineRun>(request, &m_scheduler, this);
    connect(commandLine.get(), &CommandLineRun::finished, statusBar(),
            [this](const QString &message, bool ok) {
                statusBar()->showMessage(message, ok ? 15000 : 0);
            });
    connect(commandLine.get(), &CommandLineRun::notice, statusBar(),
            [this](const QString &message) { statusBar()->showMessage(message); });
    const CommandLineRun::Window window{
            [this](const QList<JobSpec> &specs, const HaltPolicy &halt) {
                launchBatch(specs, 0, halt);
            },
            [this](int seq) {
                selectJob(seq);
                updateActions();
            },
            m_engineLaunches};
    if (!commandLine->start(window, inWindow, error))
        return false;
    // One command line per window; a second run would finish the first's files.
    delete m_commandLine;
    m_commandLine = commandLine.release(); // a child: it lives on after its files are written
    return true;
}

Job *MainWindow::launch(const JobSpec &spec, const std::optional<RunOn> &runOn)
{
    Job *job = m_scheduler.add(spec, runOn);
    m_summary->refresh();
    updateActions();
    selectJob(job->seq()); // what was just started is what the person wants to watch
    return job;
}

void MainWindow::launchAsked(const JobSpec &spec, const std::optional<RunOn> &runOn)
{
    AppSettings::rememberCommand(spec.commandLine()); // the New job form offers it next time
    launch(spec, runOn);
}

int MainWindow::launchBatch(const QList<JobSpec> &specs, int maxParallel, const HaltPolicy &halt,
                            const std::optional<RunOn> &runOn)
{
    const int batchId = m_scheduler.addBatch(specs, halt, runOn);
    m_scheduler.setBatchMaxParallel(batchId, maxParallel); // its own, within the toolbar's
    if (maxParallel > 0 && maxParallel < m_scheduler.maxParallel())
        statusBar()->showMessage(tr("Batch %1 runs at most %n job(s) at once (the toolbar's "
                                    "Parallel is %2)",
                                    nullptr, maxParallel)
                                     .arg(batchId)
                                     .arg(m_scheduler.maxParallel()),
                                 15000);
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

void MainWindow::updateActions()
{
    m_jobActions->updateEnabled();
}

void MainWindow::onSelectionChanged()
{
    Job *shown = m_tablePanel->shownJob();
    if (shown != m_ui->outputView->job())
        m_ui->outputView->setJob(shown);
    if (shown != m_usageChart->job())
        m_usageChart->setJob(shown);
    if (shown != m_processes->job())
        m_processes->setJob(shown);
    m_timeline->setSelectedSeq(shown ? shown->seq() : 0);
    updateActions();
}

void MainWindow::onJobChanged(Job *job)
{
    if (job == m_ui->outputView->job())
        m_ui->outputView->refresh();
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(m_prefs, m_notifier->settings(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const int parallelBefore = m_prefs.maxParallel;
    const int liveParallel = m_scheduler.maxParallel();
    m_prefs = dialog.preferences();
    m_notifier->setSettings(dialog.notifySettings());
    const auto s = settings();
    m_prefs.save(*s);
    m_notifier->settings().save(*s);
    applyPreferences();
    if (m_prefs.maxParallel == parallelBefore) // OK on other settings keeps the toolbar's limit
        m_scheduler.setMaxParallel(liveParallel);
    m_steering->update(); // the toolbar's Parallel shows the limit in force
}

void MainWindow::selectJob(int seq)
{
    m_tablePanel->selectJob(m_scheduler.jobBySeq(seq));
}

bool MainWindow::openBatchFile(const QString &path) { return m_batchFiles->open(path); }

bool MainWindow::saveBatchFile(const QString &path)
{
    return m_batchFiles->save(path, m_prefs.applyTo(JobSpec{}));
}

void MainWindow::exportTo(const QString &path, bool selectedOnly)
{
    m_exports->exportTo(path, selectedOnly);
}

void MainWindow::quitNow() { m_quit->quitNow(); }

void MainWindow::quitGracefully() { m_quit->quitGracefully(); }

void MainWindow::quitOnSignal() { m_quit->quitOnSignal(); }

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_quit->setDefaultGrace(m_prefs.graceSeconds);
    if (!m_quit->allowClose()) {
        event->ignore();
        return;
    }
    m_scheduler.killAllNow(); // nothing should run now; this is the backstop
    windowstate::save(this, m_ui->mainSplitter, m_ui->jobTable->horizontalHeader());
    event->accept();
}

} // namespace procdeck::app
