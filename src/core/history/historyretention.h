#pragma once

#include <QString>

namespace procdeck {

/// History retention: old jobs leave the database and their kept output files are deleted.
class HistoryRetention final
{
public:
    /// Drops jobs older than `maxDays` (0: no limit) and beyond the newest `maxJobs` (0: no
    /// limit) — their rows in one transaction first, then their output files. Opens its own
    /// connection: safe on any thread. False with `error` set when the database refused.
    static bool apply(const QString &path, int maxDays, int maxJobs, qint64 *freedBytes,
                      QString *error);
};

} // namespace procdeck
