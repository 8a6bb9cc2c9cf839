#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {

/// One of GNU parallel's sshlogins: `[N/]SSHLOGIN`, where SSHLOGIN is `[ssh command [options]]
/// [user@]host` or `:` for this computer. A plain value, compared whole in tests.
struct SshLogin {
    int slotCount = 0;            ///< N/ as given; 0: as many as the host has CPUs (asked once)
    QStringList
            sshCommand; ///< the ssh program and its options ("ssh", "-p", "2222"); empty for `:`
    QString host;             ///< `[user@]host` as written; empty for `:`

    bool isLocal() const { return host.isEmpty(); }
    /// The login as GNU parallel writes it, without N/: "ssh -p 2222 me@build1", or ":".
    QString text() const;
    /// The host name alone (no user@): what the Host column and the exports' `host` show.
    QString hostName() const;

    /// Reads one `[N/]SSHLOGIN`. False with a one-line *error for an empty login, a bad N, or
    /// a command with no host after it. A login that names no ssh command gets `defaultSsh`
    /// (GNU parallel's --ssh or $PARALLEL_SSH), or `ssh` when that is empty.
    static bool parse(const QString &text, SshLogin *login, QString *error,
                      const QStringList &defaultSsh = {});
    /// Reads the value of one -S/--sshlogin: logins separated by commas, each as parse() reads it
    /// (GNU parallel's syntax). Appends to *logins.
    static bool parseList(const QString &text, QList<SshLogin> *logins, QString *error,
                          const QStringList &defaultSsh = {});
    /// Reads logins one a line (an --sshloginfile's text, the Preferences' list); empty lines and
    /// lines starting with '#' are skipped. A problem sets *badLine (from 1) and *error. Appends.
    static bool parseLines(const QString &text, QList<SshLogin> *logins, QString *error,
                           int *badLine, const QStringList &defaultSsh = {});
    /// Reads an --sshloginfile (parseLines()). Problems name the file and the line.
    static bool readFile(const QString &path, QList<SshLogin> *logins, QString *error,
                         const QStringList &defaultSsh = {});

    friend bool operator==(const SshLogin &a, const SshLogin &b)
    {
        return a.slotCount == b.slotCount && a.sshCommand == b.sshCommand && a.host == b.host;
    }
    friend bool operator!=(const SshLogin &a, const SshLogin &b) { return !(a == b); }
};

} // namespace procdeck
