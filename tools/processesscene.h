#pragma once

#include <QString>

/// Issue 26's pictures: the Processes tab on a job with a small tree (a shell, its sleeps, an
/// orphan, a writer and a threaded python), at 1280×800 and 800×600.
int takeProcessesScene(const QString &outDir, const QString &suffix);
