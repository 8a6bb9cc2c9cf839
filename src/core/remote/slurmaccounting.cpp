#include "slurmaccounting.h"

#include <QStringList>

namespace procdeck {

SlurmAccounting::SlurmAccounting(QObject *parent) : QObject(parent)
{
    m_again.setSingleShot(true);
    m_again.setInterval(kAgainMs);
    connect(&m_again, &QTimer::timeout, this, &SlurmAccounting::start);
    connect(&m_sacct, &HelperProcess::finished, this, &SlurmAccounting::onAnswered);
}

void SlurmAccounting::ask(const QString &id, bool *missing,
                          std::function<void(const QString &)> then)
{
    m_id = id;
    m_missing = missing;
    m_then = std::move(then);
    if (id.isEmpty() || (missing && *missing)) {
        finish({});
        return;
    }
    m_since.start();
    start();
}

void SlurmAccounting::start()
{
    if (m_sacct.isRunning())
        return;
    m_sacct.start(QStringLiteral("sacct"),
                  {QStringLiteral("--noheader"), QStringLiteral("--parsable2"),
                   QStringLiteral("--jobs=") + m_id, QStringLiteral("--format=JobID,State")});
}

void SlurmAccounting::onAnswered(const HelperResult &result)
{
    if (!result.succeeded()) {
        // "Slurm accounting storage is disabled": no use asking for the next jobs either.
        if (m_missing && result.ran && result.err.contains("accounting storage is disabled"))
            *m_missing = true;
        finish({});
        return;
    }
    const QString state = stateIn(result.out, m_id);
    if (isFinal(state) || m_since.elapsed() + kAgainMs > kLongestMs) {
        finish(isFinal(state) ? state : QString());
        return;
    }
    m_again.start();
}

void SlurmAccounting::finish(const QString &state)
{
    m_again.stop();
    if (auto then = std::exchange(m_then, nullptr))
        then(state);
}

QString SlurmAccounting::stateIn(const QByteArray &out, const QString &id)
{
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> fields = line.split('|');
        if (fields.size() >= 2 && QString::fromUtf8(fields[0]) == id)
            return QString::fromUtf8(fields[1]).section(QLatin1Char(' '), 0, 0);
    }
    return {};
}

bool SlurmAccounting::isFinal(const QString &state)
{
    static const QStringList notYet = {
        QStringLiteral("PENDING"),  QStringLiteral("RUNNING"),   QStringLiteral("SUSPENDED"),
        QStringLiteral("REQUEUED"), QStringLiteral("RESIZING"),  QStringLiteral("COMPLETING"),
        QStringLiteral("REQUEUE_FED"), QStringLiteral("REQUEUE_HOLD"), QStringLiteral("SIGNALING"),
        QStringLiteral("STAGE_OUT"), QStringLiteral("STOPPED"),
    };
    return !state.isEmpty() && !notYet.contains(state);
}

} // namespace procdeck
