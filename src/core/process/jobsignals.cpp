#include "jobsignals.h"

#include "job.h"
#include "processgroup.h"

#include <cerrno>
#include <csignal>
#include <cstring>

namespace procdeck {

const QList<int> &JobSignals::offered()
{
    static const QList<int> list{SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGKILL,
                                 SIGUSR1, SIGUSR2, SIGSTOP, SIGCONT, SIGWINCH};
    return list;
}

bool JobSignals::parse(const QString &text, int *sig, QString *error)
{
    const QString t = text.trimmed();
    bool isNumber = false;
    const int n = t.toInt(&isNumber);
    if (isNumber) {
        if (n >= 1 && n <= SIGRTMAX) {
            *sig = n;
            return true;
        }
        *error = tr("no signal has the number %1 (1 to %2)").arg(n).arg(SIGRTMAX);
        return false;
    }
    const QString name = t.toUpper().startsWith(QLatin1String("SIG")) ? t.toUpper().mid(3)
                                                                       : t.toUpper();
    for (int s = 1; s <= SIGRTMAX; ++s) {
        const char *abbrev = sigabbrev_np(s);
        if (abbrev && !name.isEmpty() && name == QLatin1String(abbrev)) {
            *sig = s;
            return true;
        }
    }
    *error = tr("not a signal: '%1' (a name such as USR1 or SIGHUP, or a number)").arg(t);
    return false;
}

QString JobSignals::describe(int sig)
{
    const QString name = processgroup::signalName(sig);
    const char *meaning = ::strsignal(sig);
    return meaning ? QStringLiteral("%1 (%2)").arg(name, QString::fromLocal8Bit(meaning)) : name;
}

QString JobSignals::send(Job *job, int sig, RemoteRun::Refused later)
{
    if (job->state() == JobState::Queued)
        return tr("job %1 has not started: there is no process to signal").arg(job->seq());
    if (!isAlive(job->state()))
        return tr("job %1 has ended").arg(job->seq());
    // ssh and srun would take the signal themselves, not the command on the far side; the
    // engine sends it to the tree of a job it runs, by this same policy there.
    if (job->remote() && sig != SIGSTOP && sig != SIGCONT) {
        if (job->remote()->forwardSignal(sig, std::move(later)))
            return {};
        return tr("job %1 runs on %2: ProcDeck can pause, resume and kill it there, not send it "
                  "%3")
                .arg(job->seq())
                .arg(job->remote()->host(), processgroup::signalName(sig));
    }
    if (sig == SIGSTOP && job->state() == JobState::Running)
        return job->pause() ? QString()
                            : tr("job %1 is being killed: it cannot be stopped").arg(job->seq());
    if (sig == SIGCONT && job->state() == JobState::Paused)
        return job->resume() ? QString() : tr("job %1 could not be resumed").arg(job->seq());
    if (job->pid() <= 0 || !job->signalTree(sig))
        return tr("job %1's processes have ended").arg(job->seq());
    return {};
}

QString JobSignals::sendToProcess(Job *job, qint64 pid, int sig)
{
    if (!isAlive(job->state()) || job->shownPid() <= 0)
        return tr("job %1 has ended").arg(job->seq());
    // The engine's jobs run here, under this user: their processes are ours to signal.
    if (job->remote() && job->remote()->leaderPidHere() <= 0)
        return tr("job %1 runs on %2: its processes there are not signalled from here")
                .arg(job->seq())
                .arg(job->remote()->host());
    if (pid <= 1)
        return tr("process %1 is not one of job %2's").arg(pid).arg(job->seq());
    if (::kill(pid_t(pid), sig) != 0) {
        const int error = errno;
        return error == ESRCH ? tr("process %1 has ended").arg(pid)
                              : tr("process %1: %2").arg(pid).arg(
                                        QString::fromLocal8Bit(::strerror(error)));
    }
    return {};
}

} // namespace procdeck
