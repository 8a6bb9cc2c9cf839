#include "sshfiles.h"

#include <QRegularExpression>

namespace procdeck::sshfiles {

namespace {

/// A login's commands, built once for a job.
struct Login {
    QString ssh;  ///< the ssh command and its options, a shell line
    QString host; ///< as parallel writes it into its commands: unquoted

    /// parallel's SSHLogin::wrap: the command run there by a shell.
    QString wrap(const QString &command) const
    {
        return ssh + QLatin1Char(' ') + host + QStringLiteral(" -- exec ") + command;
    }
    /// parallel's SSHLogin::rsync. rsync from 3.1 on speaks protocol 31, which older ones there
    /// cannot: parallel asks for 30, and so does this (rsync before 3.1, of 2014, is not
    /// looked for).
    QString rsync() const
    {
        return QStringLiteral("rsync --protocol 30 ")
            + qEnvironmentVariable("PARALLEL_RSYNC_OPTS", QStringLiteral("-rlDzR"))
            + QStringLiteral(" -e") + quote(ssh);
    }
};

/// Perl's s{(.)/*\z}{$1}s: trailing slashes cut, a lone "/" kept.
QString stripTrailingSlashes(QString path)
{
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

/// File::Basename's fileparse on Unix: the folder part (with its '/', "./" when none) and the
/// name.
void fileparse(const QString &path, QString *dir, QString *name)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    *dir = slash < 0 ? QStringLiteral("./") : path.left(slash + 1);
    *name = path.mid(slash + 1);
}

bool isRelative(const QString &path)
{
    return !path.startsWith(QLatin1Char('/')) || path.contains(QLatin1String("/./"));
}

/// parallel's rsync_transfer_cmd: a file that cannot be read is left out with a warning.
QString transferCommand(const Login &login, const QString &file, const QString &workdir)
{
    const QString destdir = isRelative(file) ? quoteFile(workdir) : QStringLiteral("/");
    const QString copy = login.wrap(QStringLiteral("mkdir -p ") + destdir) + QStringLiteral(" && ")
        + login.rsync() + QLatin1Char(' ') + quoteFile(file) + QLatin1Char(' ') + login.host
        + QLatin1Char(':') + destdir;
    // parallel looks as it makes the command, just before the job; the shell looks then too.
    const QString warning = quote(QStringLiteral("procdeck: Warning: %1 is not readable and will "
                                                 "not be transferred.").arg(file));
    return QStringLiteral("if test -r %1; then %2; else echo %3 >&2; fi;")
        .arg(quoteFile(file), copy, warning);
}

/// parallel's sshreturn for one file: rsync's remote side started in the file's folder there,
/// the file copied into the same folder here.
QString returnCommand(const Login &login, QString file, const QString &workdir)
{
    if (file.startsWith(QLatin1String("./")))
        file.remove(0, 2);
    const QString wd = isRelative(file) ? quoteFile(workdir + QLatin1Char('/')) : QString();
    // dir/./file: relative to dir, which is cut there.
    static const QRegularExpression dotDir(QStringLiteral("^(.*)/\\./"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = dotDir.match(file);
    const QString base = m.hasMatch() ? m.captured(1) : QString();
    const QString basedir = base.isEmpty() || base == QLatin1String("0")
            ? QString() : quoteFile(base + QLatin1Char('/'));
    const QString nobasedir = m.hasMatch() ? file.mid(m.capturedEnd()) : file;
    const QString cd = quoteFile(dirname(nobasedir));
    const QString rsyncCd = QStringLiteral("--rsync-path=")
        + quote(QStringLiteral("cd %1%2; rsync").arg(wd, cd));
    return QStringLiteral("mkdir -p %1%2 && %3 %4 -- %5:%6 %1%2;")
        .arg(basedir, cd, login.rsync(), rsyncCd, login.host, quote(quoteFile(basename(file))));
}

/// parallel's cleanup_cmd: the file there, the folders it made that are empty now, the --wd
/// ... folder.
QString cleanupCommand(const Login &login, const QString &file, const RemoteFiles &files)
{
    QString f = file;
    static const QRegularExpression upToDotDir(QStringLiteral("^.*/\\./"),
                                               QRegularExpression::DotMatchesEverythingOption);
    if (f.contains(QLatin1String("/./")))
        f.replace(upToDotDir, files.workdir + QLatin1Char('/'));
    else if (!f.isEmpty() && !f.startsWith(QLatin1Char('/')))
        f = files.workdir + QLatin1Char('/') + f;
    QStringList parts = dirname(f).split(QLatin1Char('/'));
    while (!parts.isEmpty() && parts.last().isEmpty()) // perl's split drops them
        parts.removeLast();
    QStringList rmdir;
    QString dir;
    for (const QString &part : std::as_const(parts)) {
        dir += part + QLatin1Char('/');
        rmdir.prepend(quoteFile(dir));
    }
    QString rest = rmdir.isEmpty() ? QString()
        : QStringLiteral("rmdir %1 2>/dev/null;").arg(rmdir.join(QLatin1Char(' ')));
    if (files.removeWorkdir)
        rest += QStringLiteral("rm -rf %1;").arg(quoteFile(files.workdir));
    const QString rm = QStringLiteral("sh -c ")
        + quote(QStringLiteral("rm -f %1 2>/dev/null;").arg(quoteFile(f)) + rest);
    return login.wrap(quote(rm)) + QLatin1Char(';');
}

} // namespace

QString quote(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^[-_.+a-zA-Z0-9/]*$"));
    if (text.isEmpty())
        return QStringLiteral("''");
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''),
                                                               QLatin1String("'\"'\"'"))
        + QLatin1Char('\'');
    if (quoted.startsWith(QLatin1String("''")))
        quoted.remove(0, 2);
    if (quoted.endsWith(QLatin1String("''")))
        quoted.chop(2);
    return quoted;
}

QString quoteFile(const QString &path)
{
    if (path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1String("./")))
        return quote(path);
    return quote(QStringLiteral("./") + path);
}

