#include "haltpolicy.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace procdeck {

namespace {

bool fail(const QString &text, QString *error)
{
    *error = QStringLiteral("--halt: expected never, now|soon,fail|success|done=N or =P%, or 0, 1, "
                            "2, -1, -2, P%; "
                            "not '%1'")
                     .arg(text);
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
    if (text.endsWith(QLatin1Char('%'))
        && !text.contains(QLatin1Char(','))) { // legacy 1-99%: soon,fail=P%
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
    p.why = why == QLatin1String("fail")      ? Why::Fail
            : why == QLatin1String("success") ? Why::Success
                                              : Why::Done;
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
    const double needed = percent > 0 ? double(total) * (percent / 100.0) : double(count);
    return double(counted) >= needed;
}

int HaltPolicy::exitStatusHalted(int failed, int total, int triggerStatus) const
{
    if (why == Why::Success)
        return 0;
    // parallel: a threshold of exactly one job (fail=1, or fail=10% of 10 jobs) exits with the
    // halting job's own status; its share computed as parallel does, total × (P / 100).
    const double needed = percent > 0 ? double(total) * (percent / 100.0) : double(count);
    if (needed == 1.0)
        return triggerStatus;
    if (percent > 0)
        return int(std::ceil(double(failed) / double(qMax(1, total)) * 100.0));
    return qMin(failed, 101);
}

int HaltPolicy::exitStatusNotHalted(int failed, int started) const
{
    if (percent > 0)
        return int(std::ceil(double(failed) / double(qMax(1, started)) * 100.0));
    return qMin(failed, 101);
}

QString HaltPolicy::describe() const
{
    if (!isActive())
        return QCoreApplication::translate("procdeck::HaltPolicy", "never: every job runs");
    // [why][now, soon]: whole sentences, so that each language orders its own words.
    static const char *const kByCount[3][2] = {
        {QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "stop everything after %n failure(s)"),
         QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "start no more jobs after %n failure(s)")},
        {QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "stop everything after %n success(es)"),
         QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "start no more jobs after %n success(es)")},
        {QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "stop everything after %n job(s) ended"),
         QT_TRANSLATE_N_NOOP("procdeck::HaltPolicy", "start no more jobs after %n job(s) ended")}};
    static const char *const kByShare[3][2] = {
        {QT_TRANSLATE_NOOP("procdeck::HaltPolicy", "stop everything once %1 % of the jobs failed"),
         QT_TRANSLATE_NOOP("procdeck::HaltPolicy",
                           "start no more jobs once %1 % of the jobs failed")},
        {QT_TRANSLATE_NOOP("procdeck::HaltPolicy",
                           "stop everything once %1 % of the jobs succeeded"),
         QT_TRANSLATE_NOOP("procdeck::HaltPolicy",
                           "start no more jobs once %1 % of the jobs succeeded")},
        {QT_TRANSLATE_NOOP("procdeck::HaltPolicy", "stop everything once %1 % of the jobs ended"),
         QT_TRANSLATE_NOOP("procdeck::HaltPolicy",
                           "start no more jobs once %1 % of the jobs ended")}};
    const int w = int(why);
    const int soon = when == When::Soon ? 1 : 0;
    if (percent > 0)
        return QCoreApplication::translate("procdeck::HaltPolicy", kByShare[w][soon])
            .arg(QLocale().toString(percent));
    return QCoreApplication::translate("procdeck::HaltPolicy", kByCount[w][soon], nullptr, count);
}

QString HaltPolicy::reason(int failed, int succeeded) const
{
    QString what;
    switch (why) {
    case Why::Fail:
        what = QCoreApplication::translate("procdeck::HaltPolicy", "%n job(s) failed", nullptr,
                                           failed);
        break;
    case Why::Success:
        what = QCoreApplication::translate("procdeck::HaltPolicy", "%n job(s) succeeded", nullptr,
                                           succeeded);
        break;
    case Why::Done:
        what = QCoreApplication::translate("procdeck::HaltPolicy", "%n job(s) ended", nullptr,
                                           failed + succeeded);
        break;
    }
    const QString then = when == When::Now
        ? QCoreApplication::translate("procdeck::HaltPolicy",
                                      "its running jobs were stopped and nothing more started")
        : QCoreApplication::translate("procdeck::HaltPolicy",
                                      "nothing more started, its running jobs went on");
    //: %1 says what happened ("1 job failed"), %2 is GNU parallel's spelling ("now,fail=1")
    return QCoreApplication::translate("procdeck::HaltPolicy", "halted: %1 (--halt %2); %3")
        .arg(what, spelling, then);
}

} // namespace procdeck
