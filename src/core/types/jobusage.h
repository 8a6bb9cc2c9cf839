#pragma once

#include "samplertypes.h"

#include <QList>

namespace procdeck {

/// One sample of a job's tree, as the sampler hands it to the job.
struct UsageSample {
    double cpuPercent = 0;
    qint64 rssKb = 0;
    double cpuSeconds = 0;
    int processes = 0;
    qint64 ioReadBytes = -1;  ///< -1: no member's /proc/PID/io could be read
    qint64 ioWriteBytes = -1;
    double ioReadRate = 0;    ///< bytes per second over the last interval
    double ioWriteRate = 0;
    /// How long the tree has used no CPU nor done I/O, when over the idle setting (0: not idle),
    /// and where its processes wait.
    qint64 idleMs = 0;
    ProcessWaits waits;
};

/// What a job's whole process tree costs, as sampled from /proc: CPU, memory and storage I/O
/// summed over every process of its group (grandchildren included).
struct JobUsage {
    static constexpr int kHistory = 120; ///< samples kept for the sparkline and chart

    double cpuPercent = 0;    ///< over the last interval; 100 = one core
    qint64 rssKb = 0;         ///< resident memory now
    qint64 peakRssKb = 0;     ///< the largest rssKb seen
    double cpuSeconds = 0;    ///< user + system, living members and the children they collected;
                              ///< at the end, also the leader's final figure from getrusage
    int processes = 0;        ///< members of the group at the last sample
    int samples = 0;
    qint64 ioReadBytes = -1;  ///< read_bytes of the tree, as cpuSeconds; -1: never measured
    qint64 ioWriteBytes = -1; ///< write_bytes, likewise
    double ioReadRate = 0;    ///< bytes per second over the last interval
    double ioWriteRate = 0;
    QList<float> cpuHistory;  ///< cpuPercent, oldest first
    QList<qint64> rssHistory; ///< rssKb, oldest first
    QList<float> ioReadHistory;  ///< ioReadRate, oldest first
    QList<float> ioWriteHistory; ///< ioWriteRate, oldest first
    /// No CPU and no I/O for this long while it runs, over the idle setting (0: not idle); where
    /// its processes wait then. As of the last sample.
    qint64 idleMs = 0;
    ProcessWaits idleWaits;

    /// Adds a sample (keeping kHistory of them) and updates the peak and totals.
    void add(const UsageSample &sample);
    /// Frees the samples kept for the sparkline and chart; the totals and peaks stay. For an
    /// ended job where nothing draws them: 120 samples cost ~2.4 KiB a job.
    void forgetHistory();
    /// Raises the I/O totals to at least these (never backwards; -1 leaves one as it is).
    void raiseIo(qint64 readBytes, qint64 writeBytes);
};

} // namespace procdeck
