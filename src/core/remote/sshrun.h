#pragma once

#include "process/helperprocess.h"
#include "process/remoterun.h"
#include "types/sshlogin.h"

namespace procdeck {

/// A job run on an ssh login, as GNU parallel's -S does: `ssh [options] [user@]host 'wrapper'`.
/// ssh runs in batch mode (a password prompt would hang), with a connect timeout and keep-alives,
/// and without a terminal (no -tt: stdout and stderr stay apart). On the remote side a small
/// perl wrapper (perl is what GNU parallel needs there too) runs the command in a process group
/// of its own, every process of it marked (PROCDECK_REMOTE=<run id>:<tree id>), and ends the
/// group and the marked processes (SIGTERM, SIGKILL after 2 s) when its ssh connection goes
/// away: a kill, a timeout, a quit or the guardian ends the local ssh, and nothing stays
/// running there. Pausing is SIGSTOP/SIGCONT to the marked processes there, by a second ssh
/// (SIGSTOP to the local ssh would stop ssh, not the job).
class SshRun final : public RemoteRun
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshRun)

public:
    explicit SshRun(SshLogin login, QObject *parent = nullptr);

    QString executorKey() const override;
    QString host() const override { return m_login.hostName(); }
    QString parallelLogin() const override { return m_login.parallelText(); }
    JobSpec localCommand(const JobSpec &spec, int treeId) override;
    bool pausesItself() const override { return true; }
    void requestSuspended(bool suspended) override;
    bool suspendWanted() const override { return m_wanted; }

    /// The ssh options ProcDeck adds before the host: BatchMode, ConnectTimeout, ServerAlive….
    static QStringList sshOptions();
    /// The login's ssh command and those options, shell text (rsync's -e, parallel's commands).
    static QString sshText(const SshLogin &login);
    /// The command line the remote login shell is given for `spec`, its processes marked with
    /// `marker`.
    static QString remoteLine(const JobSpec &spec, const QString &marker);
    /// The wrapper's arguments in remoteLine(), unquoted: the marker, `env K=V…` when the spec
    /// sets any, then the command's argv (`/bin/sh -c LINE` for a shell command).
    static QStringList wrapperWords(const JobSpec &spec, const QString &marker);
    /// `line` for the login's shell as words that no shell changes, however many read them on
    /// the way (an `eval ssh` --ssh, an ssh through another host): perl there decodes it and
    /// hands it to /bin/sh. GNU parallel carries its commands so (its bug #61894): hex, in words
    /// of at most 1000 characters (csh's limit).
    static QString carried(const QString &line);
    /// ssh's own failure (exit status 255) is told by its message.
    static bool isSshError(const QString &line);

protected:
    QString failureReason(int exitCode, const QString &stderrText) const override;
    int signalFromStderr(int exitCode, const QString &stderrText) const override;

private:
    void askNext();
    void onSignalled(const HelperResult &result);

    const SshLogin m_login;
    QString m_marker;          ///< PROCDECK_REMOTE's value for this start
    HelperProcess m_signaller; ///< the ssh that stops or continues the job there
    bool m_wanted = false;     ///< paused, as last asked
    bool m_suspended = false;  ///< paused, as done
    bool m_asking = false;     ///< what the signaller on its way asks for
};

} // namespace procdeck
