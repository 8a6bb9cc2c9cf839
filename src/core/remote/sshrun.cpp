#include "sshrun.h"

#include "sshfiles.h"
#include "sshstdincommand.h"
#include "process/session.h"
#include "types/rawbytes.h"
#include "types/runon.h"

namespace procdeck {

namespace {

/// Finds the processes whose environment holds PROCDECK_REMOTE=$m (the job's marker on the
/// host, as PROCDECK_JOB is here) and sends them signal $g (0: counts the living). One pass
/// over /proc, the processes we may read.
const char kSweep[] =
    "sub sweep{my $g=shift;my $n=0;opendir(my $d,'/proc')||return 0;"
    "for my $q(readdir $d){next unless $q=~/^\\d+$/&&$q!=$$;"
    "open(my $f,'<',\"/proc/$q/environ\")||next;local $/;my $e=<$f>;"
    "next unless defined $e&&\"\\0$e\"=~/\\0PROCDECK_REMOTE=\\Q$m\\E\\0/;$n++ if kill($g,$q)}$n}";

/// Runs its arguments after the marker (argv, no shell) in a new process group, every process
/// of it marked (PROCDECK_REMOTE), and waits. When its parent (the ssh session) goes away
/// before the command ended: SIGTERM and SIGCONT to the group and the marked processes
/// (escapees: setsid, double forks), SIGKILL once they are gone or after 2 s. When the command
/// ends, what is left of its group and its marked processes is killed at once, as ProcDeck does
/// locally; they would hold the session open. The exit status is the command's; for a signal,
/// 128 + N and a last line on stderr that says N. Polls its parent every 1 ms at first, then
/// less often, up to 0.5 s: GNU parallel's approach. A parent that is already init (the
/// connection went before the wrapper looked) counts as gone.
const char kWrapper[] =
    "$m=shift;$SIG{CHLD}=sub{};$pp=getppid;$p=fork;"
    "if(!defined $p){print STDERR \"procdeck: fork: $!\\n\";exit 255}"
    "if(!$p){setpgrp;$ENV{PROCDECK_REMOTE}=$m;exec {$ARGV[0]} @ARGV;"
    "print STDERR \"procdeck: cannot run $ARGV[0]: $!\\n\";exit 127}"
    // Its end, not a SIGCHLD: a pause's SIGSTOP and SIGCONT send one too.
    "sub done{if(!$d&&waitpid($p,1)==$p){$d=1;$r=$?}$d}"
    "$s=0.001;until(done()||getppid!=$pp||$pp==1){"
    "select(undef,undef,undef,$s);$s=$s<0.5?$s*1.5:0.5}"
    "unless($d){for('TERM','CONT'){kill($_,-$p);sweep($_)}"
    "for(1..20){last if done()&&!sweep(0);select(undef,undef,undef,0.1)}"
    "kill('KILL',-$p);sweep('KILL');$r=$? if !$d&&waitpid($p,0)==$p}"
    "kill('KILL',-$p);sweep('KILL');"
    "if($r&127){print STDERR 'procdeck: ended by signal ',$r&127,\"\\n\";exit 128+($r&127)}"
    "exit($r>>8)";

/// Sends the signal of its second argument to the processes marked with its first: how a job
/// there is paused and continued. Exits 1 when it found none.
const char kSignalMarked[] = "($m,$g)=@ARGV;exit(sweep($g)?0:1)";

QString perlLine(const char *script)
{
    return QStringLiteral("exec perl -e %1 --")
        .arg(shellQuote(QString::fromLatin1(kSweep) + QString::fromLatin1(script)));
}

constexpr int kConnectTimeoutS = 10;
constexpr int kServerAliveIntervalS = 5;

} // namespace

SshRun::SshRun(SshLogin login, QObject *parent) : RemoteRun(parent), m_login(std::move(login))
{
    connect(&m_signaller, &HelperProcess::finished, this, &SshRun::onSignalled);
}

QString SshRun::executorKey() const
{
    return executor::ssh();
}

QStringList SshRun::sshOptions()
{
    return {
        QStringLiteral("-T"), // never a terminal: it would merge stderr into stdout
        QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
        QStringLiteral("-o"), QStringLiteral("ConnectTimeout=%1").arg(kConnectTimeoutS),
        QStringLiteral("-o"), QStringLiteral("ServerAliveInterval=%1").arg(kServerAliveIntervalS),
        QStringLiteral("-o"), QStringLiteral("ServerAliveCountMax=3")
    };
}

QStringList SshRun::wrapperWords(const JobSpec &spec, const QString &marker)
{
    QStringList words{marker};
    if (!spec.environment.isEmpty())
        words << QStringLiteral("env") << spec.environment;
    if (spec.useShell)
        words << QStringLiteral("/bin/sh") << QStringLiteral("-c") << spec.shellCommand;
    else
        words << spec.program << spec.arguments;
    return words;
}

QString SshRun::remoteLine(const JobSpec &spec, const QString &marker)
{
    QStringList words{perlLine(kWrapper)};
    for (const QString &word : wrapperWords(spec, marker))
        words << shellQuote(word);
    return words.join(QLatin1Char(' '));
}

QString SshRun::sshText(const SshLogin &login)
{
    return login.sshCommand + QLatin1Char(' ') + sshOptions().join(QLatin1Char(' '));
}

JobSpec SshRun::localCommand(const JobSpec &spec, int treeId)
{
    m_marker = QStringLiteral("%1:%2").arg(session::id()).arg(treeId);
    m_suspended = m_wanted = false;
    // GNU parallel's variables of the login (its {sshlogin} and {host} read them).
    JobSpec there = spec;
    there.environment.removeIf([](const QString &entry) {
        return entry.startsWith(QLatin1String("PARALLEL_SSHLOGIN="))
                || entry.startsWith(QLatin1String("PARALLEL_SSHHOST="));
    });
    there.environment << QStringLiteral("PARALLEL_SSHLOGIN=") + m_login.parallelText()
                      << QStringLiteral("PARALLEL_SSHHOST=") + m_login.hostName();
    const QString changeDir = sshfiles::changeDir(spec.remoteFiles);
    QString line = carried(changeDir + remoteLine(there, m_marker));
    QStringList feed; // a command too long for ssh's command line: its words, hex
    if (line.size() > sshstdincommand::kCommandLineAtMost) {
        const QStringList words = QStringList{changeDir + perlLine(kWrapper)
                                              + QStringLiteral(" \"$@\"")}
                + wrapperWords(there, m_marker);
        const sshstdincommand::Carried c = sshstdincommand::carry(
                words, rawbytes::toBytes(spec.commandLine()).size(), m_login.hostName());
        line = carried(c.readerLine);
        feed = c.hexWords;
    }
    JobSpec local = spec;
    local.useShell = false;
    local.shellCommand.clear();
    local.environment.clear(); // they are the remote command's (env K=V there)
    if (spec.remoteFiles.isEmpty() && feed.isEmpty()) {
        QStringList argv = m_login.sshArgv(sshOptions() + QStringList{m_login.host, line});
        local.program = argv.takeFirst();
        local.arguments = argv;
        return local;
    }
    // --transfer, --return, --cleanup: GNU parallel's rsync and ssh commands around the ssh,
    // one shell line. The job's command, shown and exported, stays what it was.
    const QString ssh = sshText(m_login);
    QString sshLine = ssh + QLatin1Char(' ') + m_login.host + QLatin1Char(' ') + line;
    if (!feed.isEmpty())
        sshLine.prepend(sshstdincommand::localFeeder());
    local.program = QStringLiteral("/bin/sh");
    local.arguments = QStringList{QStringLiteral("-c"),
                                  spec.remoteFiles.isEmpty()
                                          ? sshLine
                                          : sshfiles::wrap(ssh, m_login.host, spec.remoteFiles,
                                                           sshLine)};
    if (!feed.isEmpty())
        local.arguments << QStringLiteral("sh") << feed;
    return local;
}

QString SshRun::carried(const QString &line)
{
    QByteArray text = rawbytes::toBytes(line);
    text.replace('\\', "\\\\").replace('\'', "\\'");
    const QByteArray hex = QByteArray("exec'/bin/sh','-c','" + text + "'").toHex();
    // The exact count: parallel's q/H10000000/ unpacks 5 MB (its code ends in a '#' for the
    // NULs): 20 starts took 2.4 s against 0.66 s here. No '*', which a shell on the way could glob.
    QByteArray words = "exec perl -X -e procdeck_remote,eval+pack+q/H"
        + QByteArray::number(hex.size()) + "/,join+q//,@ARGV";
    for (qsizetype at = 0; at < hex.size(); at += 1000)
        words += ' ' + hex.mid(at, 1000);
    return QString::fromLatin1(words);
}

bool SshRun::isSshError(const QString &line)
{
    return line.startsWith(QLatin1String("ssh:"))
            || line.contains(QLatin1String("Permission denied"))
            || line.contains(QLatin1String("Host key verification failed"))
            || line.startsWith(QLatin1String("kex_exchange_identification"))
            || line.startsWith(QLatin1String("Connection closed by"))
            || line.startsWith(QLatin1String("Connection timed out"));
}

QString SshRun::failureReason(int exitCode, const QString &stderrText) const
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString last = lines.isEmpty() ? QString() : lines.last().trimmed();
    if (exitCode == 255 && !sshstdincommand::tooLongLine(stderrText).isEmpty())
        return sshstdincommand::tooLongLine(stderrText); // the host's kernel refused it
    if (exitCode != 255 || !isSshError(last))
        return {};
    return QStringLiteral("ssh to %1 failed: %2").arg(m_login.host, last); // not its options
}

