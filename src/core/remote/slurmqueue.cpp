#include "slurmqueue.h"

#include <QStringList>

namespace procdeck {

namespace {
constexpr int kPollMs = 500;
}

bool SlurmJobInfo::ended() const
{
    static const QStringList alive{QStringLiteral("PENDING"),   QStringLiteral("CONFIGURING"),
                                   QStringLiteral("RUNNING"),   QStringLiteral("SUSPENDED"),
                                   QStringLiteral("REQUEUED"),  QStringLiteral("RESIZING")};
    return !jobId.isEmpty() && !state.isEmpty() && !alive.contains(state);
}

SlurmQueue::SlurmQueue(QObject *parent)
    : QObject(parent), m_allocation(qEnvironmentVariable("SLURM_JOB_ID"))
{
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &SlurmQueue::ask);
    connect(&m_squeue, &HelperProcess::finished, this, &SlurmQueue::onAnswered);
}

void SlurmQueue::watch(const QString &jobName)
{
    ++m_watched[jobName];
    if (!m_timer.isActive())
        m_timer.start();
    askSoon();
}

void SlurmQueue::unwatch(const QString &jobName)
{
    auto it = m_watched.find(jobName);
    if (it == m_watched.end())
        return;
    if (--it.value() <= 0)
        m_watched.erase(it);
    if (m_watched.isEmpty())
        m_timer.stop();
}

void SlurmQueue::askSoon()
{
    if (m_squeue.isRunning())
        m_askAgain = true;
    else
        QMetaObject::invokeMethod(this, &SlurmQueue::ask, Qt::QueuedConnection);
}

void SlurmQueue::ask()
{
    if (m_squeue.isRunning() || m_watched.isEmpty())
        return;
    m_askAgain = false;
    if (!m_allocation.isEmpty()) {
        // Steps have no state and no exit code in squeue: listed while they run, gone after.
        m_squeue.start(QStringLiteral("squeue"),
                       {QStringLiteral("--noheader"), QStringLiteral("--steps"),
                        QStringLiteral("--jobs=%1").arg(m_allocation),
                        QStringLiteral("--format=%i|%j|RUNNING|%N|0|")});
        return;
    }
    const QString names = QStringList(m_watched.keys()).join(QLatin1Char(','));
    // exit_code: the raw wait status (9: SIGKILL, 768: exit 3)
    const QString format = QStringLiteral("--Format=JobID:|,Name:|,State:|,NodeList:|,exit_code:|");
    m_squeue.start(QStringLiteral("squeue"),
                   { QStringLiteral("--noheader"), QStringLiteral("--states=all"),
                     QStringLiteral("--name=%1").arg(names), format });
}

void SlurmQueue::onAnswered(const HelperResult &result)
{
    if (!result.succeeded()) {
        const QString said = QString::fromLocal8Bit(result.err).trimmed();
        emit failed(result.error.isEmpty() ? QStringLiteral("squeue: %1").arg(said) : result.error);
    } else {
        for (const QByteArray &line : result.out.split('\n')) {
            const QList<QByteArray> fields = line.trimmed().split('|');
            if (fields.size() < 5)
                continue;
            const QString name = QString::fromUtf8(fields[1]);
            if (!m_watched.contains(name))
                continue;
            const QString node = QString::fromUtf8(fields[3]).remove(QStringLiteral("(null)"));
            emit seen(name,
                      SlurmJobInfo { QString::fromUtf8(fields[0]), QString::fromUtf8(fields[2]),
                                     node, fields[4].trimmed().toInt() });
        }
    }
    if (m_askAgain)
        QMetaObject::invokeMethod(this, &SlurmQueue::ask, Qt::QueuedConnection);
}

} // namespace procdeck
