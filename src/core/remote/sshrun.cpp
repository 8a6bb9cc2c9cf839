#include "sshrun.h"

#include "types/runon.h"

namespace procdeck {

namespace {

/// Runs its arguments (argv, no shell) in a new process group and waits; when its parent (the
/// ssh session) goes away before the command ended, SIGTERM to the group, SIGKILL after 2 s.
/// When the command ends, what it left in its group is killed, as ProcDeck does locally. The exit
/// status is the command's, or 128 + the signal that ended it. Polls its parent every 1 ms at
/// first, then less often, up to 0.5 s: GNU parallel's approach, on one line. A parent that is
/// already init (the connection went before the wrapper looked) counts as gone.
const char kWrapper[] =
    "$SIG{CHLD}=sub{$d=1};$pp=getppid;$p=fork;"
    "if(!defined $p){print STDERR \"procdeck: fork: $!\\n\";exit 255}"
    "if(!$p){setpgrp;exec {$ARGV[0]} @ARGV;print STDERR \"procdeck: cannot run $ARGV[0]: $!\\n\";exit 127}"
    "$s=0.001;until($d||getppid!=$pp||$pp==1){select(undef,undef,undef,$s);$s=$s<0.5?$s*1.5:0.5}"
    "unless($d){kill(\"TERM\",-$p);for(1..20){last if $d;select(undef,undef,undef,0.1)}kill(\"KILL\",-$p)}"
    "waitpid($p,0);$r=$?;kill(\"KILL\",-$p);exit($r&127?128+($r&127):$r>>8)";

constexpr int kConnectTimeoutS = 10;
constexpr int kServerAliveIntervalS = 5;

} // namespace

SshRun::SshRun(SshLogin login, QObject *parent) : RemoteRun(parent), m_login(std::move(login)) {}

QString SshRun::executorKey() const
{
    return executor::ssh();
}

QStringList SshRun::sshOptions()
{
    return {QStringLiteral("-T"), // never a terminal: it would merge stderr into stdout
            QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
            QStringLiteral("-o"), QStringLiteral("ConnectTimeout=%1").arg(kConnectTimeoutS),
            QStringLiteral("-o"), QStringLiteral("ServerAliveInterval=%1").arg(kServerAliveIntervalS),
            QStringLiteral("-o"), QStringLiteral("ServerAliveCountMax=3")};
}

QString SshRun::remoteLine(const JobSpec &spec)
{
    QStringList words{QStringLiteral("exec"), QStringLiteral("perl"), QStringLiteral("-e"),
                      shellQuote(QString::fromLatin1(kWrapper)), QStringLiteral("--")};
    if (!spec.environment.isEmpty()) {
        words << QStringLiteral("env");
        for (const QString &entry : spec.environment)
            words << shellQuote(entry);
    }
    if (spec.useShell) {
        words << QStringLiteral("/bin/sh") << QStringLiteral("-c") << shellQuote(spec.shellCommand);
    } else {
        words << shellQuote(spec.program);
        for (const QString &arg : spec.arguments)
            words << shellQuote(arg);
    }
    return words.join(QLatin1Char(' '));
}

JobSpec SshRun::localCommand(const JobSpec &spec, int treeId)
{
    Q_UNUSED(treeId)
    JobSpec local = spec;
    local.useShell = false;
    local.shellCommand.clear();
    local.environment.clear(); // they are the remote command's (env K=V there)
    local.program = m_login.sshCommand.value(0, QStringLiteral("ssh"));
    local.arguments = m_login.sshCommand.mid(1) + sshOptions();
    local.arguments << m_login.host << remoteLine(spec);
    return local;
}

bool SshRun::isSshError(const QString &line)
{
    return line.startsWith(QLatin1String("ssh:")) || line.contains(QLatin1String("Permission denied"))
        || line.contains(QLatin1String("Host key verification failed"))
        || line.startsWith(QLatin1String("kex_exchange_identification"))
        || line.startsWith(QLatin1String("Connection closed by"))
        || line.startsWith(QLatin1String("Connection timed out"));
}

QString SshRun::failureReason(int exitCode, const QString &stderrText) const
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString last = lines.isEmpty() ? QString() : lines.last().trimmed();
    if (exitCode != 255 || !isSshError(last))
        return {};
    return QStringLiteral("ssh to %1 failed: %2").arg(m_login.text(), last);
}

} // namespace procdeck