QString dirname(const QString &path)
{
    QString dir;
    QString name;
    fileparse(path, &dir, &name);
    dir = stripTrailingSlashes(dir);
    if (name.isEmpty()) {
        fileparse(dir, &dir, &name);
        dir = stripTrailingSlashes(dir);
    }
    return dir;
}

QString basename(const QString &path)
{
    QString dir;
    QString name;
    fileparse(stripTrailingSlashes(path), &dir, &name);
    return name.isEmpty() ? dir : name;
}

QString changeDir(const RemoteFiles &files)
{
    if (!files.changeDir)
        return {};
    const QString wd = quote(files.workdir);
    return QStringLiteral("mkdir -p -- %1; cd -- %1 || exit 255; ").arg(wd);
}

QString baseSetup(const QString &ssh, const QString &host, const RemoteFiles &files)
{
    const Login login{ssh, host};
    QString line;
    for (const QString &file : files.transfer)
        line += transferCommand(login, file, files.workdir);
    return line;
}

QString baseCleanup(const QString &ssh, const QString &host, const RemoteFiles &files)
{
    const Login login{ssh, host};
    QString line;
    for (const QString &file : files.transfer)
        line += cleanupCommand(login, file, files);
    return line;
}

QString wrap(const QString &ssh, const QString &host, const RemoteFiles &files,
             const QString &sshLine)
{
    const Login login{ssh, host};
    QString pre;
    for (const QString &file : files.transfer)
        pre += transferCommand(login, file, files.workdir);
    QString post;
    for (const QString &file : files.returns)
        post += returnCommand(login, file, files.workdir);
    if (files.cleanup)
        for (const QString &file : files.transfer + files.returns)
            post += cleanupCommand(login, file, files);
    if (files.removeWorkdir)
        post += login.wrap(QStringLiteral("rm -rf %1;").arg(quote(files.workdir)));
    if (!post.isEmpty())
        post = QStringLiteral("_EXIT_status=$?; %1exit $_EXIT_status;").arg(post);
    return pre + sshLine + QLatin1Char(';') + post;
}

} // namespace procdeck::sshfiles
