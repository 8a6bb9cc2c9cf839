#pragma once

#include "process/helperprocess.h"
#include "types/remotefiles.h"
#include "types/sshlogin.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace procdeck {

/// GNU parallel's --basefile for one place's ssh logins: the files copied to every login once,
/// before its first job (all logins at once, each tried up to five times, as parallel's
/// setup_basefile does), and with --cleanup removed from each once the run has ended
/// (cleanup_basefile). Its own commands are parallel 20221122's (remote/sshfiles.h). This
/// computer (`:`) needs no copy.
class HostSetup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSetup)

public:
    enum class State { Copying, Ready, Failed };

    /// `files`: RunOn::baseFiles (transfer: the base files; cleanup; workdir there).
    explicit HostSetup(RemoteFiles files, QObject *parent = nullptr);
    ~HostSetup() override;

    /// Starts the copy to each of `logins` not copied to yet (or since the last finish()).
    void prepare(const QList<SshLogin> &logins);
    State state(const SshLogin &login) const;
    /// Why the copy to `login` failed: parallel's "Copying of --basefile failed: …".
    QString failure(const SshLogin &login) const;
    /// Every job has ended: with cleanup, the files are removed from each login they were
    /// copied to; the next prepare() copies them again.
    void finish();
    /// Copies or removals under way.
    bool busy() const;

signals:
    /// A copy ended (jobs may start there) or the last removal did.
    void changed();

private:
    struct Host {
        SshLogin login;
        State state = State::Copying;
        int tries = 0;
        bool removing = false;
        QString failure;
        std::unique_ptr<HelperProcess> helper;
    };
    void run(Host *host, const QString &line);
    void onEnded(Host *host, const HelperResult &result);

    const RemoteFiles m_files;
    QHash<QString, std::shared_ptr<Host>> m_hosts; ///< by SshLogin::text()
    /// Those finish() removes the files from: kept until the next finish(), as their helpers
    /// end inside their own signal.
    QHash<QString, std::shared_ptr<Host>> m_removing;
};

} // namespace procdeck
