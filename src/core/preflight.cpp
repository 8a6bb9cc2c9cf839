#include "preflight.h"

#include "errnotext.h"
#include "textdecoder.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <QFile>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>
#include <cstring>

namespace procdeck::preflight {

int directoryError(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::stat(native.constData(), &info) != 0)
        return errno; // ENOENT, or EACCES when a directory on the way cannot be searched
    if (!S_ISDIR(info.st_mode))
        return ENOTDIR;
    if (::access(native.constData(), X_OK) != 0)
        return errno;
    return 0;
}

int programError(const JobSpec &spec)
{
    if (spec.useShell)
        return 0;
    if (!spec.program.contains(QLatin1Char('/')))
        return QStandardPaths::findExecutable(spec.program).isEmpty() ? ENOENT : 0;
    const QFileInfo exe(QDir(spec.workingDirectory).absoluteFilePath(spec.program));
    if (!exe.exists())
        return ENOENT;
    return exe.isDir() || !exe.isExecutable() ? EACCES : 0;
}

Finding check(const JobSpec &spec)
{
    using Kind = Finding::Kind;
    if (const QString problem = spec.validate(); !problem.isEmpty())
        return {Kind::Spec, 0, problem};
    QString encodingError;
    if (!TextDecoder::create(spec.encoding, &encodingError))
        return {Kind::Encoding, 0, encodingError};
    if (!spec.workingDirectory.isEmpty()) {
        if (const int err = directoryError(spec.workingDirectory))
            return {Kind::Directory, err, QStringLiteral("working directory '%1': %2").arg(spec.workingDirectory, errnoText(err))};
    }
    if (const int err = programError(spec)) {
        const bool searched = !spec.program.contains(QLatin1Char('/'));
        return {Kind::Program, err, QStringLiteral("cannot run '%1': %2%3")
                                        .arg(spec.program, errnoText(err), searched ? QStringLiteral(" (not found on PATH)") : QString())};
    }
    if (!spec.standardInputFile.isEmpty() && !QFileInfo(spec.standardInputFile).isReadable())
        return {Kind::StandardInput, 0, QStringLiteral("standard input file '%1': cannot be read").arg(spec.standardInputFile)};
    return {};
}

QString problem(const JobSpec &spec)
{
    return check(spec).text;
}

} // namespace procdeck::preflight
