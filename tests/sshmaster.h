#pragma once

// One ssh connection to the sshd fixture shared by all the logins of a suite, for the suites that
// log in some hundred times (tst_sshfiles, tst_sshonall): a login through it costs ~0.05 s, where
// a key exchange of its own costs ~0.3 s and seconds under the CI's load.

#include "remotetest.h"

#include <QFile>
#include <QString>

namespace remotetest {

/// An ssh_config in a folder of the suite's: the fixture's, whose logins go through a master
/// connection opened by open(). parallel and procdeck-cli are both given it, so the comparison
/// stays fair. The master is opened here, before any tool runs, not by a job's ssh: ProcDeck is
/// a subreaper and would take a master left behind by a job for one of its leftovers. It ends
/// at close(), or by itself 120 s after its last use when the suite dies first.
class SharedSshConnection
{
public:
    SharedSshConnection() = default;
    SharedSshConnection(const SharedSshConnection &) = delete;
    SharedSshConnection &operator=(const SharedSshConnection &) = delete;
    ~SharedSshConnection() { close(); }

    /// Writes the config into `folder` (a short path: the socket's name must fit in 108 bytes)
    /// and opens the master; false, with ssh's words in *why, when it could not.
    bool open(const QString &fixtureDir, const QString &folder, QString *why)
    {
        QFile fixture(fixtureDir + QStringLiteral("/ssh_config"));
        QFile config(folder + QStringLiteral("/ssh_config"));
        if (!fixture.open(QIODevice::ReadOnly) || !config.open(QIODevice::WriteOnly)) {
            *why = QStringLiteral("cannot copy %1 to %2").arg(fixture.fileName(), config.fileName());
            return false;
        }
        // The first value an ssh_config gives wins: these come before the fixture's hosts.
        // procdeck-a and procdeck-b are the same server: %C names one socket for both.
        config.write("ControlMaster no\nControlPath " + folder.toLocal8Bit() + "/cm-%C\n");
        config.write(fixture.readAll());
        config.close();
        m_config = config.fileName();
        const clitest::Result r = ssh({QStringLiteral("-o"), QStringLiteral("ControlMaster=yes"),
                                       QStringLiteral("-o"), QStringLiteral("ControlPersist=120"),
                                       QStringLiteral("-f"), QStringLiteral("-N")});
        *why = QString::fromLocal8Bit(r.err);
        return r.exitCode == 0;
    }

    /// The config to give ssh with -F.
    QString config() const { return m_config; }

    void close()
    {
        if (!m_config.isEmpty())
            ssh({QStringLiteral("-O"), QStringLiteral("exit")});
        m_config.clear();
    }

private:
    clitest::Result ssh(const QStringList &args) const
    {
        return run(QStringLiteral("ssh"), QStringList{QStringLiteral("-F"), m_config} + args
                                                  + QStringList{QStringLiteral("procdeck-a")});
    }

    QString m_config;
};

} // namespace remotetest
