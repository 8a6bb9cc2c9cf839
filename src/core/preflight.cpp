#include "preflight.h"

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

namespace {
QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}
} // namespace

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

QString problem(const JobSpec &spec)
{
    if (const QString problem = spec.validate(); !problem.isEmpty())
        return problem;
    QString encodingError;
    if (!TextDecoder::create(spec.encoding, &encodingError))
        return encodingError;
    if (!spec.workingDirectory.isEmpty()) {
        if (const int err = directoryError(spec.workingDirectory))
            return QStringLiteral("working directory '%1': %2").arg(spec.workingDirectory, errnoText(err));
    }
    if (!spec.useShell) {
        const QString &program = spec.program;
        if (!program.contains(QLatin1Char('/'))) {
            if (QStandardPaths::findExecutable(program).isEmpty())
                return QStringLiteral("cannot run '%1': %2 (not found on PATH)").arg(program, errnoText(ENOENT));
        } else {
            const QFileInfo exe(QDir(spec.workingDirectory).absoluteFilePath(program));
            if (!exe.exists())
                return QStringLiteral("cannot run '%1': %2").arg(program, errnoText(ENOENT));
            if (exe.isDir() || !exe.isExecutable())
                return QStringLiteral("cannot run '%1': %2").arg(program, errnoText(EACCES));
        }
    }
    if (!spec.standardInputFile.isEmpty() && !QFileInfo(spec.standardInputFile).isReadable())
        return QStringLiteral("standard input file '%1': cannot be read").arg(spec.standardInputFile);
    return {};
}

} // namespace procdeck::preflight
