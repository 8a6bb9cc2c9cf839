#pragma once

#include <QString>

/// Starts procdeck-engine for a client that found none: in a session of its own (setsid), its
/// output appended to the engine's log, detached from the client (which may exit at once).
namespace procdeck::enginestarter {

/// $PROCDECK_ENGINE when set; else procdeck-engine beside the client's program (installed), or
/// in the build tree's src/engine.
QString enginePath();
/// Forks it off. False with *error when it could not be started at all.
bool spawn(QString *error);
/// Makes sure an engine answers on enginepaths::socketPath(): under the start lock, so that two
/// clients starting at once make one, asks, starts one when none answers and waits (up to 30 s)
/// until it does. Blocks: procdeck-cli calls it on its thread, the window on a worker's.
/// False with *error when none answers.
bool ensureRunning(QString *error);

} // namespace procdeck::enginestarter
