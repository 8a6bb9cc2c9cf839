#pragma once

#include <QString>

/// `procdeck-cli --history [--limit N] [--json]`: earlier runs, newest first, on stdout.
/// Returns the exit status.
int printHistory(const QString &databasePath, int limit, bool json);
