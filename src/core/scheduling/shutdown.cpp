#include "shutdown.h"

#include "process/job.h"

#include <cmath>
#include <limits>
#include <utility>

namespace procdeck {

Shutdown::Shutdown(Steps steps, const QSet<const Job *> *alive, QObject *parent)
    : QObject(parent), m_steps(std::move(steps)), m_alive(alive)
{
    m_killTimer.setSingleShot(true);
    // A coarse timer may fire 5 % early: a 3 s grace ended at 2.85 s (seen in CI, 2,898 ms).
    m_killTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_killTimer, &QTimer::timeout, this, &Shutdown::killNow);
}

void Shutdown::begin()
{
    m_active = true;
    m_clock.start();
    m_steps.stopStarting(); // nothing new starts, not even a retry's next try
}

void Shutdown::start(double graceSeconds)
{
    if (m_active)
        return;
    begin();
    // The longest wait is the longest grace of a tree that is alive now: running or paused
    // (a paused tree is stopped, not ended, and gets its SIGTERM like the others).
    double longest = 0;
    for (const Job *job : *m_alive)
        longest = qMax(longest, job->spec().graceSeconds);
    if (graceSeconds >= 0)
        longest = qMin(longest, graceSeconds);
    m_graceMs = qint64(std::ceil(longest * 1000.0));
    // Each job's killer sends SIGTERM (and SIGCONT) now and SIGKILL after the job's own grace;
    // the timer is for a shorter grace asked here, and the last word on what is left.
    m_steps.endGently();
    if (!m_alive->isEmpty())
        m_killTimer.start(int(qMin<qint64>(m_graceMs, std::numeric_limits<int>::max())));
}

void Shutdown::killNow()
{
    if (!m_active)
        begin();
    m_killTimer.stop();
    if (std::exchange(m_killSent, true))
        return;
    m_steps.endNow();
}

qint64 Shutdown::msUntilKill() const
{
    if (!m_active || m_killSent || !m_killTimer.isActive())
        return 0;
    return qMax<qint64>(0, m_graceMs - m_clock.elapsed());
}

} // namespace procdeck
