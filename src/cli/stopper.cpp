#include "stopper.h"

#include "core/process/job.h"
#include "core/process/remoterun.h"
#include "core/process/treekiller.h"
#include "core/scheduling/scheduler.h"

#include <csignal>

using namespace procdeck;

namespace {
constexpr int kPollMs = 20;
} // namespace

Stopper::Stopper(Scheduler *scheduler, std::function<void(const QString &)> say, QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_say(std::move(say))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &Stopper::stopWhenReady);
}

void Stopper::stop(const QString &name)
{
    // The jobs lead groups of their own: the terminal's Ctrl+Z reaches only us. Stop their
    // trees and the queue as the person expects, then ourselves.
    const int paused = m_scheduler->pauseEverything();
    const int ending = TreeKiller::terminatingCount(); // being killed: those cannot be paused
    const QString line =
        QStringLiteral("%1: %2 job(s) paused with their process trees, nothing new starts; ")
            .arg(name)
            .arg(paused);
    if (ending > 0)
        m_say(line + QStringLiteral("%1 job(s) being stopped (SIGTERM sent): stopping once they "
                                    "have had their SIGKILL after the grace period")
                         .arg(ending));
    else
        m_say(line + QStringLiteral("stopping"));
    m_waited.start();
    m_poll.start();
    stopWhenReady();
}

void Stopper::resume()
{
    m_poll.stop();
    m_scheduler->resumeEverything();
}

void Stopper::stopWhenReady()
{
    if (TreeKiller::terminatingCount() > 0)
        return;
    if (remotePauseUnderWay() && !m_waited.hasExpired(kRemotePauseWaitMs))
        return;
    m_poll.stop();
    TreeKiller::sweepNow(); // the SIGKILLs and the paused escapees too, before we stop
    ::raise(SIGSTOP);
}

bool Stopper::remotePauseUnderWay() const
{
    // A Slurm or ssh job is paused by a helper (scontrol, a second ssh) that answers later.
    // Stopped before it has, we would count its pause only from our SIGCONT on, and its timeout
    // would run on meanwhile (issue 23.1).
    for (int i = 0; i < m_scheduler->count(); ++i) {
        const Job *job = m_scheduler->jobAt(i);
        if (job->state() == JobState::Running && job->remote() && job->remote()->pausesItself()
            && job->remote()->suspendWanted())
            return true;
    }
    return false;
}

/// Signals that stop the run: every job is killed, the export still written.
bool Stopper::stopsTheRun(int sig)
{
    return sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
}

/// Every signal whose default action ends the process, but those only a fault raises (SIGSEGV,
/// SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS): none may end procdeck-cli with its jobs
/// left running and no export. A handler, not SIG_IGN: handlers are reset by exec, so the
/// jobs get the default dispositions (`yes | head` must still end by SIGPIPE).
QList<int> Stopper::handledSignals()
{
    QList<int> list { SIGINT,  SIGTERM, SIGHUP,    SIGQUIT, SIGPIPE, SIGUSR1,
                      SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO,   SIGPWR,
                      SIGXCPU, SIGXFSZ, SIGSTKFLT, SIGTSTP, SIGCONT };
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; ++sig)
        list << sig;
    return list;
}
