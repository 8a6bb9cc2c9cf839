#pragma once

#include "idlewatch.h"
#include "types/samplertypes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace procdeck {

namespace proctable {
struct ProcessInfo;
}

/// One pass over /proc that sums each job tree: members of its process group, and processes
/// elsewhere whose environment carries the job's marker (escapees). Which pid carries which
/// marker is remembered (by pid and start time), so a process's environment is read once, not
/// at every sample. The processes of one job (the one a view shows) are also listed one by one.
class ProcReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcReader)

public:
    explicit ProcReader(QObject *parent = nullptr);

    /// Totals by job seq; the processes of job `detailSeq` (0: none) into `*rows`.
    QHash<int, GroupTotals> read(const SampleTargets &targets, int detailSeq = 0,
                                 ProcessRows *rows = nullptr);
    /// read(), then sampled() and, for a detailSeq, processesSampled(): for the worker thread.
    void readAndReport(const procdeck::SampleTargets &targets, int detailSeq);
    /// A tree quiet this long (ms) is idle, its waits read; 0: never. Any thread.
    void setIdleAfterMs(qint64 ms) { m_idle.setIdleAfterMs(ms); }

signals:
    void sampled(const QHash<int, procdeck::GroupTotals> &bySeq);
    void processesSampled(int seq, const procdeck::ProcessRows &rows);

private:
    /// The tree id of this run that `pid` is marked with, -1 for none.
    int markedTree(qint64 pid, unsigned long long startTime);
    /// Fills in what a row needs beyond stat and io, and its rates since the last pass.
    void completeRow(ProcessRow *row, const proctable::ProcessInfo &p, qint64 now);

    const QByteArray m_markerPrefix;
    struct Seen {
        unsigned long long startTime;
        int treeId;
    };
    QHash<qint64, Seen> m_markers; ///< pid → its marker, as last read
    /// A listed process's figures at the last pass, for its rates.
    struct Before {
        unsigned long long startTime = 0;
        qint64 ms = 0;
        double cpuSeconds = 0;
        qint64 ioReadBytes = 0;
        qint64 ioWriteBytes = 0;
        unsigned long long ticks = 0; ///< its CPU ticks when its files below were read
        char state = 0;
        int reused = 0;               ///< samples that took them without reading
        QString command;
        int threads = 0;
        int descriptors = -1;
    };
    QHash<qint64, Before> m_before; ///< pid → its last figures (the detailed job's only)
    /// A member's io figures as last read, and its CPU ticks then.
    struct IoSeen {
        unsigned long long startTime = 0;
        unsigned long long ticks = 0;
        qint64 readBytes = -1;
        qint64 writeBytes = -1;
        int reused = 0; ///< samples that took these figures without reading
    };
    QHash<qint64, IoSeen> m_io; ///< pid → its io file as last read
    /// `p`'s io figures into `io` (-1: unreadable): read again unless it has not run since.
    void readIo(const proctable::ProcessInfo &p, bool fresh, qint64 io[2]);
    QElapsedTimer m_clock;
    IdleWatch m_idle;
};

} // namespace procdeck
