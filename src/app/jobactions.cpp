#include "jobactions.h"

#include "appsettings.h"
#include "batchdialog.h"
#include "jobtablepanel.h"
#include "launchdialog.h"
#include "quitcontroller.h"
#include "runonchoice.h"
#include "steeringcontrols.h"
#include "treeactions.h"

#include "core/client/submitrequest.h"
#include "core/scheduling/haltpolicy.h"
#include "core/types/preferences.h"
#include "core/scheduling/scheduler.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>

namespace procdeck::app {

namespace {

/// Where a job runs again: where it ran, but a step of an allocation asked for its batch (given
/// back with it; srun --jobid would name a job that is gone) as a Slurm job of its own.
RunOn again(RunOn ran)
{
    if (ran.slurmAllocate.isEmpty())
        return ran;
    ran.slurmAllocate.clear();
    ran.slurmAllocation.clear();
    ran.slurmNodes = 0;
    ran.slurmWorkers = false;
    return ran;
}

} // namespace

JobActions::JobActions(const Parts &parts, Scheduler *scheduler, const JobTablePanel *table,
                       const Preferences *prefs, const QuitController *quit, QWidget *dialogParent)
    : QObject(dialogParent), m_parts(parts), m_scheduler(scheduler), m_table(table), m_prefs(prefs),
      m_quit(quit), m_dialogParent(dialogParent)
{
    connect(m_parts.newJob, &QAction::triggered, this, [this] { newJob(); });
    connect(m_parts.newBatch, &QAction::triggered, this, &JobActions::newBatch);
    connect(m_parts.runAgain, &QAction::triggered, this, &JobActions::runAgain);
    connect(m_parts.kill, &QAction::triggered, this, &JobActions::killSelected);
    connect(m_parts.killAll, &QAction::triggered, this, &JobActions::killAll);
    connect(m_parts.removeEnded, &QAction::triggered, this, &JobActions::removeEnded);
    connect(m_parts.jobTable, &QWidget::customContextMenuRequested, this,
            &JobActions::showContextMenu);
    m_steering = new SteeringControls(
            scheduler, m_parts.jobTable, [this] { return m_table->selectedJobs(); }, dialogParent);
    m_steering->addTo(m_parts.jobsMenu, m_parts.toolBar);
    connect(m_steering, &SteeringControls::runAfterRequested, this,
            [this](const QList<int> &seqs) { newJob(seqs); });
    m_killBatch = new QAction(QIcon(QStringLiteral(":/icons/kill-all.svg")), tr("Kill bat&ch"),
                              this);
    m_killBatch->setObjectName(QStringLiteral("actionKillBatch"));
    m_killBatch->setToolTip(
        tr("Kill the running jobs of the selected jobs' batches and cancel their queued ones"));
    connect(m_killBatch, &QAction::triggered, this, &JobActions::killBatches);
    const QList<QAction *> menu = m_parts.jobsMenu->actions(); // beside Kill all
    m_parts.jobsMenu->insertAction(menu.value(menu.indexOf(m_parts.killAll) + 1), m_killBatch);
    m_tree = new TreeActions([this] { return m_table->selectedJobs(); }, dialogParent);
    m_parts.jobsMenu->insertActions(menu.value(menu.indexOf(m_parts.kill) + 1),
                                    {m_tree->sendSignalAction(), m_tree->priorityAction()});
    connect(m_tree, &TreeActions::message, this, &JobActions::message);
    // A Slurm job's pause is asked of Slurm, which may say no: the job runs on, and says why.
    connect(scheduler, &Scheduler::steeringRefused, this,
            [this](const Job *job, const QString &error) {
                //: %1: the job's number; %2: what Slurm's scontrol answered
                emit message(tr("Job %1 runs on: %2").arg(job->seq()).arg(error), 15000);
            });
}

void JobActions::updateEnabled()
{
    const QList<Job *> selected = m_table->selectedJobs();
    const bool anyActive = std::any_of(selected.begin(), selected.end(),
                                       [](const Job *j) { return !isTerminal(j->state()); });
    m_parts.kill->setEnabled(anyActive);
    m_parts.runAgain->setEnabled(!selected.isEmpty()
                                 && !m_quit->isStopping()); // nothing new starts while quitting
    m_parts.exportSelected->setEnabled(!selected.isEmpty());
    // The jobs that run in the engine count: Kill all reaches them (Scheduler::killAllShown).
    m_parts.killAll->setEnabled(!m_scheduler->isIdle() || m_scheduler->mirroredCount() > 0);
    m_killBatch->setEnabled(!selectedLiveBatches().isEmpty());
    m_tree->updateEnabled();
    m_parts.exportAll->setEnabled(m_scheduler->count() > 0);
    const BatchStats totals = m_scheduler->totals();
    m_parts.removeEnded->setEnabled(totals.succeeded + totals.failed > 0);
}

bool JobActions::toBackground(bool asked, const RunOn &runOn, const JobSpec *waiting)
{
    if (!asked)
        return false;
    // "#3" is this window's row: the engine would read it as its own job 3.
    const bool waitsForARow = waiting && !(waiting->after + waiting->afterSuccess).isEmpty();
    const QString why = waitsForARow ? tr("it waits for jobs of this window (Run after…)")
                                     : submitrequest::whyNotForEngine(runOn);
    if (!why.isEmpty()) // the engine's policy; the window says why its jobs stay here
        emit message(tr("Runs in this window, not in the background: %1").arg(why), 0);
    return why.isEmpty();
}

void JobActions::newJob(const QList<int> &runAfter)
{
    LaunchDialog dialog(m_prefs->applyTo(JobSpec{}), AppSettings::recentCommands(), m_dialogParent);
    dialog.setRunAfter(runAfter);
    const QString runOnKey = QStringLiteral("launchForm/runOn");
    dialog.setRunOn(*m_prefs, RunOnChoice::remembered(*AppSettings::open(), runOnKey));
    // The engine's by default (jobs outlive the window), then as the person last left it.
    const QString backgroundKey = QStringLiteral("launchForm/inBackground");
    dialog.setRunInBackground(AppSettings::open()->value(backgroundKey, true).toBool());
    if (dialog.exec() != QDialog::Accepted)
        return;
    RunOnChoice::remember(*AppSettings::open(), runOnKey, dialog.runOnWhere());
    AppSettings::open()->setValue(backgroundKey, dialog.runInBackground());
    const JobSpec spec = dialog.spec();
    if (toBackground(dialog.runInBackground(), dialog.runOn(), &spec))
        emit backgroundLaunchRequested(spec, dialog.runOn());
    else
        emit launchRequested(spec, dialog.runOn());
}

void JobActions::newBatch()
{
    BatchDialog dialog(m_prefs->applyTo(JobSpec{}), m_scheduler->maxParallel(), m_dialogParent);
    dialog.setRunOnPreferences(*m_prefs);
    dialog.restoreForm(*AppSettings::open());
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.saveForm(*AppSettings::open());
    if (toBackground(dialog.runInBackground(), dialog.runOn()))
        emit backgroundBatchRequested(dialog.specs(), dialog.maxParallel(), dialog.haltSpelling(),
                                      dialog.runOn());
    else
        emit batchRequested(dialog.specs(), dialog.maxParallel(), dialog.halt(), dialog.runOn());
}

void JobActions::runAgain()
{
    QList<int> inEngine;
    for (const Job *job : m_table->selectedJobs()) {
        if (const int number = job->remote() ? job->remote()->engineJob() : 0; number > 0)
            inEngine << number; // the engine runs it again, as it was given there
        else
            emit launchRequested(job->spec(), again(m_scheduler->runOnOf(job))); // where it ran
    }
    if (!inEngine.isEmpty())
        emit engineAgainRequested(inEngine);
}

void JobActions::killSelected()
{
    for (Job *job : m_table->selectedJobs())
        m_scheduler->kill(job);
}

void JobActions::killAll()
{
    const int running = m_scheduler->runningCount() + m_scheduler->mirroredCount();
    const int queued = m_scheduler->queuedCount();
    if (running + queued == 0)
        return;
    QStringList what;
    if (running > 0)
        what << tr("Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after "
                   "the grace period).",
                   nullptr, running);
    if (queued > 0)
        what << tr("Cancel %n queued job(s).", nullptr, queued);
    const auto answer = QMessageBox::question(
            m_dialogParent, tr("Kill all jobs?"), what.join(QLatin1Char('\n')),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_scheduler->killAllShown();
}

QList<int> JobActions::selectedLiveBatches() const
{
    QList<int> batches;
    for (const Job *job : m_table->selectedJobs())
        if (job->batchId() > 0 && !batches.contains(job->batchId()))
            batches << job->batchId();
    QList<int> live;
    for (int i = 0; i < m_scheduler->count(); ++i) {
        const Job *job = m_scheduler->jobAt(i);
        const int batch = job->batchId();
        if (!isTerminal(job->state()) && batches.contains(batch) && !live.contains(batch))
            live << batch;
    }
    return live;
}

void JobActions::killBatches()
{
    const QList<int> batches = selectedLiveBatches();
    if (batches.isEmpty())
        return;
    QStringList numbers;
    for (const int b : batches)
        numbers << QString::number(b);
    //: %1: batch numbers, such as "2" or "2, 5"
    const auto answer = QMessageBox::question(
        m_dialogParent, tr("Kill %n batch(es)?", nullptr, int(batches.size())),
        tr("Kill the running jobs of batch %1 with their process trees (SIGTERM, then SIGKILL "
           "after the grace period) and cancel its queued jobs.")
            .arg(numbers.join(QLatin1String(", "))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (const int b : batches)
        m_scheduler->killBatch(b);
}

void JobActions::removeEnded()
{
    const BatchStats before = m_scheduler->totals();
    m_scheduler->removeEnded();
    emit jobsRemoved();
    updateEnabled();
    // Failed jobs go too: say so, since "ended" is easy to read as "succeeded".
    emit message(tr("Removed %n ended job(s)", nullptr, before.succeeded + before.failed)
                         + (before.failed > 0 ? tr(", %n of them failed, killed or cancelled.",
                                                   nullptr, before.failed)
                                              : QStringLiteral(".")),
                 8000);
}

void JobActions::showContextMenu(const QPoint &pos)
{
    if (!m_parts.jobTable->indexAt(pos).isValid())
        return;
    QMenu menu(m_dialogParent);
    menu.addAction(m_parts.runAgain);
    menu.addAction(m_parts.kill);
    menu.addAction(m_killBatch);
    menu.addAction(m_tree->sendSignalAction());
    menu.addAction(m_tree->priorityAction());
    menu.addSeparator();
    menu.addActions(m_steering->contextActions());
    menu.addSeparator();
    menu.addAction(tr("Copy command"), this, [this] {
        QStringList lines;
        for (const Job *job : m_table->selectedJobs())
            lines << job->spec().commandLine();
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    menu.addAction(m_parts.exportSelected);
    menu.exec(m_parts.jobTable->viewport()->mapToGlobal(pos));
}

} // namespace procdeck::app
