#include "quitsequence.h"

#include "core/scheduling/scheduler.h"

#include <cmath>

namespace procdeck::app {

namespace {
constexpr int kTickMs = 100;
/// After SIGKILL a job ends within milliseconds; one stuck in the kernel (D state) must not keep
/// the window open: past this the window goes, and the scheduler's destructor signals once more.
constexpr qint64 kLastResortMs = 1000;
} // namespace

QuitSequence::QuitSequence(procdeck::Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_scheduler(scheduler)
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
    return m_scheduler->runningCount() + (m_engineJobsToo ? m_scheduler->mirroredCount() : 0);
}

int QuitSequence::secondsLeft() const
{
    if (!m_active || killSent())
        return 0;
    qint64 ms = m_scheduler->runningCount() > 0 ? m_scheduler->shutdownStatus().msUntilKill() : 0;
    if (m_engineJobsToo && m_scheduler->mirroredCount() > 0)
        ms = qMax(ms, m_engineGraceMs - m_sinceStart.elapsed());
    return int(std::ceil(double(qMax<qint64>(ms, 0)) / 1000.0));
}

bool QuitSequence::killSent() const
{
    return m_scheduler->shutdownStatus().killSent();
}

void QuitSequence::start(bool engineJobsToo)
{
    if (m_active)
        return;
    m_active = true;
    m_sinceStart.start();
    m_engineJobsToo = engineJobsToo;
    if (engineJobsToo) {
        // The engine ends them (SIGTERM, SIGKILL after each one's grace); the end comes back.
        for (const Job *job : m_scheduler->mirroredJobs())
            m_engineGraceMs = qMax(m_engineGraceMs, qint64(job->spec().graceSeconds * 1000));
        m_scheduler->killMirrored();
    }
    // The engine's shutdown: the queue cancelled, SIGTERM to running and paused trees alike,
    // SIGKILL after each one's grace. Here the countdown is only shown.
    m_scheduler->shutdown();
    m_graceMs = m_scheduler->shutdownStatus().msUntilKill();
    m_ticker.start();
    emit progress();
    QTimer::singleShot(0, this,
                       &QuitSequence::check); // nothing ran: done at once, but not re-entrantly
}

void QuitSequence::killNow()
{
    m_active = true;
    // The engine's jobs get their SIGKILL from the engine after their grace; the window does
    // not wait for it.
    m_engineJobsToo = false;
    m_ticker.start();
    if (killSent())
        return;
    m_scheduler->shutdownNow();
    emit progress();
    QTimer::singleShot(0, this, &QuitSequence::check);
}

void QuitSequence::tick()
{
    if (killSent() && !m_sinceKill.isValid())
        m_sinceKill.start(); // the engine's SIGKILL, at the end of the grace or from killNow()
    if (m_sinceKill.isValid() && m_sinceKill.elapsed() >= kLastResortMs) {
        finish();
        return;
    }
    emit progress();
    check();
}

void QuitSequence::check()
{
    if (m_done || jobsLeft() > 0 || m_scheduler->queuedCount() > 0)
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
