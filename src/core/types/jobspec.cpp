#include "jobspec.h"

#include <QRegularExpression>

namespace procdeck {

QString timeoutActionKey(TimeoutAction a)
{
    return a == TimeoutAction::Mark ? QStringLiteral("mark") : QStringLiteral("kill");
}

bool timeoutActionFromKey(const QString &key, TimeoutAction *out)
{
    if (key == QLatin1String("kill")) {
        *out = TimeoutAction::Kill;
        return true;
    }
    if (key == QLatin1String("mark")) {
        *out = TimeoutAction::Mark;
        return true;
    }
    return false;
}

QString shellQuote(const QString &arg)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(arg).hasMatch())
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\"'\"'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString JobSpec::commandLine() const
{
    if (useShell)
        return shellCommand;
    QStringList parts{shellQuote(program)};
    for (const QString &a : arguments)
        parts << shellQuote(a);
    return parts.join(QLatin1Char(' '));
}

QString JobSpec::displayName() const
{
    return label.isEmpty() ? commandLine() : label;
}

QString JobSpec::validate() const
{
    if (useShell ? shellCommand.trimmed().isEmpty() : program.isEmpty())
        return QStringLiteral("empty command");
    for (const QString &e : environment) {
        const qsizetype eq = e.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return QStringLiteral("environment entry is not KEY=VALUE: '%1'").arg(e);
    }
    if (timeoutSeconds < 0)
        return QStringLiteral("timeout must not be negative: %1").arg(timeoutSeconds);
    if (nice < -20 || nice > 19)
        return QStringLiteral("nice must be from -20 to 19: %1").arg(nice);
    if (retries < 0)
        return QStringLiteral("retries must not be negative: %1").arg(retries);
    if (retryDelaySeconds < 0)
        return QStringLiteral("retry delay must not be negative: %1").arg(retryDelaySeconds);
    if (graceSeconds < 0)
        return QStringLiteral("grace period must not be negative: %1").arg(graceSeconds);
    return {};
}

bool operator==(const JobSpec &a, const JobSpec &b)
{
    return a.useShell == b.useShell && a.shellCommand == b.shellCommand && a.program == b.program
        && a.arguments == b.arguments && a.workingDirectory == b.workingDirectory
        && a.environment == b.environment && a.standardInput == b.standardInput
        && a.standardInputFile == b.standardInputFile && a.timeoutSeconds == b.timeoutSeconds
        && a.timeoutAction == b.timeoutAction && a.graceSeconds == b.graceSeconds
        && a.encoding == b.encoding && a.label == b.label && a.values == b.values
        && a.pty == b.pty && a.nice == b.nice
        && a.retries == b.retries && a.retryDelaySeconds == b.retryDelaySeconds && a.id == b.id
        && a.after == b.after && a.afterSuccess == b.afterSuccess && a.slotAt == b.slotAt
        && a.remoteFiles == b.remoteFiles && a.onLogin == b.onLogin;
}

JobSpec JobSpec::withSlot(int slot) const
{
    JobSpec s = *this;
    const QString number = QString::number(slot);
    // From the last: the offsets before it stay true.
    for (auto it = slotAt.crbegin(); it != slotAt.crend(); ++it)
        s.shellCommand.replace(*it, 3, number);
    s.slotAt.clear();
    // GNU parallel's $PARALLEL_JOBSLOT: an entry without its value is given the slot too.
    for (QString &entry : s.environment)
        if (entry == QLatin1String("PARALLEL_JOBSLOT="))
            entry += number;
    return s;
}

} // namespace procdeck
