#pragma once

#include <QList>
#include <QMetaType>

namespace procdeck {

/// One job for the sampler to read: its seq, process group and marker number (Job::treeId()).
struct SampleTarget {
    int seq = 0;
    qint64 pgid = 0;
    int treeId = 0;
};
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
};

} // namespace procdeck

Q_DECLARE_METATYPE(procdeck::SampleTargets)
Q_DECLARE_METATYPE(procdeck::GroupTotals)
