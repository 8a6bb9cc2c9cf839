#include "slurmallocation.h"

#include "process/guardian.h"
#include "process/session.h"

#include <QRegularExpression>

namespace procdeck {

namespace {
/// How often squeue is asked why the allocation waits: a queue is minutes, not milliseconds.
constexpr int kQueueMs = 1000;

/// squeue's %L: "days-hours:minutes:seconds", "hours:minutes:seconds", "minutes:seconds", or
/// words (UNLIMITED, NOT_SET, INVALID): -1.
qint64 parseTimeLeft(const QString &text)
{
    static const QRegularExpression form(
        QStringLiteral("^(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)$"));
    const QRegularExpressionMatch m = form.match(text.trimmed());
    if (!m.hasMatch())
        return -1;
    const qint64 days = m.captured(1).toLongLong();
    const qint64 hours = m.captured(2).toLongLong();
    return ((days * 24 + hours) * 60 + m.captured(3).toLongLong()) * 60
        + m.captured(4).toLongLong();
}

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
                   QStringLiteral("--format=%D|%N|%L")});
}

void SlurmAllocation::onNodes(const HelperResult &result)
{
    if (m_released)
        return;
    const QList<QByteArray> fields = result.out.trimmed().split('|');
    m_nodeCount = qMax(1, fields.value(0).toInt());
    m_nodeList = QString::fromUtf8(fields.value(1));
    m_secondsLeftAtGrant = parseTimeLeft(QString::fromUtf8(fields.value(2)));
    m_sinceGrant.start();
    emit granted(m_jobId);
}

qint64 SlurmAllocation::secondsLeft() const
{
    if (m_secondsLeftAtGrant < 0 || !m_sinceGrant.isValid())
        return -1;
    return qMax<qint64>(0, m_secondsLeftAtGrant - m_sinceGrant.elapsed() / 1000);
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
