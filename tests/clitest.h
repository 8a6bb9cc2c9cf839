#pragma once

// Helpers of the tests that run the real procdeck-cli (tst_cli, tst_clipressure).

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>

namespace clitest {

constexpr int kDeadlineMs = 60000;

struct Result {
    int exitCode = -1; ///< -1: it did not end normally in time
    QByteArray out;
    QByteArray err;
};

/// Waits for a started process (generously) and collects what it said.
inline Result finish(QProcess &p, int deadlineMs = kDeadlineMs)
{
    Result r;
    // Already ended while the caller's QTRY turned the event loop: waitForFinished() says false.
    if (p.state() != QProcess::NotRunning && !p.waitForFinished(deadlineMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// The rows of a JSON Lines export.
inline QList<QJsonObject> readJsonLines(const QString &path)
{
    QList<QJsonObject> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            rows << QJsonDocument::fromJson(line).object();
    return rows;
}

inline const QString &cliPath()
{
    static const QString path = QStringLiteral(PROCDECK_CLI_PATH);
    return path;
}

inline Result runCli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    return finish(p);
}

/// Runs a bash script with $CLI set: for pipes, ulimits and bytes that are not UTF-8.
inline Result runBash(const QString &script)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CLI"), cliPath());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    return finish(p);
}

/// A joblog's rows (the header left out), each split at its tabs.
inline QList<QList<QByteArray>> readJobLogFields(const QString &path)
{
    QList<QList<QByteArray>> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty())
            rows << lines[i].split('\t');
    return rows;
}

/// A joblog without its times (Starttime, JobRuntime), which differ from run to run.
inline QList<QByteArray> jobLogWithoutTimes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    for (QByteArray &line : lines) {
        QList<QByteArray> fields = line.split('\t');
        if (fields.size() > 3 && fields.at(0) != "Seq")
            fields[2] = fields[3] = "t";
        line = fields.join('\t');
    }
    return lines;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// What bad input must get: one line on stderr, said by procdeck-cli.
inline bool oneLine(const QByteArray &err)
{
    return err.count('\n') == 1 && err.startsWith("procdeck-cli: ");
}

} // namespace clitest
