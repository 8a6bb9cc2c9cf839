#include "statussummary.h"

#include "core/scheduling/scheduler.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStatusBar>

#include <algorithm>

namespace procdeck::app {

using procdeck::BatchStats;

StatusSummary::StatusSummary(const procdeck::Scheduler *scheduler, QWidget *parent)
    : QWidget(parent), m_scheduler(scheduler)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    m_counts = new QLabel(this);
    m_batch = new QLabel(this);
    m_hosts = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    layout->addWidget(m_counts);
    layout->addWidget(m_hosts);
    layout->addStretch(1);
    layout->addWidget(m_batch);
    layout->addWidget(m_progress);
    refresh();
}

void StatusSummary::attachTo(QStatusBar *bar)
{
    bar->addPermanentWidget(this); // no stretch: messages on the left must stay visible
    connect(bar, &QStatusBar::messageChanged, bar, &QWidget::setToolTip);
    connect(bar, &QStatusBar::messageChanged, this, [this, bar](const QString &message) {
        m_bar = bar;
        m_messageWidth = message.isEmpty() ? 0 : bar->fontMetrics().horizontalAdvance(message);
        refresh();
    });
}

void StatusSummary::makeRoomForTheMessage()
{
    // A message is read once and then gone; the figures are always there (and in the table), so
    // while one is shown they give way, the least telling first, until it fits whole. The
    // progress bar, small and the most telling, stays.
    if (m_messageWidth == 0 || !m_bar)
        return;
    constexpr int kMargins = 24; // the bar's own, around the message and before the summary
    int width = layout()->sizeHint().width();
    for (QLabel *label : {m_counts, m_hosts, m_batch}) {
        if (m_messageWidth + kMargins + width <= m_bar->width())
            break;
        if (label->isHidden())
            continue;
        width -= label->sizeHint().width() + layout()->spacing();
        label->hide();
    }
}

void StatusSummary::setBatch(int batchId)
{
    m_batchId = batchId;
    refresh();
}

QString StatusSummary::speedupText(const BatchStats &b)
{
    const QLocale locale;
    //: a batch's figures: jobs, total job time, wall time and the speed-up of running them in
    //: parallel
    return tr("%n job(s) · %1 s of work in %2 s (×%3)", nullptr, b.total)
        .arg(locale.toString(b.workMs / 1000.0, 'f', 1), locale.toString(b.wallMs / 1000.0, 'f', 1),
             locale.toString(b.speedup(), 'f', 1));
}

QString StatusSummary::countsText() const
{
    return m_counts->text();
}

QString StatusSummary::batchText() const
{
    return m_batch->text();
}

QString StatusSummary::hostsText() const
{
    return m_hosts->text();
}

void StatusSummary::refresh()
{
    refreshCounts();
    refreshBatch();
    makeRoomForTheMessage();
}

void StatusSummary::refreshCounts()
{
    const BatchStats all = m_scheduler->totals();
    // The totals count a paused job as running (it keeps its slot), and one that waits on a
    // Slurm cluster or in the engine's queue too (it left this queue): say what each is. Only
    // the live jobs are walked, never every job.
    int paused = 0;
    int waiting = 0;
    for (const auto *live : {&m_scheduler->runningJobs(), &m_scheduler->mirroredJobs()})
        for (const procdeck::Job *job : *live) {
            paused += job->state() == procdeck::JobState::Paused ? 1 : 0;
            waiting += job->pendingOnCluster() ? 1 : 0;
        }
    const int running = all.running - paused - waiting;
    const int queued = all.queued + waiting;
    if (paused == 0)
        m_counts->setText(tr("Running %1 · Queued %2 · Finished %3 · Failed %4")
                              .arg(running)
                              .arg(queued)
                              .arg(all.succeeded)
                              .arg(all.failed));
    else
        m_counts->setText(tr("Running %1 · Paused %2 · Queued %3 · Finished %4 · Failed %5")
                              .arg(running)
                              .arg(paused)
                              .arg(queued)
                              .arg(all.succeeded)
                              .arg(all.failed));
    QStringList hosts;
    const procdeck::HostSlots &logins = m_scheduler->hostSlots();
    for (int i = 0; i < logins.count(); ++i) {
        const procdeck::SshLogin &login = logins.login(i);
        //: busy job slots of one ssh host: "build1 2/4" (":" is this computer)
        hosts << tr("%1 %2/%3").arg(login.isLocal() ? QStringLiteral(":") : login.hostName())
                     .arg(logins.busy(i))
                     .arg(logins.slotCount(i));
    }
    m_hosts->setText(hosts.join(QStringLiteral(" · ")));
    m_counts->show();
    m_hosts->setVisible(!hosts.isEmpty());
}

void StatusSummary::refreshBatch()
{
    const bool hasBatch = m_batchId > 0;
    m_batch->setVisible(hasBatch);
    m_progress->setVisible(hasBatch);
    if (!hasBatch)
        return;
    const BatchStats b = m_scheduler->batchStats(m_batchId);
    if (b.total == 0) { // removed from the table
        m_batch->hide();
        m_progress->setVisible(false);
        return;
    }
    m_batch->setText(speedupText(b));
    m_progress->setRange(0, b.total);
    m_progress->setValue(b.succeeded + b.failed);
}

} // namespace procdeck::app
