#pragma once

#include <QString>

/// The engine's log: $XDG_STATE_HOME/procdeck/engine.log (enginepaths::logPath()), one line a
/// thing worth knowing later (start, stop, refused peers, broken connections).
namespace enginelog {

/// Makes the log the engine's stdout and stderr (what Qt and the guardian say lands there too).
/// False with *error when it cannot be opened; the engine then logs to its stderr as it is.
bool open(QString *error);
/// One line, with the time and the engine's pid.
void line(const QString &text);

} // namespace enginelog
