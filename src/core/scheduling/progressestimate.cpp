#include "progressestimate.h"

#include <QDateTime>
#include <QString>

#include <algorithm>
#include <utility>

namespace procdeck {

ProgressEstimate::ProgressEstimate(Clock clock) : m_clock(std::move(clock)) { }

ProgressEstimate::Clock ProgressEstimate::systemClock()
{
    return [] { return QDateTime::currentSecsSinceEpoch(); };
}

ProgressEstimate::Reading ProgressEstimate::read(int total, int completed)
{
    Reading r;
    r.completed = completed;
    r.total = std::max(total, completed); // (with -X parallel may complete more than it counted)
    r.left = r.total - completed;
    if (completed == 0)
        return r;
    r.fraction = std::min(double(completed) / r.total, 100.0);
    const qint64 now = m_clock();
    if (m_firstCompleted == 0)
        m_firstCompleted = now;
    r.averageSeconds = double(now - m_firstCompleted) / completed;
    if (m_smoothedAverage == 0) // perl's ||=: a zero average is replaced too
        m_smoothedAverage = r.averageSeconds;
    // Smoothed so that the ETA does not jump about; the more is done, the more the latest counts.
    m_smoothedAverage = (1 - r.fraction) * m_smoothedAverage + r.fraction * r.averageSeconds;
    r.etaSeconds = qint64(r.left * m_smoothedAverage);
    if (r.etaSeconds * 0.90 < m_lastEta && m_lastEta < r.etaSeconds)
        r.etaSeconds = m_lastEta; // up by less than 10 %: the last one holds
    else
        m_lastEta = r.etaSeconds;
    return r;
}

QString ProgressEstimate::timeUnits(qint64 seconds)
{
    const qint64 d = seconds / 86400;
    const qint64 h = seconds % 86400 / 3600;
    const qint64 m = seconds % 3600 / 60;
    const qint64 s = seconds % 60;
    const auto two = [](qint64 n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
    if (d)
        return QStringLiteral("%1d%2h%3m%4s").arg(d).arg(two(h), two(m), two(s));
    if (h)
        return QStringLiteral("%1h%2m%3s").arg(h).arg(two(m), two(s));
    if (m)
        return QStringLiteral("%1m%2s").arg(m).arg(two(s));
    return QStringLiteral("%1s").arg(s);
}

} // namespace procdeck
