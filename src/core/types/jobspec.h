#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "remotefiles.h"

namespace procdeck {

/// What happens when a job's timeout expires.
enum class TimeoutAction {
    Kill, ///< SIGTERM to the job's process group, SIGKILL after the grace period
    Mark, ///< record the expiry and let it run on (Python's communicate(timeout=…) behaviour)
};

QString timeoutActionKey(TimeoutAction a);                       ///< "kill" or "mark"
bool timeoutActionFromKey(const QString &key, TimeoutAction *out); ///< false for anything else

/// Everything needed to run one command: a plain value, compared whole in tests.
struct JobSpec {
    bool useShell = false;       ///< run shellCommand through /bin/sh -c, else program + arguments
    QString shellCommand;        ///< the line given to /bin/sh -c when useShell
    QString program;             ///< argv[0] when !useShell: a name looked up on PATH, or a path
    QStringList arguments;       ///< argv[1..] when !useShell
    QString workingDirectory;    ///< empty: the launcher's current directory
    QStringList environment; ///< "KEY=VALUE" entries added to (or replacing in) the inherited
                             ///< environment
    QByteArray standardInput;    ///< bytes written to the child's stdin, then closed
    QString standardInputFile;   ///< a file given as stdin instead (takes precedence when set)
    double timeoutSeconds = 0;   ///< 0 = no timeout
    TimeoutAction timeoutAction = TimeoutAction::Kill;
    double graceSeconds = 2;     ///< between SIGTERM and SIGKILL
    QString encoding = QStringLiteral("UTF-8"); ///< how to decode the captured output
    QString label;               ///< shown instead of the command when set
    /// The values a batch or GNU parallel's arguments gave this job (`{}`), to show apart from
    /// the command they went into; empty for a job launched alone. Never run: only shown.
    QStringList values;
    /// Run in a pseudo-terminal (--pty): stdout and stderr (and stdin, when no input is given)
    /// are a terminal with a window size and TERM=xterm-256color; the two streams merge into
    /// stdout.
    bool pty = false;
    /// GNU parallel's --retries: a job that failed, crashed or timed out runs up to this many
    /// times in all (0 and 1: once). Not one killed or cancelled by the person.
    int retries = 0;
    /// GNU parallel's --nice: every process of the job starts at this niceness (added to
    /// ProcDeck's own, 0 as a rule, as parallel's `nice -n`; -20 to 19). 0: ProcDeck's own.
    int nice = 0;
    /// The wait before the second try; doubled for each further try, at most ten times this,
    /// with ±25 % jitter (retrypolicy.h).
    double retryDelaySeconds = 0;
    /// A batch file's name for the job ("id", unique in its file); empty: none.
    QString id;
    /// Start once these have ended, whatever their outcome: ids of jobs of the same batch, or
    /// "#N" for the job numbered N already in the scheduler (the window's "Run after…").
    QStringList after;
    /// Start only once all of these finished with status 0; otherwise end as Skipped.
    QStringList afterSuccess;
    /// Where GNU parallel's {%} stood in shellCommand, which holds it as written there: the
    /// offsets, in order, each of a 3-character `{%}` that becomes the job's slot when it starts
    /// (withSlot()). Empty: the command does not name its slot.
    QList<qsizetype> slotAt;
    /// GNU parallel's --transfer, --return, --cleanup, --wd: what an ssh login's run copies
    /// there and back (remote/sshfiles.h). The command shown and exported stays the job's.
    RemoteFiles remoteFiles;
    /// GNU parallel's --onall: the job runs on this one of its place's ssh logins (an index
    /// into RunOn::sshLogins), whichever others are free; -1: on any.
    int onLogin = -1;

    /// This spec with `slot` (from 1) in place of each {%} that slotAt names; slotAt emptied.
    JobSpec withSlot(int slot) const;
    /// The command as a person would type it: the shell line, or argv joined with quoting.
    QString commandLine() const;
    /// The label when set, else commandLine().
    QString displayName() const;
    /// Checks what can be checked before starting: an empty command, an environment entry
    /// without '=', a negative timeout. Returns an empty string when fine, else a one-line reason.
    QString validate() const;

    friend bool operator==(const JobSpec &a, const JobSpec &b);
    friend bool operator!=(const JobSpec &a, const JobSpec &b) { return !(a == b); }
};

/// Quotes one argument for /bin/sh when it needs it ('it'"'"'s').
QString shellQuote(const QString &arg);

} // namespace procdeck

Q_DECLARE_METATYPE(procdeck::JobSpec)
