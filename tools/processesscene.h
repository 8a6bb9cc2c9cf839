#pragma once

#include <QString>

/// Issue 26's pictures: the Processes tab on a job with a small tree (a shell, its sleeps, an
/// orphan, a writer and a threaded python), at 1280×800 and 800×600.
int takeProcessesScene(const QString &outDir, const QString &suffix);

/// Issue 26.5's pictures: idle jobs (a sleep, a pipe waiting on it) beside a busy one and an
/// ended one, their state a moon and "idle 3 s", at 1280×800 and 800×600.
int takeIdleScene(const QString &outDir, const QString &suffix);
