#pragma once

#include "core/scheduling/haltpolicy.h"
#include "core/types/jobspec.h"
#include "core/types/runon.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class QBoxLayout;
class QStatusBar;

namespace procdeck {
class AllocationRun;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class NoticeBar;

/// The window's batches that run in one Slurm allocation each ("Slurm cluster — one allocation
/// for the batch"): asks for it (AllocationRun), adds the batch once it is granted, and says in a
/// strip above the table what Slurm answered — "Waiting for Slurm (Priority)", then the
/// allocation's job id, nodes and time left — with a button that withdraws the request or ends
/// the batch (which gives the allocation back). Deleting this gives every allocation back.
class BatchAllocations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchAllocations)

public:
    /// Adds a batch (MainWindow::launchBatch) and returns its id.
    using Launch = std::function<int(const QList<procdeck::JobSpec> &specs, int maxParallel,
                                     const procdeck::HaltPolicy &halt,
                                     const procdeck::RunOn &runOn)>;

    BatchAllocations(procdeck::Scheduler *scheduler, Launch launch, QWidget *parent);
    ~BatchAllocations() override;

    /// Adds the batch; with `runOn.slurmAllocate` asks Slurm for an allocation first and adds
    /// the batch, as its steps, once it is granted.
    void launch(const QList<procdeck::JobSpec> &specs, int maxParallel,
                const procdeck::HaltPolicy &halt, const procdeck::RunOn &runOn);
    /// Its strip goes at the top of `layout` (hidden while no allocation is asked for or held),
    /// its messages to `bar`.
    void placeIn(QBoxLayout *layout, QStatusBar *bar);
    NoticeBar *notice() const { return m_bar; }
    /// The allocations asked for or held, oldest first.
    QList<const procdeck::AllocationRun *> runs() const;

signals:
    /// A line for the status bar (a failed salloc, an allocation given back).
    void message(const QString &text, int timeoutMs);

private:
    void refresh();
    void forget(procdeck::AllocationRun *run);
    void cancelAll();
    QString describe(const procdeck::AllocationRun &run) const;

    procdeck::Scheduler *m_scheduler;
    Launch m_launch;
    NoticeBar *m_bar;
    QList<procdeck::AllocationRun *> m_runs; ///< children
    QHash<const procdeck::AllocationRun *, int> m_jobCounts; ///< of each one's batch
    QTimer m_tick; ///< the time left, once a second while one is held
};

} // namespace procdeck::app
