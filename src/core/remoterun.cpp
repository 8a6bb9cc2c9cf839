#include "remoterun.h"

#include "runon.h"

#include <QSysInfo>

namespace procdeck {

void RemoteRun::describe(const RemoteRun *run, JobRecord *record)
{
    static const QString here = QSysInfo::machineHostName();
    record->executor = run ? run->executorKey() : executor::local();
    record->host = run ? run->host() : here;
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
