#include "processgroup.h"

#include <QDir>
#include <QFile>

#include <csignal>
#include <cstring>
#include <unistd.h>

namespace procdeck::processgroup {

namespace {

/// Reads the state letter and process group from /proc/<pid>/stat. The command name in
/// parentheses may hold spaces and ')' itself, so the fields are read after the last ')'.
bool readStat(const QString &pid, char *state, pid_t *pgrp)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = file.read(1024);
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After the name: state, ppid, pgrp, …
    if (fields.size() < 3 || fields[0].isEmpty())
        return false;
    *state = fields[0].at(0);
    bool ok = false;
    *pgrp = pid_t(fields[2].toInt(&ok));
    return ok;
}

} // namespace

bool signalGroup(pid_t pgid, int sig)
{
    if (pgid <= 1)
        return false; // never signal "every process" (-1) or our own group (0)
    return ::kill(-pgid, sig) == 0;
}

QList<pid_t> livingMembers(pid_t pgid)
{
    QList<pid_t> members;
    if (pgid <= 1 || (::kill(-pgid, 0) != 0 && errno == ESRCH))
        return members; // the cheap answer: nobody in the group at all
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const pid_t pid = pid_t(entry.toInt(&numeric));
        if (!numeric)
            continue;
        char state = 0;
        pid_t pgrp = 0;
        if (readStat(entry, &state, &pgrp) && pgrp == pgid && state != 'Z' && state != 'X')
            members << pid;
    }
    return members;
}

QString signalName(int sig)
{
    if (const char *abbrev = sigabbrev_np(sig))
        return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
    return QStringLiteral("signal %1").arg(sig);
}

void restoreDefaultSignals() noexcept
{
    struct sigaction dflt {};
    dflt.sa_handler = SIG_DFL;
    sigemptyset(&dflt.sa_mask);
    for (int sig = 1; sig < NSIG; ++sig)
        if (sig != SIGKILL && sig != SIGSTOP)
            ::sigaction(sig, &dflt, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

} // namespace procdeck::processgroup
