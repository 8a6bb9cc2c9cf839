#include "quitsequence.h"

#include "core/scheduling/scheduler.h"

#include <cmath>

namespace procdeck::app {

using procdeck::Job;
using procdeck::JobState;

namespace {
constexpr int kTickMs = 100;
/// After SIGKILL a job ends within milliseconds; one stuck in the kernel (D state) must not keep
/// the window open: past this the window goes, and the scheduler's destructor signals once more.
constexpr qint64 kLastResortMs = 1000;
} // namespace

QuitSequence::QuitSequence(procdeck::Scheduler *scheduler, QObject *parent) : QObject(parent), m_scheduler(scheduler)
{
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &QuitSequence::tick);
    connect(m_scheduler, &procdeck::Scheduler::jobEnded, this, [this] {
        if (m_active)
            check();
    });
}

int QuitSequence::jobsLeft() const
{
    return m_scheduler->runningCount();
}

int QuitSequence::secondsLeft() const
{
    if (!m_active || m_killSent)
        return 0;
    return int(std::ceil(double(qMax<qint64>(0, m_graceMs - m_clock.elapsed())) / 1000.0));
}

void QuitSequence::start()
{
    if (m_active)
        return;
    m_active = true;
    m_clock.start();
    double grace = 0;
    for (int i = 0; i < m_scheduler->count(); ++i) {
        const Job *job = m_scheduler->jobAt(i);
        if (job->state() == JobState::Running)
            grace = qMax(grace, job->spec().graceSeconds);
    }
    m_graceMs = qint64(grace * 1000);
    // Nothing new starts; the queue is cancelled; each running job gets SIGTERM now and SIGKILL
    // after its own grace. A job whose start the event loop has not seen yet has no pid to send
    // SIGTERM to (the engine would SIGKILL it): it gets its SIGTERM as soon as it has one.
    m_scheduler->setPaused(true);
    QList<Job *> queued;
    QList<Job *> running;
    for (int i = 0; i < m_scheduler->count(); ++i) {
        Job *job = m_scheduler->jobAt(i);
        if (job->state() == JobState::Queued)
            queued << job;
        else if (job->state() == JobState::Running)
            running << job;
    }
    for (Job *job : queued)
        m_scheduler->kill(job);
    for (Job *job : running) {
        if (job->pid() > 0)
            m_scheduler->kill(job);
        else
            connect(job, &Job::started, this, [this, job] { m_scheduler->kill(job); }, Qt::SingleShotConnection);
    }
    m_ticker.start();
    emit progress();
    QTimer::singleShot(0, this, &QuitSequence::check); // nothing ran: done at once, but not re-entrantly
}

void QuitSequence::killNow()
{
    if (!m_active) {
        m_active = true;
        m_clock.start();
        m_ticker.start();
    }
    if (m_killSent)
        return;
    m_killSent = true;
    m_killAtMs = m_clock.elapsed();
    m_scheduler->killAllNow();
    emit progress();
    QTimer::singleShot(0, this, &QuitSequence::check);
}

void QuitSequence::tick()
{
    if (!m_killSent && m_clock.elapsed() >= m_graceMs) {
        killNow();
        return;
    }
    if (m_killSent && m_clock.elapsed() - m_killAtMs >= kLastResortMs) {
        finish();
        return;
    }
    emit progress();
    check();
}

void QuitSequence::check()
{
    if (m_done || m_scheduler->runningCount() > 0 || m_scheduler->queuedCount() > 0)
        return;
    finish();
}

void QuitSequence::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_ticker.stop();
    emit done();
}

} // namespace procdeck::app
