#include "inputstop.h"

#include "core/scheduling/scheduler.h"

using namespace procdeck;

InputStop::InputStop(Scheduler *scheduler, QString error,
                     std::function<void(const QString &)> say, QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_error(std::move(error)), m_say(std::move(say))
{
    if (m_error.isEmpty())
        return;
    // A start may leave a slot free (fewer jobs than slots): looked at once the start loop is
    // done (a job says it started before the scheduler counts it out of the queue). An end
    // frees one.
    connect(m_scheduler, &Scheduler::jobStarted, this, &InputStop::check, Qt::QueuedConnection);
    connect(m_scheduler, &Scheduler::jobEnded, this, &InputStop::check);
}

void InputStop::check()
{
    if (m_stopped)
        return;
    const BatchStats t = m_scheduler->totals();
    if (t.queued > 0 || t.running >= m_scheduler->maxParallel())
        return;
    m_stopped = true;
    m_killed = m_scheduler->runningJobs();
    m_say(m_error);
    m_scheduler->shutdown(); // SIGTERM to what runs, SIGKILL after the grace
}
