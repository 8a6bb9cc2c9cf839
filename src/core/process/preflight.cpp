#include "preflight.h"

#include "types/errnotext.h"
#include "output/textdecoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QFileInfo>
#include <QStandardPaths>

#include <QFile>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>
#include <cstring>

namespace procdeck::preflight {

namespace {

/// Checks that passed, remembered for a moment: a batch of 10,000 jobs of one program in one
/// folder asks the file system about them once a second, not 10,000 times. A program or folder
/// that goes away meanwhile still fails at the exec, with its errno (ChildExec); a failed check
/// is never remembered.
class PassedChecks final
{
public:
    bool has(const QString &key)
    {
        const auto it = m_until.constFind(key);
        return it != m_until.constEnd() && m_clock.elapsed() < it.value();
    }
    void add(const QString &key)
    {
        if (m_until.size() > kMaxKeys)
            m_until.clear();
        m_until.insert(key, m_clock.elapsed() + kRememberMs);
    }

private:
    static constexpr qint64 kRememberMs = 1000;
    static constexpr qsizetype kMaxKeys = 256;
    QElapsedTimer m_clock = [] { QElapsedTimer t; t.start(); return t; }();
    QHash<QString, qint64> m_until;
};

PassedChecks &passed()
{
    thread_local PassedChecks checks;
    return checks;
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
    const QString encodingKey = QStringLiteral("encoding\n") + spec.encoding;
    if (!passed().has(encodingKey)) {
        if (!TextDecoder::create(spec.encoding, &encodingError))
            return {Kind::Encoding, 0, encodingError};
        passed().add(encodingKey);
    }
    const QString directoryKey = QStringLiteral("directory\n") + spec.workingDirectory;
    if (!spec.workingDirectory.isEmpty() && !passed().has(directoryKey)) {
        if (const int err = directoryError(spec.workingDirectory))
            return { Kind::Directory, err,
                     QStringLiteral("working directory '%1': %2")
                             .arg(spec.workingDirectory, errnoText(err)) };
        passed().add(directoryKey);
    }
    const QString programKey
            = QStringLiteral("program\n%1\n%2").arg(spec.workingDirectory, spec.program);
    if (!spec.useShell && !passed().has(programKey)) {
        if (const int err = programError(spec)) {
            const bool searched = !spec.program.contains(QLatin1Char('/'));
            return { Kind::Program, err,
                     QStringLiteral("cannot run '%1': %2%3")
                             .arg(spec.program, errnoText(err),
                                  searched ? QStringLiteral(" (not found on PATH)") : QString()) };
        }
        passed().add(programKey);
    }
    if (!spec.standardInputFile.isEmpty() && !QFileInfo(spec.standardInputFile).isReadable())
        return {
            Kind::StandardInput, 0,
            QStringLiteral("standard input file '%1': cannot be read").arg(spec.standardInputFile)
        };
    return {};
}

QString problem(const JobSpec &spec)
{
    return check(spec).text;
}

bool printfHexThroughDash(const JobSpec &spec)
{
    // printf, then within the same simple command a \x and a hex digit.
    static const QRegularExpression printfHex(
        QStringLiteral(R"(\bprintf\b[^;|&\n]*\\x[0-9A-Fa-f])"));
    if (!spec.useShell || !printfHex.match(spec.shellCommand).hasMatch())
        return false;
    // Asked once: /bin/sh does not change under a running ProcDeck.
    static const bool dash =
        QFileInfo(QStringLiteral("/bin/sh")).canonicalFilePath().endsWith(QLatin1String("/dash"));
    return dash;
}

} // namespace procdeck::preflight
