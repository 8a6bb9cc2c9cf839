#pragma once

#include <QString>

/// Starts procdeck-engine for a client that found none: in a session of its own (setsid), its
/// output appended to the engine's log, detached from the client (which may exit at once).
namespace enginestarter {

/// procdeck-engine beside procdeck-cli (installed), or in the build tree's src/engine.
QString enginePath();
/// Forks it off. False with *error when it could not be started at all.
bool spawn(QString *error);

} // namespace enginestarter
