#pragma once

// Helpers of the tests that run jobs on the private sshd and the one-node Slurm cluster that the
// ctest fixtures (services/sshd.sh, services/slurm.sh) start on this machine.

#include "clitest.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <memory>
#include <vector>

namespace remotetest {

/// How long the tests wait for Slurm's own work: a cancel reaching slurmd, a step's tasks ended,
/// an allocation given back. Not ProcDeck's to bound, and seconds each when the machine is loaded
/// (a step's tasks took 24 s to go beside the sanitized suites).
constexpr int kSlurmSettleMs = 60000;

/// Waits until `settled()` holds, for at most `ms`; false if it never did. Not QTRY: when QTRY
/// fails it waits twice as long again to say how long would have done, which made a minute three
/// and ran a suite into QtTest's limit for a function before its message was printed.
template <typename Predicate>
bool settles(Predicate settled, int ms = kSlurmSettleMs)
{
    return QTest::qWaitFor(settled, ms);
}

/// The temp directory a fixture started its service in, read from the state file it wrote;
/// empty (with *why) when the fixture did not run.
inline QString serviceDir(const char *name, QString *why)
{
    const QString stateFile = QStringLiteral(PROCDECK_TEST_SERVICES "/%1").arg(QLatin1String(name));
    QFile f(stateFile);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("%1 is not running (no %2): run this test through ctest, whose fixture starts it")
                   .arg(QLatin1String(name), stateFile);
        return {};
    }
    return QString::fromLocal8Bit(f.readAll()).trimmed();
}

/// The sshd fixture's folder for the suites that copy files to its logins (rsync, as parallel
/// copies them); empty, with *why, when the fixture did not run or rsync is not installed.
inline QString sshdWithRsync(QString *why)
{
    if (QStandardPaths::findExecutable(QStringLiteral("rsync")).isEmpty()) {
        *why = QStringLiteral("rsync is not installed (packaging/setup-debian.sh installs it)");
        return {};
    }
    return serviceDir("sshd", why);
}

/// Runs a program to its end with SLURM_CONF set (when given) and LC_ALL=C.
inline clitest::Result run(const QString &program, const QStringList &args, const QString &slurmConf = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    if (!slurmConf.isEmpty())
        env.insert(QStringLiteral("SLURM_CONF"), slurmConf);
    p.setProcessEnvironment(env);
    p.start(program, args);
    return clitest::finish(p);
}

/// `squeue --noheader ARGS` on the cluster of `slurmConf`.
inline QByteArray squeue(const QString &slurmConf, const QStringList &args)
{
    return run(QStringLiteral("squeue"), QStringList{QStringLiteral("--noheader")} + args, slurmConf)
        .out;
}

/// The cluster's queue ("ID NAME STATE" a line) without what is COMPLETING: an allocation given
/// back leaves it once Slurm has done its own completing (slurmd's epilog), not ProcDeck's to bound.
inline QByteArray slurmHeld(const QString &slurmConf)
{
    QByteArray out;
    for (const QByteArray &line : squeue(slurmConf, {QStringLiteral("--format=%i %j %T")}).split('\n'))
        if (!line.isEmpty() && !line.endsWith(" COMPLETING"))
            out += line + '\n';
    return out;
}

/// Asks for an allocation of the whole one-node cluster (8 CPUs) and returns its job id, so
/// that what comes next waits in the queue; empty, with salloc's words in *why, if not granted.
inline QString holdTheNode(const QString &slurmConf, QString *why)
{
    const clitest::Result r = run(QStringLiteral("salloc"),
                                  {QStringLiteral("--no-shell"), QStringLiteral("-n"), QStringLiteral("8")},
                                  slurmConf);
    *why = QString::fromLocal8Bit(r.err);
    static const QRegularExpression granted(QStringLiteral("Granted job allocation ([0-9]+)"));
    return granted.match(*why).captured(1);
}

/// A bash script to run in a folder with LC_ALL=C and `vars` in its environment.
struct Script {
    QString text;
    QString dir;
    QList<QPair<QString, QString>> vars;
};

/// Runs the scripts at once (the two tools of a differential test side by side: a login takes
/// seconds on a loaded machine, and they wait for their logins together) and returns their
/// results in their order; each is killed when `deadlineMs` have passed since the start (a
/// deadline far beyond the logins). Their outputs are small: each is read when it has ended.
inline QList<clitest::Result> runScripts(const QList<Script> &scripts, int deadlineMs)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const Script &script : scripts) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        for (const auto &[name, value] : script.vars)
            env.insert(name, value);
        p->setProcessEnvironment(env);
        p->setWorkingDirectory(script.dir);
        p->start(QStringLiteral("bash"), {QStringLiteral("-c"), script.text});
        processes.push_back(std::move(p));
    }
    const QDeadlineTimer deadline(deadlineMs);
    QList<clitest::Result> results;
    for (const auto &p : processes) {
        if (!p->waitForFinished(int(deadline.remainingTime()))) {
            p->kill();
            p->waitForFinished();
        }
        results << clitest::finish(*p);
    }
    return results;
}

} // namespace remotetest
