#pragma once

// Helpers of the tests against a real procdeck-engine (issue 25): each test has an engine of its
// own on a private socket (a temporary XDG_RUNTIME_DIR, XDG_STATE_HOME, XDG_DATA_HOME), started
// by procdeck-cli as a person's would be, and stopped at the end.

#include "clitest.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <csignal>
#include <cerrno>
#include <memory>

namespace enginetest {

/// A process that exists and is not a zombie.
inline bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1) != "Z";
}

/// The pid a job wrote to `path`, 0 until it is there.
inline qint64 pidInFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

/// A shell line that waits until `file` exists: a job held until the test lets it go on.
inline QString waitForFile(const QString &file)
{
    return QStringLiteral("while [ ! -e %1 ]; do sleep 0.05; done").arg(file);
}

/// One user's surroundings: where the engine's socket, log, history and output go.
class Home
{
public:
    Home()
    {
        for (const char *sub : {"run", "state", "data", "config"})
            QDir(m_dir.path()).mkdir(QString::fromLatin1(sub));
        QFile::setPermissions(path("run"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path("run"));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), path("state"));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), path("data"));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path("config"));
        m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        // Long enough never to end a test's engine; each test stops its own.
        m_env.insert(QStringLiteral("PROCDECK_ENGINE_IDLE_EXIT"), QStringLiteral("120"));
    }
    ~Home()
    {
        // Whatever the test did, its engine goes with it.
        cli({QStringLiteral("--stop-engine")});
    }
    Home(const Home &) = delete;
    Home &operator=(const Home &) = delete;

    QString path(const char *sub) const { return m_dir.filePath(QString::fromLatin1(sub)); }
    QString socketPath() const { return path("run") + QStringLiteral("/procdeck/engine"); }
    QString log() const
    {
        QFile f(path("state") + QStringLiteral("/procdeck/engine.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    const QProcessEnvironment &env() const { return m_env; }
    /// For the engines started from now on (the engine inherits its first client's).
    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }

    /// These surroundings for this process too: its own connections to the engine, and the
    /// engine it starts, use them.
    void adopt() const
    {
        for (const QString &name : m_env.keys())
            qputenv(name.toLocal8Bit().constData(), m_env.value(name).toLocal8Bit());
    }

    /// procdeck-cli with these surroundings, in the temporary folder.
    void start(QProcess &p, const QStringList &args) const
    {
        p.setProcessEnvironment(m_env);
        p.setWorkingDirectory(m_dir.path());
        p.start(clitest::cliPath(), args);
    }
    clitest::Result cli(const QStringList &args, int deadlineMs = clitest::kDeadlineMs) const
    {
        QProcess p;
        start(p, args);
        p.closeWriteChannel(); // as from a script: nothing on standard input
        return clitest::finish(p, deadlineMs);
    }
    /// --status --json, parsed.
    QJsonObject status() const
    {
        return QJsonDocument::fromJson(
                       cli({ QStringLiteral("--status"), QStringLiteral("--json") }).out)
                .object();
    }
    /// Job `n`'s state as --status --json gives it.
    QString stateOf(int n) const
    {
        for (const QJsonValue &job : status().value(QStringLiteral("jobs")).toArray()) {
            if (job.toObject().value(QStringLiteral("seq")).toInt() == n)
                return job.toObject().value(QStringLiteral("state")).toString();
        }
        return {};
    }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

/// A window suite's surroundings: adopted by this process, the sources' words (the C locale),
/// the window's files where the engine's are (both named "procdeck").
inline std::unique_ptr<Home> windowHome()
{
    auto home = std::make_unique<Home>();
    home->adopt();
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
    return home;
}

} // namespace enginetest
