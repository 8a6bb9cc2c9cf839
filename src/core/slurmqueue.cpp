#include "slurmqueue.h"

#include <QStringList>

namespace procdeck {

namespace {
constexpr int kPollMs = 500;
}

SlurmQueue::SlurmQueue(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &SlurmQueue::ask);
}

SlurmQueue::~SlurmQueue()
{
    if (m_squeue) {
        m_squeue->disconnect(this);
        m_squeue->kill(); // a lone squeue, killed: QProcess's destructor collects it at once
    }
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
    if (m_squeue)
        m_askAgain = true;
    else
        QMetaObject::invokeMethod(this, &SlurmQueue::ask, Qt::QueuedConnection);
}

void SlurmQueue::ask()
{
    if (m_squeue || m_watched.isEmpty())
        return;
    m_askAgain = false;
    m_squeue = std::make_unique<QProcess>();
    m_squeue->setProgram(QStringLiteral("squeue"));
    m_squeue->setArguments({QStringLiteral("--noheader"), QStringLiteral("--states=all"),
                            QStringLiteral("--name=%1").arg(QStringList(m_watched.keys()).join(QLatin1Char(','))),
                            QStringLiteral("--format=%i|%j|%T|%N")});
    m_squeue->setStandardInputFile(QProcess::nullDevice());
    connect(m_squeue.get(), &QProcess::finished, this, &SlurmQueue::onAnswered);
    connect(m_squeue.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_squeue->errorString();
        m_squeue.release()->deleteLater();
        emit failed(QStringLiteral("squeue: %1").arg(reason));
    });
    m_squeue->start();
}

void SlurmQueue::onAnswered(int exitCode, QProcess::ExitStatus status)
{
    const QByteArray out = m_squeue->readAllStandardOutput();
    const QByteArray err = m_squeue->readAllStandardError();
    m_squeue.release()->deleteLater();
    if (status != QProcess::NormalExit || exitCode != 0) {
        emit failed(QStringLiteral("squeue: %1").arg(QString::fromLocal8Bit(err).trimmed()));
    } else {
        for (const QByteArray &line : out.split('\n')) {
            const QList<QByteArray> fields = line.trimmed().split('|');
            if (fields.size() != 4)
                continue;
            const QString name = QString::fromUtf8(fields[1]);
            if (!m_watched.contains(name))
                continue;
            emit seen(name, SlurmJobInfo{QString::fromUtf8(fields[0]), QString::fromUtf8(fields[2]),
                                         QString::fromUtf8(fields[3]).remove(QStringLiteral("(null)"))});
        }
    }
    if (m_askAgain)
        QMetaObject::invokeMethod(this, &SlurmQueue::ask, Qt::QueuedConnection);
}

} // namespace procdeck
