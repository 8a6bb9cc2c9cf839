#pragma once

#include "types/samplertypes.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

namespace procdeck {

/// One pass over /proc that sums each job tree: members of its process group, and processes
/// elsewhere whose environment carries the job's marker (escapees). Which pid carries which
/// marker is remembered (by pid and start time), so a process's environment is read once, not
/// at every sample.
class ProcReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcReader)

public:
    explicit ProcReader(QObject *parent = nullptr);

    /// Totals by job seq.
    QHash<int, GroupTotals> read(const SampleTargets &targets);
    /// read(), then sampled(): for the worker thread.
    void readAndReport(const procdeck::SampleTargets &targets);

signals:
    void sampled(const QHash<int, procdeck::GroupTotals> &bySeq);

private:
    /// The tree id of this run that `pid` is marked with, -1 for none.
    int markedTree(qint64 pid, unsigned long long startTime);

    const QByteArray m_markerPrefix;
    struct Seen {
        unsigned long long startTime;
        int treeId;
    };
    QHash<qint64, Seen> m_markers; ///< pid → its marker, as last read
};

} // namespace procdeck
