#include "remoterun.h"

#include "runon.h"

#include <QSysInfo>

namespace procdeck {

QString RemoteRun::executorOf(const RemoteRun *run)
{
    return run ? run->executorKey() : executor::local();
}

QString RemoteRun::hostOf(const RemoteRun *run)
{
    if (run)
        return run->host();
    static const QString here = QSysInfo::machineHostName();
    return here;
}

} // namespace procdeck
