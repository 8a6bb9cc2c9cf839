#pragma once

#include <QString>

/// Issue 25's picture: the Background tab of a window opened on the user's engine while its
/// jobs run (started by procdeck-cli --detach), one job's output followed. The engine is a
/// private one (a temporary runtime folder) and is stopped after.
int takeBackgroundScene(const QString &outDir, const QString &suffix);
