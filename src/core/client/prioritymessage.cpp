#include "prioritymessage.h"

#include <array>
#include <utility>

namespace procdeck::prioritymessage {

namespace {

using IoClass = JobPriority::IoClass;

const std::array<std::pair<IoClass, QLatin1String>, 3> kIoNames{{
        {IoClass::Unchanged, QLatin1String("unchanged")},
        {IoClass::BestEffort, QLatin1String("best_effort")},
        {IoClass::Idle, QLatin1String("idle")},
}};

} // namespace

QCborMap fields(const JobPriority::Request &request)
{
    QString io;
    for (const auto &[ioClass, name] : kIoNames)
        if (ioClass == request.io)
            io = name;
    return {{QStringLiteral("nice"), request.nice},
            {QStringLiteral("io"), io},
            {QStringLiteral("io_level"), request.ioLevel}};
}

bool read(const QCborMap &message, JobPriority::Request *request, QString *error)
{
    const QCborValue nice = message.value(QStringLiteral("nice"));
    const QCborValue level = message.value(QStringLiteral("io_level"));
    const QString io = message.value(QStringLiteral("io")).toString();
    if (!nice.isInteger() || !level.isInteger()) {
        *error = QStringLiteral("priority: nice and io_level must be integers");
        return false;
    }
    for (const auto &[ioClass, name] : kIoNames) {
        if (io == name) {
            *request = {int(nice.toInteger()), ioClass, int(level.toInteger())};
            return true;
        }
    }
    *error = QStringLiteral("priority: io must be unchanged, best_effort or idle, not '%1'")
                     .arg(io);
    return false;
}

} // namespace procdeck::prioritymessage
