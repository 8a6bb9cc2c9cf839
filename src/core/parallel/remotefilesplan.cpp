#include "remotefilesplan.h"

#include "joboptions.h"

#include <QDir>
#include <QRegularExpression>
#include <QSysInfo>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace procdeck::parallel {

namespace {

QList<CommandTemplate> templates(const QStringList &files, const ReplacementNames &names)
{
    QList<CommandTemplate> list;
    for (const QString &file : files)
        list << CommandTemplate::forTag(file, names);
    return list;
}

QStringList expandAll(const QList<CommandTemplate> &list, const QStringList &args, int seq,
                      int slot, Trim trim)
{
    QStringList names;
    for (const CommandTemplate &t : list)
        names << t.expand(args, seq, slot, trim);
    return names;
}

/// --wd DIR as parallel tidies it: /./ made /, a trailing / and a leading ./ cut (rsync reads
/// /./ its own way).
QString tidyWorkdir(QString dir)
{
    static const QRegularExpression dotDir(QStringLiteral("/\\./"));
    static const QRegularExpression trailing(QStringLiteral("(.)/+$"));
    static const QRegularExpression leading(QStringLiteral("^\\./"));
    dir.replace(dotDir, QStringLiteral("/"));
    dir.replace(trailing, QStringLiteral("\\1"));
    dir.replace(leading, QString());
    return dir;
}

} // namespace

RemoteFilesPlan::RemoteFilesPlan(const RemoteSettings &given, const ReplacementNames &names)
    : m_cleanup(given.cleanup || !given.trc.isEmpty()),
      m_workdir(given.workdir),
      m_hasWorkdir(given.hasWorkdir),
      m_workdirTemplate(CommandTemplate::forTag(given.workdir, names))
{
    // parallel's order: --return's, then --trc's; --transfer's {} before --transferfile's, and
    // --trc's {} only when neither was given.
    QStringList transfer = given.transferAll ? QStringList{names.whole} : QStringList();
    transfer += given.transfer;
    if (!given.trc.isEmpty() && transfer.isEmpty())
        transfer << names.whole;
    m_transfer = templates(transfer, names);
    m_returns = templates(given.returns + given.trc, names);
    m_empty = transfer.isEmpty() && m_returns.isEmpty() && !m_cleanup && !m_hasWorkdir;
    if (m_hasWorkdir && m_workdir == QLatin1String("."))
        m_here = currentUnderHome();
}

RemoteFiles RemoteFilesPlan::forJob(const QStringList &args, int seq, int slot, Trim trim) const
{
    RemoteFiles files;
    if (m_empty)
        return files;
    files.transfer = expandAll(m_transfer, args, seq, slot, trim);
    files.returns = expandAll(m_returns, args, seq, slot, trim);
    files.cleanup = m_cleanup;
    files.changeDir = m_hasWorkdir;
    if (!m_hasWorkdir)
        return files;
    if (m_workdir == QLatin1String(".")) {
        files.workdir = m_here;
    } else if (m_workdir == QLatin1String("...")) {
        files.workdir = QStringLiteral(".parallel/tmp/%1-%2-%3")
                .arg(QSysInfo::machineHostName()).arg(::getpid()).arg(seq);
        files.removeWorkdir = true;
    } else {
        files.workdir = tidyWorkdir(m_workdirTemplate.expand(args, seq, slot, trim));
    }
    return files;
}

QString RemoteFilesPlan::unusedWarning(const RemoteSettings &given)
{
    // parallel names the first of them, in this order.
    if (!given.trc.isEmpty())
        return QStringLiteral("--trc ignored as there are no remote --sshlogin.");
    if (given.transferAll)
        return QStringLiteral("--transfer ignored as there are no remote --sshlogin.");
    if (!given.transfer.isEmpty())
        return QStringLiteral("--transferfile ignored as there are no remote --sshlogin.");
    if (!given.returns.isEmpty())
        return QStringLiteral("--return ignored as there are no remote --sshlogin.");
    if (given.cleanup)
        return QStringLiteral("--cleanup ignored as there are no remote --sshlogin.");
    return {};
}

QString RemoteFilesPlan::currentUnderHome()
{
    const QByteArray cwd = QDir::currentPath().toLocal8Bit();
    const QByteArray home = qgetenv("HOME");
    struct stat homeStat {};
    if (home.isEmpty() || ::stat(home.constData(), &homeStat) != 0)
        return QString::fromLocal8Bit(cwd);
    // The first ancestor of the current folder that is the home: what follows it.
    const QList<QByteArray> parts = cwd.split('/');
    QByteArray parent;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts.at(i).isEmpty())
            continue;
        parent += '/' + parts.at(i);
        struct stat st {};
        if (::stat(parent.constData(), &st) == 0 && st.st_dev == homeStat.st_dev
            && st.st_ino == homeStat.st_ino) {
            const QByteArray rest = parts.mid(i + 1).join('/');
            return rest.isEmpty() ? QStringLiteral(".") : QString::fromLocal8Bit(rest);
        }
    }
    return QString::fromLocal8Bit(cwd);
}

bool settleRemoteFiles(const RemoteSettings &given, RunRequest *request, QString *error)
{
    const bool any = std::any_of(request->jobs.cbegin(), request->jobs.cend(),
                                 [](const JobSpec &j) { return !j.remoteFiles.isEmpty(); });
    if (!any)
        return true;
    const RunOn &on = request->runOn;
    const bool remote = on.where == RunOn::Where::SshHosts
        && std::any_of(on.sshLogins.cbegin(), on.sshLogins.cend(),
                       [](const SshLogin &l) { return !l.isLocal(); });
    if (remote && on.sshWorkers) {
        *error = QStringLiteral("--transfer, --return, --cleanup and --wd cannot be combined with "
                                "--ssh-workers: the worker copies no files");
        return false;
    }
    if (remote)
        return true;
    const QString warning = RemoteFilesPlan::unusedWarning(given);
    if (!warning.isEmpty())
        request->warnings << warning;
    for (JobSpec &job : request->jobs) {
        if (!job.remoteFiles.changeDir)
            continue;
        // parallel's local run: cd there (. and ... are under the home), made first.
        QString wd = job.remoteFiles.workdir;
        if ((given.workdir == QLatin1String(".") || given.workdir == QLatin1String("..."))
            && !wd.startsWith(QLatin1Char('/')))
            wd = QDir::homePath() + QLatin1Char('/') + wd;
        if (!QDir().mkpath(wd)) {
            *error = QStringLiteral("Cannot make dir '%1'.").arg(wd);
            return false;
        }
        job.workingDirectory = wd;
    }
    return true;
}

} // namespace procdeck::parallel
