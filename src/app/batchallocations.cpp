#include "batchallocations.h"

#include "core/scheduling/allocationrun.h"
#include "core/scheduling/scheduler.h"
#include "noticebar.h"

#include <QBoxLayout>
#include <QPushButton>
#include <QStatusBar>

namespace procdeck::app {

using procdeck::AllocationRun;

namespace {

/// 29:41, 2:05:00, 30:00:00: hours as many as there are.
QString clock(qint64 seconds)
{
    const qint64 h = seconds / 3600;
    const QString ms = QStringLiteral("%1:%2")
                               .arg((seconds / 60) % 60, h > 0 ? 2 : 1, 10, QLatin1Char('0'))
                               .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return h > 0 ? QStringLiteral("%1:%2").arg(h).arg(ms) : ms;
}

} // namespace

BatchAllocations::BatchAllocations(Scheduler *scheduler, Launch launch, QWidget *parent)
    : QObject(parent),
      m_scheduler(scheduler),
      m_launch(std::move(launch)),
      m_bar(new NoticeBar(NoticeBar::Kind::Warning, parent))
{
    m_bar->setObjectName(QStringLiteral("allocationNotice"));
    connect(m_bar->setButton(tr("Cancel")), &QPushButton::clicked, this,
            &BatchAllocations::cancelAll);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &BatchAllocations::refresh);
}

BatchAllocations::~BatchAllocations()
{
    for (AllocationRun *run : std::as_const(m_runs)) {
        run->disconnect(this); // nothing to say: the window goes
        run->release();        // and nothing is held for it on the cluster
    }
}

void BatchAllocations::placeIn(QBoxLayout *layout, QStatusBar *bar)
{
    layout->insertWidget(0, m_bar);
    connect(this, &BatchAllocations::message, bar, &QStatusBar::showMessage);
}

void BatchAllocations::launch(const QList<JobSpec> &specs, int maxParallel,
                              const HaltPolicy &halt, const RunOn &runOn)
{
    if (runOn.slurmAllocate.isEmpty()) {
        m_launch(specs, maxParallel, halt, runOn);
        return;
    }
    auto *run = new AllocationRun(m_scheduler, runOn, this);
    m_runs << run;
    m_jobCounts.insert(run, int(specs.size()));
    connect(run, &AllocationRun::waiting, this, &BatchAllocations::refresh);
    connect(run, &AllocationRun::granted, this, &BatchAllocations::refresh);
    connect(run, &AllocationRun::failed, this, [this, run](const QString &error) {
        //: %1 is what salloc said, such as "salloc: error: invalid partition specified: x"
        emit message(tr("The batch did not run: the Slurm allocation failed: %1").arg(error), 0);
        forget(run);
    });
    connect(run, &AllocationRun::released, this, [this, run] {
        if (!run->jobId().isEmpty())
            emit message(tr("Slurm allocation %1 given back").arg(run->jobId()), 15000);
        forget(run);
    });
    run->start([this, specs, maxParallel, halt](const RunOn &placed) {
        return m_launch(specs, maxParallel, halt, placed);
    });
    refresh();
}

QList<const AllocationRun *> BatchAllocations::runs() const
{
    QList<const AllocationRun *> runs;
    for (const AllocationRun *run : m_runs)
        runs << run;
    return runs;
}

void BatchAllocations::forget(AllocationRun *run)
{
    m_runs.removeOne(run);
    m_jobCounts.remove(run);
    run->deleteLater(); // it is emitting
    refresh();
}

void BatchAllocations::cancelAll()
{
    for (AllocationRun *run : QList<AllocationRun *>(m_runs)) {
        if (run->isGranted() && run->batchId() > 0)
            m_scheduler->killBatch(run->batchId()); // its end gives the allocation back
        else
            run->release();
    }
}

QString BatchAllocations::describe(const AllocationRun &run) const
{
    if (run.isGranted()) {
        const qint64 left = run.secondsLeft();
        //: %1 the Slurm job id, %2 its nodes (procdeck-node, node[1-4])
        const QString held = tr("Slurm allocation %1 on %2 (%n node(s))", nullptr,
                                run.nodeCount())
                                     .arg(run.jobId(), run.nodeList());
        return left < 0 ? tr("%1, no time limit").arg(held)
                        //: %2 hours:minutes:seconds until Slurm ends the allocation
                        : tr("%1, %2 left").arg(held, clock(left));
    }
    if (run.reason().isEmpty())
        return tr("Asking Slurm for an allocation for the batch");
    //: %1 is squeue's reason: Priority, Resources, QOSMaxJobsPerUserLimit…
    return tr("Waiting for Slurm (%1): the batch's %n job(s) start once it grants the allocation",
              nullptr, m_jobCounts.value(&run))
            .arg(run.reason());
}

void BatchAllocations::refresh()
{
    QStringList lines;
    bool held = false;
    for (const AllocationRun *run : std::as_const(m_runs)) {
        lines << describe(*run);
        held = held || run->isGranted();
    }
    if (lines.isEmpty()) {
        m_tick.stop();
        m_bar->hide();
        return;
    }
    //: the strip's button: withdraws a waiting request, or ends the batch and frees its nodes
    m_bar->setButton(held ? tr("End the batch") : tr("Cancel"));
    m_bar->showText(lines.join(QLatin1Char('\n')));
    if (held && !m_tick.isActive())
        m_tick.start();
}

} // namespace procdeck::app
