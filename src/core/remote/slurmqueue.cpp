#include "slurmqueue.h"

#include "slurmstepfiles.h"

#include <QStringList>

namespace procdeck {

namespace {
constexpr int kPollMs = 500;
/// A step file is a stat and a small read: looked at often, so a kill or pause right after the
/// start finds the id.
constexpr int kStepPollMs = 100;
} // namespace

bool SlurmJobInfo::ended() const
{
    static const QStringList alive{QStringLiteral("PENDING"),   QStringLiteral("CONFIGURING"),
                                   QStringLiteral("RUNNING"),   QStringLiteral("SUSPENDED"),
                                   QStringLiteral("REQUEUED"),  QStringLiteral("RESIZING")};
    return !jobId.isEmpty() && !state.isEmpty() && !alive.contains(state);
}

SlurmQueue::SlurmQueue(const QString &allocation, QObject *parent)
    : QObject(parent),
      m_allocation(allocation.isEmpty() ? qEnvironmentVariable("SLURM_JOB_ID") : allocation)
{
    if (!m_allocation.isEmpty()) {
        m_stepFiles = std::make_unique<SlurmStepFiles>();
        if (!m_stepFiles->isValid())
            m_stepFiles.reset();
    }
    m_timer.setInterval(m_stepFiles ? kStepPollMs : kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &SlurmQueue::ask);
    connect(&m_squeue, &HelperProcess::finished, this, &SlurmQueue::onAnswered);
}

SlurmQueue::~SlurmQueue() = default;

QString SlurmQueue::stepProlog() const
{
    return m_stepFiles ? m_stepFiles->prolog() : QString();
}

QString SlurmQueue::stepFile(const QString &jobName) const
{
    return m_stepFiles ? m_stepFiles->fileFor(jobName) : QString();
}

void SlurmQueue::readStep(const QString &jobName)
{
    if (!m_stepFiles || !m_watched.contains(jobName) || m_stepTold.value(jobName))
        return;
    if (const std::optional<SlurmStepFiles::Told> told = m_stepFiles->read(jobName)) {
        m_stepTold[jobName] = true;
        // Listed while it runs, as squeue --steps would: its end is srun's exit status.
        emit seen(jobName, SlurmJobInfo{told->stepId, QStringLiteral("RUNNING"), told->nodes, 0});
    }
}

void SlurmQueue::readSteps()
{
    const QStringList names = m_watched.keys();
    for (const QString &name : names)
        readStep(name);
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
    if (--it.value() <= 0) {
        m_watched.erase(it);
        m_stepTold.remove(jobName);
        if (m_stepFiles)
            m_stepFiles->remove(jobName);
    }
    if (m_watched.isEmpty())
        m_timer.stop();
}

void SlurmQueue::askSoon()
{
    if (m_stepFiles)
        QMetaObject::invokeMethod(this, &SlurmQueue::readSteps, Qt::QueuedConnection);
    else if (m_squeue.isRunning())
        m_askAgain = true;
    else
        QMetaObject::invokeMethod(this, &SlurmQueue::ask, Qt::QueuedConnection);
}

void SlurmQueue::ask()
{
    if (m_stepFiles) {
        readSteps();
        return;
    }
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
