#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {

/// One of GNU parallel's sshlogins: `[N/]SSHLOGIN`, where SSHLOGIN is `[ssh command [options]]
/// [user@]host` or `:` for this computer. A plain value, compared whole in tests.
struct SshLogin {
    int slotCount = 0; ///< N/ as given; 0: as many as the host has CPUs (asked once)
    /// The ssh command and its options as a shell reads them ("ssh -p 2222", "eval ssh -o 'A b'"):
    /// GNU parallel hands it to a shell, and so does sshArgv(). The login's own, else --ssh's or
    /// $PARALLEL_SSH's, else "ssh"; empty for `:`.
    QString sshCommand;
    bool ownSsh = false; ///< the login wrote its own ssh command (parallelText() shows it)
    QString host;        ///< `[user@]host` as written; empty for `:`

    bool isLocal() const { return host.isEmpty(); }
    /// The login whole, without N/: "ssh -p 2222 me@build1", or ":". parse() reads it back.
    QString text() const;
    /// The login as GNU parallel writes it in $PARALLEL_SSHLOGIN, {sshlogin} and the joblog's
    /// Host: ":", or `[ssh command ][user@]host` with the ssh command only when the login
    /// wrote its own.
    QString parallelText() const;
    /// The host name alone (no user@): what the Host column, the exports' `host` and
    /// $PARALLEL_SSHHOST show.
    QString hostName() const;
    /// The program (first) and arguments that run the ssh command with `args` after it. A
    /// command of plain words runs as they are; one that needs a shell (quotes, `eval`, a pipe)
    /// runs through /bin/sh as GNU parallel runs it, `args` given as "$@".
    QStringList sshArgv(const QStringList &args) const;

    /// Reads one `[N/]SSHLOGIN`. False with a one-line *error for an empty login, a bad N, or
    /// a command with no host after it. A login that names no ssh command gets `defaultSsh`
    /// (GNU parallel's --ssh or $PARALLEL_SSH, shell text), or `ssh` when that is empty.
    static bool parse(const QString &text, SshLogin *login, QString *error,
                      const QString &defaultSsh = {});
    /// Reads the value of one -S/--sshlogin: logins separated by commas, each as parse() reads it
    /// (GNU parallel's syntax). Appends to *logins.
    static bool parseList(const QString &text, QList<SshLogin> *logins, QString *error,
                          const QString &defaultSsh = {});
    /// Reads logins one a line (an --sshloginfile's text, the Preferences' list); empty lines and
    /// lines starting with '#' are skipped. A problem sets *badLine (from 1) and *error. Appends.
    static bool parseLines(const QString &text, QList<SshLogin> *logins, QString *error,
                           int *badLine, const QString &defaultSsh = {});
    /// Reads an --sshloginfile (parseLines()). Problems name the file and the line.
    static bool readFile(const QString &path, QList<SshLogin> *logins, QString *error,
                         const QString &defaultSsh = {});

    friend bool operator==(const SshLogin &a, const SshLogin &b)
    {
        return a.slotCount == b.slotCount && a.sshCommand == b.sshCommand
                && a.ownSsh == b.ownSsh && a.host == b.host;
    }
    friend bool operator!=(const SshLogin &a, const SshLogin &b) { return !(a == b); }
};

} // namespace procdeck
