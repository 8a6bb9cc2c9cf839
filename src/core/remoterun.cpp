#include "remoterun.h"

#include "runon.h"

#include <QSysInfo>

namespace procdeck {

QString RemoteRun::hostOf(const RemoteRun *run)
{
    static const QString here = QSysInfo::machineHostName();
    return run ? run->host() : here;
}

void RemoteRun::describe(const RemoteRun *run, JobRecord *record)
{
    record->executor = run ? run->executorKey() : executor::local();
    record->host = hostOf(run);
    record->slurmJobId = run ? run->slurmJobId() : QString();
}

void RemoteRun::ended(int exitCode, bool crashed, const QString &stderrText, QString *error, std::function<void()> then)
{
    localProcessEnded();
    if (const QString why = crashed ? QString() : failureReason(exitCode, stderrText); !why.isEmpty())
        *error = why;
    whenSettled(std::move(then));
}

} // namespace procdeck
