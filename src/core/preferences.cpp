#include "preferences.h"

namespace procdeck {

Preferences Preferences::load(const QSettings &s)
{
    Preferences p;
    p.maxParallel = qMax(0, s.value(QStringLiteral("defaults/maxParallel"), p.maxParallel).toInt());
    p.timeoutSeconds = qMax(0.0, s.value(QStringLiteral("defaults/timeoutSeconds"), p.timeoutSeconds).toDouble());
    if (!timeoutActionFromKey(s.value(QStringLiteral("defaults/timeoutAction")).toString(), &p.timeoutAction))
        p.timeoutAction = TimeoutAction::Kill;
    p.graceSeconds = qMax(0.0, s.value(QStringLiteral("defaults/graceSeconds"), p.graceSeconds).toDouble());
    p.encoding = s.value(QStringLiteral("defaults/encoding"), p.encoding).toString();
    p.tailKiB = qBound(16, s.value(QStringLiteral("defaults/tailKiB"), p.tailKiB).toInt(), 1024 * 1024);
    p.sampleMs = qBound(100, s.value(QStringLiteral("monitor/sampleMs"), p.sampleMs).toInt(), 60000);
    p.keepDays = qMax(0, s.value(QStringLiteral("history/keepDays"), p.keepDays).toInt());
    p.keepJobs = qMax(0, s.value(QStringLiteral("history/keepJobs"), p.keepJobs).toInt());
    return p;
}

void Preferences::save(QSettings &s) const
{
    s.setValue(QStringLiteral("defaults/maxParallel"), maxParallel);
    s.setValue(QStringLiteral("defaults/timeoutSeconds"), timeoutSeconds);
    s.setValue(QStringLiteral("defaults/timeoutAction"), timeoutActionKey(timeoutAction));
    s.setValue(QStringLiteral("defaults/graceSeconds"), graceSeconds);
    s.setValue(QStringLiteral("defaults/encoding"), encoding);
    s.setValue(QStringLiteral("defaults/tailKiB"), tailKiB);
    s.setValue(QStringLiteral("monitor/sampleMs"), sampleMs);
    s.setValue(QStringLiteral("history/keepDays"), keepDays);
    s.setValue(QStringLiteral("history/keepJobs"), keepJobs);
}

JobSpec Preferences::applyTo(JobSpec spec) const
{
    spec.timeoutSeconds = timeoutSeconds;
    spec.timeoutAction = timeoutAction;
    spec.graceSeconds = graceSeconds;
    spec.encoding = encoding;
    return spec;
}

} // namespace procdeck
