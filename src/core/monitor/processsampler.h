#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QThread>
#include <QTimer>

#include "types/samplertypes.h"

#include <memory>

namespace procdeck {

class Job;
class Scheduler;
class ProcReader;

/// Samples CPU, memory and storage I/O of every running job's process tree from /proc, every
/// interval (0.5 s by default), with one pass over /proc per sample whatever the number of jobs.
/// A tree is the job's process group and its escapees (processes carrying the job's marker
/// outside the group). The timer's samples are read on a thread of their own: /proc is never
/// read on the thread that owns the jobs (the window's).
class ProcessSampler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessSampler)

public:
    /// Also reads the load and free memory for the scheduler's --load, --memfree and
    /// --memsuspend (Scheduler::setSystemFigures), while it has such limits.
    explicit ProcessSampler(Scheduler *scheduler, QObject *parent = nullptr);
    ~ProcessSampler() override;

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }
    /// Takes one sample now, on this thread (tests and benchmarks; the timer's go to the worker).
    void sampleNow();
    /// Lists the processes of job `seq` one by one at each sample (processesSampled); 0: none.
    /// Only one job's: what a Processes view shows.
    void setDetailJob(int seq) { m_detailSeq = seq; }
    int detailJob() const { return m_detailSeq; }
    /// A running job whose tree used no CPU and did no storage I/O for `ms` is idle: its usage
    /// says so (JobUsage::idleMs) and where its processes wait. 0: never idle. Default 60 s.
    void setIdleAfterMs(qint64 ms);

    using GroupTotals = procdeck::GroupTotals;
    using Target = SampleTarget;
    using Targets = SampleTargets;
    /// The resident memory of one process (0: this one), in KiB, from /proc/<pid>/status.
    static qint64 residentKb(qint64 pid = 0);
    /// A job's figures at its last sample, for the rates over the interval.
    struct Last {
        qint64 ms = -1;
        double cpuSeconds = 0;
        qint64 ioReadBytes = 0;
        qint64 ioWriteBytes = 0;
    };

signals:
    void sampleWanted(const procdeck::SampleTargets &targets, int detailSeq);
    /// The processes of the detail job at this sample (none once its tree has gone).
    void processesSampled(int seq, const procdeck::ProcessRows &rows);

private:
    Targets runningTargets() const;
    /// One timer tick: the trees' sample and the system's figures, each on the worker thread.
    void onTick();
    /// The load and free memory read on the worker thread, given to the scheduler here.
    void readSystemFigures();
    void apply(const QHash<int, GroupTotals> &bySeq);

    Scheduler *m_scheduler;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<const Job *, Last> m_last;
    QThread m_thread;
    ProcReader *m_reader = nullptr; ///< lives on m_thread, deleted when it finishes
    std::unique_ptr<ProcReader> m_localReader; ///< sampleNow()'s, on this thread
    bool m_inFlight = false;        ///< a worker sample is under way: do not pile them up
    bool m_systemInFlight = false;  ///< and a reading of the system's figures
    int m_detailSeq = 0;
    qint64 m_idleAfterMs = 60'000;
};

} // namespace procdeck
