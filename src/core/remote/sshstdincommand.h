#pragma once

#include <QString>
#include <QStringList>

namespace procdeck::sshstdincommand {

/// The longest remote line (SshRun::carried()'s words) sent as ssh's command. sshd gives the
/// login shell the whole command as one argument (`$SHELL -c LINE`), which Linux caps at 128 KiB
/// (MAX_ARG_STRLEN): carried as hex, commands of ~64 KiB and more would not reach the host.
/// Lines up to this go as they did; longer ones go on standard input (carry()).
constexpr qsizetype kCommandLineAtMost = 120000;

/// A command carried on the job's standard input: a short remote line reads it, then hands the
/// rest of standard input to the command.
struct Carried {
    QString readerLine;   ///< the shell line for the login (to carry): perl reads the words
    QStringList hexWords; ///< the words, hex, for localFeeder()'s "$@"
};

/// `words` (their bytes, NUL after each) travel first on standard input; there the first runs
/// as a /bin/sh line with the others as "$@". Where the host's kernel refuses the command
/// (E2BIG: the remote's own limit), the job ends with exit status 255 and one line on stderr,
/// `procdeck: the command (N bytes) is too long for HOST: …` (tooLongLine()). `commandBytes`
/// and `host` are for that line.
Carried carry(const QStringList &words, qsizetype commandBytes, const QString &host);

/// Shell text to put before the ssh command (`… | ssh …`) in a /bin/sh -c whose "$@" are
/// Carried::hexWords: perl prints the words, then cat passes the job's own standard input on.
QString localFeeder();

/// The line carry()'s reader printed on stderr when the host refused the command, without its
/// `procdeck: `; empty when the last line of `stderrText` is not it.
QString tooLongLine(const QString &stderrText);

} // namespace procdeck::sshstdincommand
