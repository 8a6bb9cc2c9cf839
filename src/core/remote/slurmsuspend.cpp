#include "slurmsuspend.h"

namespace procdeck {

SlurmSuspend::SlurmSuspend(QObject *parent) : QObject(parent)
{
    m_spacingTimer.setSingleShot(true);
    connect(&m_spacingTimer, &QTimer::timeout, this, &SlurmSuspend::next);
    connect(&m_scontrol, &HelperProcess::finished, this, &SlurmSuspend::onAnswered);
}

void SlurmSuspend::request(bool suspended, const QString &jobId)
{
    m_jobId = jobId;
    m_wanted = suspended;
    if (!m_scontrol.isRunning() && !m_spacingTimer.isActive())
        next();
}

void SlurmSuspend::next()
{
    if (m_wanted == m_suspended) {
        if (m_reported != m_suspended) {
            m_reported = m_suspended;
            emit changed(m_suspended);
        }
        return;
    }
    const QString verb = m_wanted ? QStringLiteral("suspend") : QStringLiteral("resume");
    if (m_jobId.isEmpty()) {
        refuse(QStringLiteral(
                       "scontrol %1: Slurm has not told the job's id yet; try again in a moment")
                       .arg(verb));
        return;
    }
    if (const qint64 wait = msUntilMayAsk(); wait > 0) {
        m_spacingTimer.start(int(wait));
        return;
    }
    m_asking = m_wanted;
    m_scontrol.start(program(), arguments());
}

bool SlurmSuspend::isStep() const
{
    return m_jobId.contains(QLatin1Char('.'));
}

QString SlurmSuspend::program() const
{
    return isStep() ? QStringLiteral("scancel") : QStringLiteral("scontrol");
}

QStringList SlurmSuspend::arguments() const
{
    // scontrol suspends jobs, not steps: a step's tasks are stopped and continued by signal.
    if (isStep())
        return {QStringLiteral("--quiet"),
                m_asking ? QStringLiteral("--signal=STOP") : QStringLiteral("--signal=CONT"),
                m_jobId};
    return {m_asking ? QStringLiteral("suspend") : QStringLiteral("resume"), m_jobId};
}

qint64 SlurmSuspend::msSinceAnswered() const
{
    if (m_scontrol.isRunning())
        return 0;
    return m_answered.isValid() ? m_answered.elapsed() : -1;
}

qint64 SlurmSuspend::msUntilMayAsk() const
{
    if (m_scontrol.isRunning())
        return -1;
    return m_answered.isValid() ? qMax<qint64>(0, kSpacingMs - m_answered.elapsed()) : 0;
}

void SlurmSuspend::onAnswered(const HelperResult &result)
{
    m_answered.start(); // refused too: an scontrol that failed may have got through
    if (result.succeeded()) {
        m_suspended = m_asking;
        next();
        return;
    }
    const QString said = QString::fromLocal8Bit(result.err).trimmed();
    QString why = result.error.isEmpty() ? said : result.error;
    if (why.isEmpty())
        why = QStringLiteral("exit status %1").arg(result.exitCode);
    refuse(QStringLiteral("%1 %2: %3").arg(program(), arguments().join(QLatin1Char(' ')), why));
}

void SlurmSuspend::refuse(const QString &why)
{
    m_wanted = m_suspended; // as it was: a refused pause leaves the job running
    emit refused(why);
    next();
}

} // namespace procdeck
