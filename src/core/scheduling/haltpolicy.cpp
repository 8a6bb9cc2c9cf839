#include "haltpolicy.h"

#include <QRegularExpression>

#include <cmath>

namespace procdeck {

namespace {

bool fail(const QString &text, QString *error)
{
    *error = QStringLiteral("--halt: expected never, now|soon,fail|success|done=N or =P%, or 0, 1, 2, -1, -2, P%; "
                            "not '%1'").arg(text);
    return false;
}

/// "N" (a whole number ≥ 1) or "P%" (0 < P ≤ 100) into the policy.
bool readThreshold(const QString &value, HaltPolicy *p)
{
    bool ok = false;
    if (value.endsWith(QLatin1Char('%'))) {
        const double pct = value.chopped(1).toDouble(&ok);
        if (!ok || !(pct > 0) || pct > 100)
            return false;
        p->percent = pct;
        return true;
    }
    const int n = value.toInt(&ok);
    if (!ok || n < 1)
        return false;
    p->count = n;
    return true;
}

} // namespace

bool HaltPolicy::parse(const QString &given, HaltPolicy *out, QString *error)
{
    const QString text = given.trimmed().toLower();
    HaltPolicy p;
    p.spelling = given.trimmed();
    // The legacy numbers: 1 soon,fail=1; 2 now,fail=1; -1 soon,success=1; -2 now,success=1.
    static const struct {
        const char *text;
        When when;
        Why why;
    } kLegacy[] = {{"1", When::Soon, Why::Fail}, {"2", When::Now, Why::Fail},
                   {"-1", When::Soon, Why::Success}, {"-2", When::Now, Why::Success}};
    if (text == QLatin1String("0") || text == QLatin1String("never")) {
        *out = p;
        return true;
    }
    for (const auto &l : kLegacy) {
        if (text == QLatin1String(l.text)) {
            p.when = l.when;
            p.why = l.why;
            p.count = 1;
            *out = p;
            return true;
        }
    }
    if (text.endsWith(QLatin1Char('%')) && !text.contains(QLatin1Char(','))) { // legacy 1-99%: soon,fail=P%
        p.when = When::Soon;
        if (!readThreshold(text, &p))
            return fail(given, error);
        *out = p;
        return true;
    }
    static const QRegularExpression form(QStringLiteral("^(now|soon),(fail|success|done)=(.+)$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch() || !readThreshold(m.captured(3), &p))
        return fail(given, error);
    p.when = m.captured(1) == QLatin1String("now") ? When::Now : When::Soon;
    const QString why = m.captured(2);
    p.why = why == QLatin1String("fail") ? Why::Fail : why == QLatin1String("success") ? Why::Success : Why::Done;
    *out = p;
    return true;
}

bool HaltPolicy::reached(bool endedJobSucceeded, int failed, int succeeded, int total) const
{
    if (!isActive())
        return false;
    int counted = 0;
    switch (why) {
    case Why::Fail:
        if (endedJobSucceeded)
            return false;
        counted = failed;
        break;
    case Why::Success:
        if (!endedJobSucceeded)
            return false;
        counted = succeeded;
        break;
    case Why::Done:
        counted = failed + succeeded;
        break;
    }
    // parallel: the share of all the jobs, as a fractional count (20 % of 6 jobs is 1.2: 2 needed).
    const double needed = percent > 0 ? double(total) * percent / 100.0 : double(count);
    return double(counted) >= needed;
}

int HaltPolicy::exitStatusHalted(int failed, int total, int triggerStatus) const
{
    if (why == Why::Success)
        return 0;
    if (percent > 0)
        return int(std::ceil(double(failed) / double(qMax(1, total)) * 100.0));
    if (count == 1)
        return triggerStatus; // parallel: the halting job's own status
    return qMin(failed, 101);
}

int HaltPolicy::exitStatusNotHalted(int failed, int started) const
{
    if (percent > 0)
        return int(std::ceil(double(failed) / double(qMax(1, started)) * 100.0));
    return qMin(failed, 101);
}

QString HaltPolicy::reason(int failed, int succeeded) const
{
    QString what;
    switch (why) {
    case Why::Fail: what = QStringLiteral("%1 job(s) failed").arg(failed); break;
    case Why::Success: what = QStringLiteral("%1 job(s) succeeded").arg(succeeded); break;
    case Why::Done: what = QStringLiteral("%1 job(s) ended").arg(failed + succeeded); break;
    }
    return QStringLiteral("halted: %1 (--halt %2); %3")
        .arg(what, spelling,
             when == When::Now ? QStringLiteral("its running jobs were stopped and nothing more started")
                               : QStringLiteral("nothing more started, its running jobs went on"));
}

} // namespace procdeck
