#include "preferences.h"

#include "shellwords.h"

#include <QFileInfo>

namespace procdeck {

Preferences Preferences::load(const QSettings &s)
{
    Preferences p;
    p.maxParallel = qMax(0, s.value(QStringLiteral("defaults/maxParallel"), p.maxParallel).toInt());
    p.timeoutSeconds = qMax(
            0.0, s.value(QStringLiteral("defaults/timeoutSeconds"), p.timeoutSeconds).toDouble());
    if (!timeoutActionFromKey(s.value(QStringLiteral("defaults/timeoutAction")).toString(),
                              &p.timeoutAction))
        p.timeoutAction = TimeoutAction::Kill;
    p.graceSeconds = qMax(
            0.0, s.value(QStringLiteral("defaults/graceSeconds"), p.graceSeconds).toDouble());
    p.encoding = s.value(QStringLiteral("defaults/encoding"), p.encoding).toString();
    p.tailKiB = qBound(16, s.value(QStringLiteral("defaults/tailKiB"), p.tailKiB).toInt(),
                       1024 * 1024);
    p.sampleMs
            = qBound(100, s.value(QStringLiteral("monitor/sampleMs"), p.sampleMs).toInt(), 60000);
    p.idleAfterSeconds = qBound(
            0, s.value(QStringLiteral("monitor/idleAfterSeconds"), p.idleAfterSeconds).toInt(),
            86400);
    p.keepDays = qMax(0, s.value(QStringLiteral("history/keepDays"), p.keepDays).toInt());
    p.keepJobs = qMax(0, s.value(QStringLiteral("history/keepJobs"), p.keepJobs).toInt());
    p.sshLogins = s.value(QStringLiteral("remote/sshLogins")).toString();
    p.slurmArgs = s.value(QStringLiteral("remote/slurmArgs")).toString();
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
    s.setValue(QStringLiteral("monitor/idleAfterSeconds"), idleAfterSeconds);
    s.setValue(QStringLiteral("history/keepDays"), keepDays);
    s.setValue(QStringLiteral("history/keepJobs"), keepJobs);
    s.setValue(QStringLiteral("remote/sshLogins"), sshLogins);
    s.setValue(QStringLiteral("remote/slurmArgs"), slurmArgs);
}

JobSpec Preferences::applyTo(JobSpec spec) const
{
    spec.timeoutSeconds = timeoutSeconds;
    spec.timeoutAction = timeoutAction;
    spec.graceSeconds = graceSeconds;
    spec.encoding = encoding;
    return spec;
}

bool Preferences::runOn(RunOn::Where where, RunOn *out, QString *error) const
{
    RunOn r;
    r.where = where;
    int badLine = 0;
    switch (where) {
    case RunOn::Where::ThisComputer:
        break;
    case RunOn::Where::SshHosts:
        if (!SshLogin::parseLines(sshLogins, &r.sshLogins, error, &badLine)) {
            *error = QStringLiteral("SSH hosts, line %1: %2").arg(badLine).arg(*error);
            return false;
        }
        if (r.sshLogins.isEmpty()) {
            *error = QStringLiteral("no SSH hosts yet: add them in Preferences (one login a line, "
                                    "e.g. 4/ssh -p 2222 me@build1)");
            return false;
        }
        break;
    case RunOn::Where::SlurmCluster:
        if (!slurmReachable()) { // srun would fail on every job: say it before any is sent
            *error = QStringLiteral("the Slurm cluster is not reachable: no %1").arg(slurmConfig());
            return false;
        }
        if (!shellwords::split(slurmArgs, &r.slurmArgs, error)) {
            *error = QStringLiteral("Slurm arguments: %1").arg(*error);
            return false;
        }
        break;
    }
    *out = r;
    return true;
}

bool Preferences::runAgainOn(const QString &executor, const QString &host, RunOn *out) const
{
    QString error;
    if (executor == executor::slurm())
        return runOn(RunOn::Where::SlurmCluster, out, &error);
    if (executor != executor::ssh()) {
        *out = RunOn{};
        return true;
    }
    RunOn all;
    if (!runOn(RunOn::Where::SshHosts, &all, &error))
        return false;
    for (const SshLogin &login : std::as_const(all.sshLogins)) {
        if (!login.isLocal() && login.hostName() == host) {
            all.sshLogins = {login};
            *out = all;
            return true;
        }
    }
    return false;
}

QString Preferences::slurmConfig()
{
    const QString named = qEnvironmentVariable("SLURM_CONF");
    return named.isEmpty() ? QStringLiteral("/etc/slurm/slurm.conf") : named;
}

bool Preferences::slurmReachable()
{
    return QFileInfo::exists(slurmConfig());
}

} // namespace procdeck
