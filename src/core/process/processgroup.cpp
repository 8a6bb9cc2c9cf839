#include "processgroup.h"

#include <csignal>
#include <cstring>
#include <unistd.h>

namespace procdeck::processgroup {

bool signalGroup(pid_t pgid, int sig)
{
    if (pgid <= 1)
        return false; // never signal "every process" (-1) or our own group (0)
    return ::kill(-pgid, sig) == 0;
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
