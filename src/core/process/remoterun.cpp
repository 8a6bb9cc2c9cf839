#include "remoterun.h"

#include "types/runon.h"

#include <QSysInfo>

namespace procdeck {

QString RemoteRun::hostOf(const RemoteRun *run)
{
    static const QString here = QSysInfo::machineHostName();
    return run ? run->host() : here;
}

QString RemoteRun::placeOf(const RemoteRun *run, const RunOn &runOn)
{
    if (run && !run->host().isEmpty())
        return run->host();
    switch (runOn.where) {
    case RunOn::Where::SlurmCluster:
        //: the Host cell of a job sent to Slurm while no node is known for it
        return tr("Slurm cluster");
    case RunOn::Where::SshHosts: {
        QStringList hosts;
        for (const SshLogin &login : runOn.sshLogins)
            hosts << (login.isLocal() ? hostOf(nullptr) : login.hostName());
        return hosts.join(QStringLiteral(", "));
    }
    case RunOn::Where::ThisComputer:
        break;
    }
    return hostOf(nullptr);
}

void RemoteRun::describe(const RemoteRun *run, JobRecord *record)
{
    record->executor = run ? run->executorKey() : executor::local();
    record->host = hostOf(run);
    record->slurmJobId = run ? run->slurmJobId() : QString();
    record->slurmState = run ? run->slurmState() : QString();
}

void RemoteRun::ended(LocalExit exit, const QString &stderrText, QString *error,
                      std::function<void()> then)
{
    const int exitCode = *exit.crashed ? *exit.signal : *exit.exitCode;
    localProcessEnded(exitCode, *exit.crashed);
    const QString why = *exit.crashed ? QString() : failureReason(exitCode, stderrText);
    if (!why.isEmpty())
        *error = why;
    m_signalFromStderr = *exit.crashed ? 0 : signalFromStderr(exitCode, stderrText);
    whenSettled([this, exit, then = std::move(then)] {
        if (const int signal = remoteSignal(); signal > 0 && !*exit.crashed) {
            *exit.crashed = true;
            *exit.signal = signal;
            *exit.exitCode = -1;
        }
        then();
    });
}

void RemoteRun::localProcessEnded(int /*exitCode*/, bool /*crashed*/) {}

int RemoteRun::signalFromStderr(int /*exitCode*/, const QString & /*stderrText*/) const
{
    return 0;
}

QString RemoteRun::failureReason(int /*exitCode*/, const QString & /*stderrText*/) const
{
    return {};
}

} // namespace procdeck
