#pragma once

#include <QString>

/// Issue 25's picture: the Background tab of a window opened on the user's engine while its
/// jobs run (started by procdeck-cli --detach), one job's output followed. The engine is a
/// private one (a temporary runtime folder) and is stopped after.
int takeBackgroundScene(const QString &outDir, const QString &suffix);

/// Issue 25's second picture: a window opened again on a batch that runs in the engine, its jobs
/// rows of the main table with their output so far.
int takeReopenedScene(const QString &outDir, const QString &suffix);
