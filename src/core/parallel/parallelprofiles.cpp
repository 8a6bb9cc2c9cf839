#include "parallelprofiles.h"

#include "paralleloptions.h"
#include "types/shellwords.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace procdeck::parallel {

namespace {

/// parallel's config folders, those that exist.
QStringList configFolders()
{
    QStringList candidates{qEnvironmentVariable("PARALLEL_HOME")};
    QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
    candidates << (xdg.isEmpty() ? QString() : xdg + QLatin1String("/parallel"));
    const QStringList dirs = qEnvironmentVariable("XDG_CONFIG_DIRS").split(QLatin1Char(':'));
    for (const QString &dir : dirs)
        candidates << dir + QLatin1String("/parallel");
    candidates << QDir::homePath() + QLatin1String("/.parallel");
    QStringList folders;
    for (const QString &folder : std::as_const(candidates))
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            folders << folder;
    return folders;
}

/// The profile files to read: -J's, or the default ones.
QStringList profileFiles(const QStringList &named)
{
    const QStringList folders = configFolders();
    QStringList files;
    if (named.isEmpty()) {
        files << QStringLiteral("/etc/parallel/config");
        for (const QString &folder : folders)
            files << folder + QLatin1String("/config");
        files << QDir::homePath() + QLatin1String("/.parallelrc");
        return files;
    }
    for (const QString &name : named) {
        if (name.startsWith(QLatin1Char('/')) || name.startsWith(QLatin1String("./")))
            files << name;
        else
            for (const QString &folder : folders)
                files << folder + QLatin1Char('/') + name;
    }
    return files;
}

/// The words of a profile's lines; none when it cannot be read.
bool readProfile(const QString &path, QStringList *words, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    const QStringList lines = QString::fromLocal8Bit(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        QStringList lineWords;
        if (!shellwords::split(line, &lineWords, error)) {
            error->prepend(path + QLatin1String(": "));
            return false;
        }
        *words += lineWords;
    }
    return true;
}

/// Words split where their options end: [0] the options, [1] the rest.
QList<QStringList> atOptionsEnd(const QStringList &words)
{
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    QString error;
    if (!readOptions(words, true, &options, &end, &doubleDash, &error))
        end = 0; // the command line's own parse says what is wrong
    return {words.mid(0, doubleDash ? end - 1 : end), words.mid(end)};
}

} // namespace

bool withProfiles(const QStringList &args, QStringList *expanded, QString *error)
{
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    QStringList named;
    if (readOptions(args, true, &options, &end, &doubleDash, error)) {
        for (const Option &o : std::as_const(options)) {
            if (o.canonical == QLatin1String("plain")) {
                *expanded = args;
                return true;
            }
            if (o.canonical == QLatin1String("profile"))
                named << o.value;
        }
    }
    error->clear();
    QStringList fromProfiles;
    for (const QString &file : profileFiles(named))
        if (!readProfile(file, &fromProfiles, error))
            return false;
    QStringList fromEnvironment;
    if (!shellwords::split(qEnvironmentVariable("PARALLEL"), &fromEnvironment, error)) {
        error->prepend(QStringLiteral("$PARALLEL: "));
        return false;
    }
    const QList<QStringList> parts[] = {atOptionsEnd(fromProfiles),
                                        atOptionsEnd(fromEnvironment), atOptionsEnd(args)};
    expanded->clear();
    for (const QList<QStringList> &part : parts)
        *expanded += part.at(0);
    for (const QList<QStringList> &part : parts)
        *expanded += part.at(1);
    return true;
}

} // namespace procdeck::parallel
