#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace procdeck {

/// One job for the sampler to read: its seq, process group and marker number (Job::treeId()).
struct SampleTarget {
    int seq = 0;
    qint64 pgid = 0;
    int treeId = 0;
    bool paused = false; ///< stopped by ProcDeck: its quiet is not idleness
};

/// Where some processes of an idle job wait: their state letter (S sleeping, D disk wait …), the
/// system call they are in (/proc/PID/syscall's number by name; empty when unreadable or
/// unknown) and the kernel function they sleep in (/proc/PID/wchan; empty when unreadable).
struct ProcessWait {
    char state = 0;
    QByteArray call;
    QByteArray channel;
    int count = 0; ///< processes waiting so
    friend bool operator==(const ProcessWait &a, const ProcessWait &b)
    {
        return a.state == b.state && a.call == b.call && a.channel == b.channel
            && a.count == b.count;
    }
};
using ProcessWaits = QList<ProcessWait>; ///< the most processes first
using SampleTargets = QList<SampleTarget>;

/// One job tree's totals, read from /proc: resident KiB, CPU seconds and bytes read from and
/// written to storage (/proc/PID/io's read_bytes, write_bytes), each of the living members plus
/// what they collected from their ended children.
struct GroupTotals {
    qint64 rssKb = 0;
    double cpuSeconds = 0;
    int processes = 0;
    qint64 ioReadBytes = 0;
    qint64 ioWriteBytes = 0;
    int ioReadable = 0; ///< members whose io file could be read (0: I/O not measured)
    qint64 ticks = 0;   ///< cpuSeconds in clock ticks: what tells activity, exactly
    /// How long the tree has used no CPU, done no I/O and kept its members (ms), once that is
    /// over the idle setting (else 0); and where its processes wait then.
    qint64 idleMs = 0;
    ProcessWaits waits;
};

/// One process of the job the Processes view shows, as the sampler's thread read it.
struct ProcessRow {
    qint64 pid = 0;
    qint64 ppid = 0;
    unsigned long long startTime = 0; ///< with pid, names the process uniquely
    char state = 0;                   ///< /proc's letter: R S D T t Z I …
    QString command;                  ///< its command line (the name in [] when it has none)
    double cpuPercent = 0;            ///< over the last interval; 100 = one core
    qint64 rssKb = 0;
    int threads = 0;
    qint64 ioReadBytes = -1; ///< -1: not readable
    qint64 ioWriteBytes = -1;
    double ioReadRate = 0; ///< bytes per second over the last interval
    double ioWriteRate = 0;
    int descriptors = -1; ///< open file descriptors; -1: not readable
};
using ProcessRows = QList<ProcessRow>;

} // namespace procdeck

Q_DECLARE_METATYPE(procdeck::SampleTargets)
Q_DECLARE_METATYPE(procdeck::ProcessRows)
Q_DECLARE_METATYPE(procdeck::GroupTotals)
