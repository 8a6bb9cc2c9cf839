#pragma once

#include "process/remoterun.h"
#include "types/sshlogin.h"

namespace procdeck {

/// A job run on an ssh login, as GNU parallel's -S does: `ssh [options] [user@]host 'wrapper'`.
/// ssh runs in batch mode (a password prompt would hang), with a connect timeout and keep-alives,
/// and without a terminal (no -tt: stdout and stderr stay apart). On the remote side a small
/// perl wrapper (perl is what GNU parallel needs there too) runs the command in a process group
/// of its own and ends that group (SIGTERM, SIGKILL after 2 s) when its ssh connection goes away:
/// a kill, a timeout, a quit or the guardian ends the local ssh, and nothing stays running there.
class SshRun final : public RemoteRun
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshRun)

public:
    explicit SshRun(SshLogin login, QObject *parent = nullptr);

    QString executorKey() const override;
    QString host() const override { return m_login.hostName(); }
    JobSpec localCommand(const JobSpec &spec, int treeId) override;

    /// The ssh options ProcDeck adds before the host: BatchMode, ConnectTimeout, ServerAlive….
    static QStringList sshOptions();
    /// The command line the remote login shell is given for `spec`.
    static QString remoteLine(const JobSpec &spec);
    /// ssh's own failure (exit status 255) is told by its message.
    static bool isSshError(const QString &line);

protected:
    QString failureReason(int exitCode, const QString &stderrText) const override;

private:
    const SshLogin m_login;
};

} // namespace procdeck
