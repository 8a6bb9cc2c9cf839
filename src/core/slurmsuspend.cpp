#include "slurmsuspend.h"

namespace procdeck {

SlurmSuspend::SlurmSuspend(QObject *parent) : QObject(parent)
{
    m_spacingTimer.setSingleShot(true);
    connect(&m_spacingTimer, &QTimer::timeout, this, &SlurmSuspend::next);
}

SlurmSuspend::~SlurmSuspend()
{
    if (m_scontrol) {
        m_scontrol->disconnect(this);
        m_scontrol->kill(); // a lone scontrol, killed: QProcess's destructor collects it at once
    }
}

void SlurmSuspend::request(bool suspended, const QString &jobId)
{
    m_jobId = jobId;
    m_wanted = suspended;
    if (!m_scontrol && !m_spacingTimer.isActive())
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
        refuse(QStringLiteral("scontrol %1: Slurm has not told the job's id yet; try again in a moment").arg(verb));
        return;
    }
    if (const qint64 wait = msUntilMayAsk(); wait > 0) {
        m_spacingTimer.start(int(wait));
        return;
    }
    m_asking = m_wanted;
    m_scontrol = std::make_unique<QProcess>();
    m_scontrol->setProgram(QStringLiteral("scontrol"));
    m_scontrol->setArguments({verb, m_jobId});
    m_scontrol->setStandardInputFile(QProcess::nullDevice());
    connect(m_scontrol.get(), &QProcess::finished, this, &SlurmSuspend::onAnswered);
    connect(m_scontrol.get(), &QProcess::errorOccurred, this, [this, verb](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_scontrol->errorString();
        m_scontrol.release()->deleteLater();
        refuse(QStringLiteral("scontrol %1 %2: %3").arg(verb, m_jobId, reason));
    });
    m_scontrol->start();
}

qint64 SlurmSuspend::msSinceAnswered() const
{
    if (m_scontrol)
        return 0;
    return m_answered.isValid() ? m_answered.elapsed() : -1;
}

qint64 SlurmSuspend::msUntilMayAsk() const
{
    if (m_scontrol)
        return -1;
    return m_answered.isValid() ? qMax<qint64>(0, kSpacingMs - m_answered.elapsed()) : 0;
}

void SlurmSuspend::onAnswered(int exitCode, QProcess::ExitStatus status)
{
    m_answered.start(); // refused too: an scontrol that failed may have got through
    const QString said = QString::fromLocal8Bit(m_scontrol->readAllStandardError()).trimmed();
    m_scontrol.release()->deleteLater();
    if (status == QProcess::NormalExit && exitCode == 0) {
        m_suspended = m_asking;
        next();
        return;
    }
    refuse(QStringLiteral("scontrol %1 %2: %3")
               .arg(m_asking ? QStringLiteral("suspend") : QStringLiteral("resume"), m_jobId,
                    said.isEmpty() ? QStringLiteral("exit status %1").arg(exitCode) : said));
}

void SlurmSuspend::refuse(const QString &why)
{
    m_wanted = m_suspended; // as it was: a refused pause leaves the job running
    emit refused(why);
    next();
}

} // namespace procdeck