int SshRun::signalFromStderr(int exitCode, const QString &stderrText) const
{
    // The wrapper's last line, for the 128 + N it exited with.
    const int signal = exitCode - 128;
    const QString said = QStringLiteral("procdeck: ended by signal %1\n").arg(signal);
    return signal > 0 && signal < 65 && stderrText.endsWith(said) ? signal : 0;
}

void SshRun::requestSuspended(bool suspended)
{
    m_wanted = suspended;
    if (!m_signaller.isRunning())
        askNext();
}

void SshRun::askNext()
{
    if (m_wanted == m_suspended || m_marker.isEmpty())
        return;
    m_asking = m_wanted;
    const QString line = perlLine(kSignalMarked) + QLatin1Char(' ') + shellQuote(m_marker)
        + (m_asking ? QStringLiteral(" STOP") : QStringLiteral(" CONT"));
    QStringList argv = m_login.sshArgv(sshOptions() + QStringList{m_login.host, carried(line)});
    const QString program = argv.takeFirst();
    m_signaller.start(program, argv);
}

void SshRun::onSignalled(const HelperResult &result)
{
    if (result.succeeded()) {
        m_suspended = m_asking;
        emit suspendedChanged(m_suspended);
    } else {
        m_wanted = m_suspended; // as it was: a refused pause leaves the job running
        QString why = result.error.isEmpty() ? QString::fromLocal8Bit(result.err).trimmed()
                                             : result.error;
        if (why.isEmpty())
            why = QStringLiteral("nothing of the job found there");
        const QString verb = m_asking ? QStringLiteral("pause") : QStringLiteral("resume");
        emit suspendRefused(QStringLiteral("%1 on %2: %3").arg(verb, m_login.host, why));
    }
    askNext();
}

} // namespace procdeck
