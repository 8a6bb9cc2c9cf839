#pragma once

// Helpers of the tests that run jobs on the private sshd and the one-node Slurm cluster that the
// ctest fixtures (services/sshd.sh, services/slurm.sh) start on this machine.

#include "clitest.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace remotetest {

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

} // namespace remotetest
