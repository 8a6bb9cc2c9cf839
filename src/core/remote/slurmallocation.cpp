#include "slurmallocation.h"

#include "process/guardian.h"
#include "process/session.h"

#include <QRegularExpression>

namespace procdeck {

namespace {
/// How often squeue is asked why the allocation waits: a queue is minutes, not milliseconds.
constexpr int kQueueMs = 1000;
} // namespace

SlurmAllocation::SlurmAllocation(QObject *parent) : QObject(parent)
{
    static int s_count = 0;
    m_name = QStringLiteral("procdeck-%1-allocation-%2").arg(session::id()).arg(++s_count);
    m_queueTimer.setInterval(kQueueMs);
    connect(&m_queueTimer, &QTimer::timeout, this, &SlurmAllocation::askQueue);
    connect(&m_salloc, &HelperProcess::finished, this, &SlurmAllocation::onSalloc);
    connect(&m_squeue, &HelperProcess::finished, this, &SlurmAllocation::onQueue);
    connect(&m_nodes, &HelperProcess::finished, this, &SlurmAllocation::onNodes);
}

SlurmAllocation::~SlurmAllocation()
{
    release();
}

void SlurmAllocation::request(const QStringList &sallocArgs)
{
    // --no-shell: salloc returns once granted and the allocation stays until it is cancelled.
    // The name first: the user's own --job-name would win, and the allocation be found by id.
    m_salloc.start(QStringLiteral("salloc"),
                   QStringList{QStringLiteral("--no-shell"),
                               QStringLiteral("--job-name=%1").arg(m_name)}
                       + sallocArgs);
    m_queueTimer.start();
}

void SlurmAllocation::release()
{
    if (m_released)
        return;
    m_released = true;
    m_queueTimer.stop();
    m_squeue.stop();
    m_nodes.stop();
    if (!m_salloc.isRunning() && m_jobId.isEmpty() && !m_granted)
        return; // never asked, or salloc failed: nothing to give back
    // Killed while it waits, salloc would leave its request queued: cancelled by id, or by name
    // when squeue has not named it yet.
    m_salloc.stop();
    HelperProcess::startDetached(QStringLiteral("scancel"),
                                 {QStringLiteral("--quiet"),
                                  m_jobId.isEmpty() ? QStringLiteral("--name=%1").arg(m_name)
                                                    : m_jobId});
    if (!m_jobId.isEmpty())
        guardian::slurmAllocationReleased(m_jobId.toInt());
}

void SlurmAllocation::learnId(const QString &jobId)
{
    if (!m_jobId.isEmpty() || jobId.isEmpty())
        return;
    m_jobId = jobId;
    guardian::slurmAllocationHeld(m_jobId.toInt());
}

void SlurmAllocation::onSalloc(const HelperResult &result)
{
    m_queueTimer.stop();
    const QString said = QString::fromLocal8Bit(result.err);
    static const QRegularExpression grantedLine(
        QStringLiteral("Granted job allocation ([0-9]+)"));
    const QRegularExpressionMatch m = grantedLine.match(said);
    if (!result.succeeded() || !m.hasMatch()) {
        const QStringList lines = said.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        emit failed(result.error.isEmpty()
                        ? (lines.isEmpty() ? QStringLiteral("salloc failed") : lines.last())
                        : result.error);
        return;
    }
    learnId(m.captured(1));
    m_granted = true;
    // A worker step goes to each node (--slurm-workers): salloc does not say how many.
    m_nodes.start(QStringLiteral("squeue"),
                  {QStringLiteral("--noheader"), QStringLiteral("--jobs=%1").arg(m_jobId),
                   QStringLiteral("--format=%D")});
}

void SlurmAllocation::onNodes(const HelperResult &result)
{
    if (m_released)
        return;
    m_nodeCount = qMax(1, result.out.trimmed().toInt());
    emit granted(m_jobId);
}

void SlurmAllocation::askQueue()
{
    if (m_squeue.isRunning() || m_granted)
        return;
    m_squeue.start(QStringLiteral("squeue"),
                   {QStringLiteral("--noheader"), QStringLiteral("--name=%1").arg(m_name),
                    QStringLiteral("--format=%i|%T|%r")});
}

void SlurmAllocation::onQueue(const HelperResult &result)
{
    if (m_granted || m_released || !result.succeeded())
        return;
    const QList<QByteArray> fields = result.out.trimmed().split('|');
    if (fields.size() < 3)
        return;
    learnId(QString::fromUtf8(fields[0]));
    const QString reason = QString::fromUtf8(fields[2]).trimmed();
    if (fields[1] == "PENDING" && !reason.isEmpty() && reason != m_reason) {
        m_reason = reason;
        emit waiting(reason);
    }
}

} // namespace procdeck
