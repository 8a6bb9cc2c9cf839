#include "jobactions.h"

#include "ui_mainwindow.h"

#include "appsettings.h"
#include "batchdialog.h"
#include "jobtablepanel.h"
#include "launchdialog.h"
#include "quitcontroller.h"
#include "steeringcontrols.h"

#include "core/haltpolicy.h"
#include "core/preferences.h"
#include "core/scheduler.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMessageBox>

namespace procdeck::app {

JobActions::JobActions(Ui::MainWindow *ui, Scheduler *scheduler, JobTablePanel *table, const Preferences *prefs,
                       const QuitController *quit, QMainWindow *window)
    : QObject(window), m_ui(ui), m_scheduler(scheduler), m_table(table), m_prefs(prefs), m_quit(quit), m_window(window)
{
    connect(m_ui->actionNewJob, &QAction::triggered, this, [this] { newJob(); });
    connect(m_ui->actionNewBatch, &QAction::triggered, this, &JobActions::newBatch);
    connect(m_ui->actionRunAgain, &QAction::triggered, this, &JobActions::runAgain);
    connect(m_ui->actionKill, &QAction::triggered, this, &JobActions::killSelected);
    connect(m_ui->actionKillAll, &QAction::triggered, this, &JobActions::killAll);
    connect(m_ui->actionRemoveFinished, &QAction::triggered, this, &JobActions::removeEnded);
    connect(m_ui->jobTable, &QWidget::customContextMenuRequested, this, &JobActions::showContextMenu);
    m_steering = new SteeringControls(scheduler, m_ui->jobTable, [this] { return m_table->selectedJobs(); }, window);
    m_steering->addTo(m_ui->menuJobs, m_ui->mainToolBar);
    connect(m_steering, &SteeringControls::runAfterRequested, this, [this](const QList<int> &seqs) { newJob(seqs); });
}

void JobActions::update()
{
    const QList<Job *> selected = m_table->selectedJobs();
    const bool anyActive = std::any_of(selected.begin(), selected.end(), [](const Job *j) { return !isTerminal(j->state()); });
    m_ui->actionKill->setEnabled(anyActive);
    m_ui->actionRunAgain->setEnabled(!selected.isEmpty() && !m_quit->isStopping()); // nothing new starts while quitting
    m_ui->actionExportSelected->setEnabled(!selected.isEmpty());
    m_ui->actionKillAll->setEnabled(!m_scheduler->isIdle());
    m_ui->actionExport->setEnabled(m_scheduler->count() > 0);
    const BatchStats totals = m_scheduler->totals();
    m_ui->actionRemoveFinished->setEnabled(totals.succeeded + totals.failed > 0);
}

void JobActions::newJob(const QList<int> &runAfter)
{
    LaunchDialog dialog(m_prefs->applyTo(JobSpec{}), AppSettings::recentCommands(), m_window);
    dialog.setRunAfter(runAfter);
    if (dialog.exec() == QDialog::Accepted)
        emit launchRequested(dialog.spec());
}

void JobActions::newBatch()
{
    BatchDialog dialog(m_prefs->applyTo(JobSpec{}), m_scheduler->maxParallel(), m_window);
    dialog.restoreForm(*AppSettings::open());
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.saveForm(*AppSettings::open());
    emit batchRequested(dialog.specs(), dialog.maxParallel(), dialog.halt());
}

void JobActions::runAgain()
{
    for (const Job *job : m_table->selectedJobs())
        emit launchRequested(job->spec());
}

void JobActions::killSelected()
{
    for (Job *job : m_table->selectedJobs())
        m_scheduler->kill(job);
}

void JobActions::killAll()
{
    const int running = m_scheduler->runningCount();
    const int queued = m_scheduler->queuedCount();
    if (running + queued == 0)
        return;
    QStringList what;
    if (running > 0)
        what << tr("Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).", nullptr, running);
    if (queued > 0)
        what << tr("Cancel %n queued job(s).", nullptr, queued);
    const auto answer = QMessageBox::question(m_window, tr("Kill all jobs?"), what.join(QLatin1Char('\n')),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_scheduler->killAll();
}

void JobActions::removeEnded()
{
    const BatchStats before = m_scheduler->totals();
    m_scheduler->removeEnded();
    emit jobsRemoved();
    update();
    // Failed jobs go too: say so, since "ended" is easy to read as "succeeded".
    m_window->statusBar()->showMessage(tr("Removed %n ended job(s)", nullptr, before.succeeded + before.failed)
                                           + (before.failed > 0 ? tr(", %n of them failed, killed or cancelled.", nullptr, before.failed)
                                                                : QStringLiteral(".")),
                                       8000);
}

void JobActions::showContextMenu(const QPoint &pos)
{
    if (!m_ui->jobTable->indexAt(pos).isValid())
        return;
    QMenu menu(m_window);
    menu.addAction(m_ui->actionRunAgain);
    menu.addAction(m_ui->actionKill);
    menu.addSeparator();
    menu.addActions(m_steering->contextActions());
    menu.addSeparator();
    menu.addAction(tr("Copy command"), this, [this] {
        QStringList lines;
        for (const Job *job : m_table->selectedJobs())
            lines << job->spec().commandLine();
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    menu.addAction(m_ui->actionExportSelected);
    menu.exec(m_ui->jobTable->viewport()->mapToGlobal(pos));
}

} // namespace procdeck::app
