#pragma once

#include <QList>

namespace procdeck {

/// What a job's whole process tree costs, as sampled from /proc: CPU and memory summed over
/// every process of its group (grandchildren included).
struct JobUsage {
    static constexpr int kHistory = 120; ///< samples kept for the sparkline and chart

    double cpuPercent = 0;    ///< over the last interval; 100 = one core
    qint64 rssKb = 0;         ///< resident memory now
    qint64 peakRssKb = 0;     ///< the largest rssKb seen
    double cpuSeconds = 0;    ///< user + system, living members and the children they collected;
                              ///< at the end, also the leader's final figure from getrusage
    int processes = 0;        ///< members of the group at the last sample
    int samples = 0;
    QList<float> cpuHistory;  ///< cpuPercent, oldest first
    QList<qint64> rssHistory; ///< rssKb, oldest first

    /// Adds a sample (keeping kHistory of them) and updates the peak and totals.
    void add(double percent, qint64 rss, double seconds, int members);
};

} // namespace procdeck
