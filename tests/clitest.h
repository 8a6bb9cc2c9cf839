#pragma once

// Helpers of the tests that run the real procdeck-cli (tst_cli, tst_clipressure).

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>

namespace clitest {

constexpr int kDeadlineMs = 60000;

struct Result {
    int exitCode = -1; ///< -1: it did not end normally in time
    QByteArray out;
    QByteArray err;
};

/// Waits for a started process (generously) and collects what it said.
inline Result finish(QProcess &p)
{
    Result r;
    if (!p.waitForFinished(kDeadlineMs)) {
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

} // namespace clitest
