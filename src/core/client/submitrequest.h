#pragma once

#include "types/jobspec.h"
#include "types/runon.h"

#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

/// A "submit" (docs/protocol.md) as every client makes it: procdeck-cli's --detach and the
/// window's "Run in the background".
namespace procdeck::submitrequest {

struct Options {
    bool batch = false;
    int maxParallel = 0;         ///< 0: the engine's -j stays
    QString halt;                ///< GNU parallel's --halt as given; empty: none
    std::optional<RunOn> runOn;  ///< none, or this computer: the engine's own default
};

/// The message: the jobs (in the launcher's folder when they name none, as it would run them),
/// the launcher's environment (the engine gives each job what differs from its own), and the
/// options that are set.
QCborMap make(const QList<JobSpec> &jobs, const Options &options);

} // namespace procdeck::submitrequest
