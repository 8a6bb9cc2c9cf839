#include "slurmterm.h"

#include "slurmsuspend.h"

#include <QStringList>

namespace procdeck {

SlurmTerm::SlurmTerm(const SlurmSuspend &suspend, QObject *parent)
    : QObject(parent), m_suspend(suspend)
{
    m_againTimer.setSingleShot(true);
    connect(&m_againTimer, &QTimer::timeout, this, &SlurmTerm::send);
    connect(&m_process, &HelperProcess::finished, this, &SlurmTerm::onSent);
}

void SlurmTerm::start(const QString &jobId)
{
    if (m_active)
        return;
    m_active = true;
    m_resuming = m_suspend.wanted() || m_suspend.isSuspended();
    m_jobId = jobId;
    m_sent = 0;
    m_sinceFirst.invalidate();
    if (!m_process.isRunning())
        send();
    // else: the one on its way ends in onSent(), which sends the next at once
}

void SlurmTerm::stop()
{
    m_active = false;
    m_againTimer.stop();
}

bool SlurmTerm::needed() const
{
    if (m_suspend.wanted() || m_suspend.isSuspended())
        return true;
    const qint64 sinceAnswered = m_suspend.msSinceAnswered();
    return sinceAnswered >= 0 && sinceAnswered < kStepdSuspendMs + kSettleMs;
}

bool SlurmTerm::mayBeLost() const
{
    // Our resume and our TERM leave slurmctld as two messages, and may reach slurmstepd in
    // either order.
    if (m_resuming && m_sinceFirst.elapsed() < kSettleMs)
        return true;
    const qint64 sinceAnswered = m_suspend.msSinceAnswered();
    return sinceAnswered >= 0 && sinceAnswered < kStepdSuspendMs + kSettleMs;
}

void SlurmTerm::send()
{
    if (!m_active || m_process.isRunning())
        return;
    if (m_resuming) {
        // A resume that overtook a suspend on its way would leave the step stopped for good.
        if (const qint64 wait = m_suspend.msUntilMayAsk(); wait != 0) {
            m_againTimer.start(wait < 0 ? kAgainMs : int(wait));
            return;
        }
    }
    if (!m_sinceFirst.isValid())
        m_sinceFirst.start();
    ++m_sent;
    // In one shell so that the TERM reaches slurmctld after the resume has (it refuses to signal a
    // suspended job); `scontrol resume` of a running job only says so, to /dev/null.
    const QString line = QStringLiteral(
        "scontrol resume \"$1\" 2>/dev/null; exec scancel --quiet --signal=TERM \"$1\"");
    m_process.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"), line, QStringLiteral("sh"), m_jobId});
}

void SlurmTerm::onSent()
{
    if (!m_active)
        return;
    if (m_sent == 0)
        send(); // started again while the last one of an earlier start() was on its way
    else if (mayBeLost())
        m_againTimer.start(kAgainMs);
    else
        m_active = false;
}

} // namespace procdeck
