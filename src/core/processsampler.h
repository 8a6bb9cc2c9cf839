#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace procdeck {

class Job;
class Scheduler;

/// Samples CPU and memory of every running job's process group from /proc, every interval
/// (0.5 s by default), with one pass over /proc per sample whatever the number of jobs.
class ProcessSampler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessSampler)

public:
    explicit ProcessSampler(const Scheduler *scheduler, QObject *parent = nullptr);

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }
    /// Takes one sample now (the timer calls it; tests and benchmarks may too).
    void sampleNow();

    /// One process group's totals, read from /proc: resident KiB and CPU seconds (user + system
    /// of the living members plus what they collected from their ended children).
    struct GroupTotals {
        qint64 rssKb = 0;
        double cpuSeconds = 0;
        int processes = 0;
    };
    /// The resident memory of one process (0: this one), in KiB, from /proc/<pid>/status.
    static qint64 residentKb(qint64 pid = 0);
    /// Reads the totals of the given groups in one pass over /proc.
    static QHash<qint64, GroupTotals> readGroups(const QList<qint64> &pgids);

private:
    const Scheduler *m_scheduler;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<const Job *, QPair<qint64, double>> m_last; ///< when (ms) and CPU seconds at the last sample
};

} // namespace procdeck
