#pragma once

#include "parallel/joboptions.h"
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
    /// The batch's own limit within the engine's (the window's Batch form): 0, none.
    int batchMaxParallel = 0;
};

/// The message: the jobs (in the launcher's folder when they name none, as it would run them),
/// the launcher's environment (the engine gives each job what differs from its own), and the
/// options that are set.
QCborMap make(const QList<JobSpec> &jobs, const Options &options);
/// The options of `request` as a submit carries them.
Options optionsOf(const RunRequest &request);
/// Why the user's engine cannot take `request` as it is (a sentence naming the options, which
/// the launcher then runs itself or refuses); empty when it can. Its --export and --joblog are
/// the launcher's to write and not asked here.
QString whyNotForEngine(const RunRequest &request);
/// The part of it that is where the jobs run (one Slurm allocation, workers): what the window's
/// forms ask before they send a launch or a batch to the engine.
QString whyNotForEngine(const RunOn &runOn);

} // namespace procdeck::submitrequest
