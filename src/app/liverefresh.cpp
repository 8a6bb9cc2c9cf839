#include "liverefresh.h"

#include "core/scheduling/scheduler.h"
#include "jobactions.h"
#include "jobtablepanel.h"
#include "statussummary.h"
#include "timelineview.h"

namespace procdeck::app {

namespace {
constexpr int kAnimationMs = 100;
constexpr int kFiguresMs = 100;
} // namespace

LiveRefresh::LiveRefresh(const Parts &parts, QObject *parent) : QObject(parent), m_parts(parts)
{
    m_animation.setInterval(kAnimationMs);
    connect(&m_animation, &QTimer::timeout, this, &LiveRefresh::onAnimationTick);
    m_animation.start();
    connect(m_parts.scheduler, &Scheduler::jobEnded, this, &LiveRefresh::onJobEnded);
    m_figuresSoon.setSingleShot(true);
    m_figuresSoon.setInterval(kFiguresMs);
    connect(&m_figuresSoon, &QTimer::timeout, this, &LiveRefresh::onFiguresDue);
    connect(m_parts.scheduler, &Scheduler::jobStarted, m_parts.timeline,
            qOverload<>(&QWidget::update));
    // A start enables what only a running job allows (Send signal…, Priority…), and rows made
    // ended (an engine's jobs that ended before the window heard) count: also coalesced.
    const auto figuresSoon = [this] {
        if (!m_figuresSoon.isActive())
            m_figuresSoon.start();
    };
    connect(m_parts.scheduler, &Scheduler::jobStarted, this, figuresSoon);
    connect(m_parts.scheduler, &Scheduler::jobsInserted, this, figuresSoon);
    // A job the engine kept queued that starts there: "Queued" becomes "Running" in the counts.
    connect(m_parts.scheduler, &Scheduler::jobStateChanged, this, figuresSoon);
}

void LiveRefresh::onJobEnded(Job *job)
{
    // The State column is repainted by the animation at once, the rest of the row only when
    // the model's coalesced update comes: repaint the row now, so that "Finished" never
    // shows beside a still-ticking time or a blank exit code.
    m_parts.table->repaintRow(job);
    // The figures, the actions and the timeline follow at most every 100 ms, however many
    // jobs end meanwhile (1,000 short jobs a second must not mean 1,000 refreshes).
    if (!m_figuresSoon.isActive())
        m_figuresSoon.start();
}

void LiveRefresh::onFiguresDue()
{
    m_parts.summary->refresh();
    m_parts.actions->updateEnabled();
    // The last job's end: the animation tick stops once nothing runs.
    if (m_parts.timeline->isVisible())
        m_parts.timeline->update();
}

void LiveRefresh::onAnimationTick()
{
    // The engine's running jobs tick too: their rows' elapsed and the counts move the same.
    if (m_parts.scheduler->runningCount() == 0 && m_parts.scheduler->mirroredCount() == 0)
        return;
    m_parts.table->advanceAnimation();
    static int ticks = 0;
    if (++ticks % 3 == 0) { // the figures move at a few Hz; the spinner at ten
        m_parts.summary->refresh();
        if (m_parts.timeline->isVisible())
            m_parts.timeline->update();
    }
}

} // namespace procdeck::app
