#include "enginepaths.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace procdeck::enginepaths {

namespace {

QString fromEnv(const char *name)
{
    return QFile::decodeName(qgetenv(name));
}

} // namespace

QString runtimeDir()
{
    const QString xdg = fromEnv("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty())
        return QDir(xdg).filePath(QStringLiteral("procdeck"));
    return QStringLiteral("/tmp/procdeck-%1").arg(::getuid());
}

bool prepareRuntimeDir(QString *error)
{
    const QString dir = runtimeDir();
    const QByteArray path = QFile::encodeName(dir);
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create '%1': %2")
                         .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0) {
        *error = QStringLiteral("cannot read '%1': %2")
                         .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Under /tmp anyone may have made it first: only a folder of our own, for us alone, will do.
    if (!S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("'%1' is not a folder").arg(dir);
        return false;
    }
    if (st.st_uid != ::getuid()) {
        *error = QStringLiteral("'%1' belongs to uid %2, not to this user (%3)")
                         .arg(dir)
                         .arg(st.st_uid)
                         .arg(::getuid());
        return false;
    }
    if ((st.st_mode & 077) != 0 && ::chmod(path.constData(), 0700) != 0) {
        *error = QStringLiteral("'%1' is open to others and cannot be narrowed: %2")
                         .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

QString socketPath()
{
    return QDir(runtimeDir()).filePath(QStringLiteral("engine"));
}

QString engineLockPath()
{
    return QDir(runtimeDir()).filePath(QStringLiteral("engine.lock"));
}

QString startLockPath()
{
    return QDir(runtimeDir()).filePath(QStringLiteral("start.lock"));
}

QString logPath()
{
    QString state = fromEnv("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir(QDir::homePath()).filePath(QStringLiteral(".local/state"));
    return QDir(state).filePath(QStringLiteral("procdeck/engine.log"));
}

Peer peerOf(qintptr socketDescriptor)
{
    Peer peer;
    struct ucred cred {};
    socklen_t length = sizeof cred;
    if (::getsockopt(int(socketDescriptor), SOL_SOCKET, SO_PEERCRED, &cred, &length) == 0) {
        peer.pid = cred.pid;
        peer.uid = cred.uid;
        peer.known = true;
    }
    return peer;
}

} // namespace procdeck::enginepaths
