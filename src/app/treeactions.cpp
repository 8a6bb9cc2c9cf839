#include "treeactions.h"

#include "prioritydialog.h"
#include "signaldialog.h"

#include "core/process/job.h"
#include "core/process/jobpriority.h"
#include "core/process/jobsignals.h"
#include "core/process/processgroup.h"

#include <QAction>
#include <QMessageBox>
#include <QPointer>

namespace procdeck::app {

namespace {

/// "job 3" or "4 jobs", for the dialogs' first line.
QString targetWords(const QList<Job *> &jobs)
{
    return jobs.size() == 1 ? TreeActions::tr("job %1").arg(jobs.first()->seq())
                            : TreeActions::tr("%n job(s)", nullptr, int(jobs.size()));
}

} // namespace

TreeActions::TreeActions(std::function<QList<Job *>()> selected, QWidget *dialogParent)
    : QObject(dialogParent), m_selected(std::move(selected)), m_dialogParent(dialogParent)
{
    m_sendSignal = new QAction(tr("Send si&gnal…"), this);
    m_sendSignal->setObjectName(QStringLiteral("actionSendSignal"));
    m_sendSignal->setToolTip(tr("Send a signal (HUP, USR1, …) to the selected jobs' process "
                                "trees"));
    connect(m_sendSignal, &QAction::triggered, this, &TreeActions::askSignal);
    m_priority = new QAction(tr("P&riority…"), this);
    m_priority->setObjectName(QStringLiteral("actionPriority"));
    m_priority->setToolTip(tr("Change the niceness and disk priority of the selected jobs' "
                              "process trees"));
    connect(m_priority, &QAction::triggered, this, &TreeActions::askPriority);
}

QList<Job *> TreeActions::liveSelection() const
{
    QList<Job *> live = m_selected();
    live.removeIf([](const Job *j) { return !isAlive(j->state()); });
    return live;
}

void TreeActions::updateEnabled()
{
    const bool any = !liveSelection().isEmpty();
    m_sendSignal->setEnabled(any);
    m_priority->setEnabled(any);
}

QStringList TreeActions::sendSignal(const QList<Job *> &jobs, int sig,
                                    const std::function<void(const QString &)> &later)
{
    QStringList refusals;
    for (Job *job : jobs)
        if (const QString why = JobSignals::send(job, sig, later); !why.isEmpty())
            refusals << why;
    return refusals;
}

std::function<void(const QString &)> TreeActions::laterRefusal(const QString &title)
{
    // The engine's answer for a job it runs: said as the refusals here are.
    QPointer<TreeActions> self(this);
    return [self, title](const QString &why) {
        if (self)
            self->showRefusals(title, {why});
    };
}

void TreeActions::askSignal()
{
    const QList<Job *> jobs = liveSelection();
    if (jobs.isEmpty())
        return;
    SignalDialog dialog(targetWords(jobs), m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const int sig = dialog.signal();
    const QString refusedTitle = tr("Signal not sent");
    const QStringList refusals = sendSignal(jobs, sig, laterRefusal(refusedTitle));
    showRefusals(refusedTitle, refusals);
    if (refusals.size() < jobs.size())
        //: %1: SIGUSR1 or another signal's name; %2: "job 3" or "4 jobs"
        emit message(tr("%1 sent to %2").arg(processgroup::signalName(sig), targetWords(jobs)),
                     5000);
}

void TreeActions::askPriority()
{
    const QList<Job *> jobs = liveSelection();
    if (jobs.isEmpty())
        return;
    PriorityDialog dialog(targetWords(jobs), JobPriority::currentNice(*jobs.first()),
                          m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString refusedTitle = tr("Priority not changed");
    QStringList refusals;
    for (Job *job : jobs)
        if (const QString why = JobPriority::apply(job, dialog.request(),
                                                   laterRefusal(refusedTitle));
            !why.isEmpty())
            refusals << why;
    showRefusals(refusedTitle, refusals);
    if (refusals.size() < jobs.size())
        //: %1: a niceness (-20 to 19); %2: "job 3" or "4 jobs"
        emit message(tr("Niceness %1 set for %2").arg(dialog.request().nice)
                             .arg(targetWords(jobs)),
                     5000);
}

void TreeActions::showRefusals(const QString &title, const QStringList &refusals)
{
    if (!refusals.isEmpty())
        QMessageBox::warning(m_dialogParent, title, refusals.join(QLatin1Char('\n')));
}

} // namespace procdeck::app
