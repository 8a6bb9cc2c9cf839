#pragma once

#include "process/jobpriority.h"

#include <QCborMap>
#include <QString>

/// The `priority` message's fields (docs/protocol.md): written by the window for a job the
/// user's engine runs, read by the engine, which applies them by JobPriority's policy.
namespace procdeck::prioritymessage {

/// `nice`, `io` ("unchanged", "best_effort", "idle") and `io_level`.
QCborMap fields(const JobPriority::Request &request);
/// The request `message` carries; false with *error (a sentence) when a field is missing or
/// not one of those values.
bool read(const QCborMap &message, JobPriority::Request *request, QString *error);

} // namespace procdeck::prioritymessage
