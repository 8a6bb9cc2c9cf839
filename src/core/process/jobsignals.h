#pragma once

#include "remoterun.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace procdeck {

class Job;

/// Any signal to a job's whole tree (its group and its marked escapees): which are offered,
/// how a name is read, and what a sent one means for the job (SIGSTOP pauses it, SIGCONT
/// resumes it). The one policy the window and procdeck-cli's `--kill N --signal NAME` ask.
class JobSignals final
{
    Q_DECLARE_TR_FUNCTIONS(JobSignals)

public:
    /// HUP, INT, QUIT, TERM, KILL, USR1, USR2, STOP, CONT, WINCH: the ones offered by name.
    static const QList<int> &offered();
    /// "USR1", "SIGUSR1", "usr1" or "10" (1 to SIGRTMAX). False with *error saying why.
    static bool parse(const QString &text, int *sig, QString *error);
    /// "SIGUSR1 (User defined signal 1)": its name and what the C library calls it.
    static QString describe(int sig);
    /// Sends `sig` to the job's tree now. SIGSTOP pauses it (Paused, its timeout's clock
    /// stopped), SIGCONT resumes a paused one. Returns an empty string when sent, else why not
    /// (queued, ended, being killed, running remotely), a sentence for the person. A job the
    /// user's engine runs gets it there: `later` has the engine's refusal, if it has one.
    static QString send(Job *job, int sig, RemoteRun::Refused later = {});
    /// Sends `sig` to one process of the job's tree (`pid`, as the Processes view lists it:
    /// the sampler read it there within its interval). The job's state is not changed: a
    /// SIGSTOP to one process does not pause the job. Empty when sent, else why not.
    static QString sendToProcess(Job *job, qint64 pid, int sig);
};

} // namespace procdeck
