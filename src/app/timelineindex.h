#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>

#include <vector>

namespace procdeck::app {

/// The timeline's bars, kept as jobs start and end so that a repaint finds the ones in view
/// without walking every job: bars in start order (a binary search finds the first in view),
/// each in a job slot (the first slot free when it started, as GNU parallel's are), and per slot
/// its bars in order, so that the one bar of a slot that began before the view and reaches into
/// it is found by a binary search too. A query costs O(slots · log n + bars in view).
class TimelineIndex final
{
public:
    struct Bar {
        int seq = 0;
        qint64 startMs = 0;
        qint64 endMs = -1; ///< -1 while running
        int slot = 0;
    };

    /// A bar's end from a job's finishedAt(): -1 while it runs (invalid).
    static qint64 endMs(const QDateTime &finishedAt);

    void clear();
    /// A job started at `startMs` (ms since epoch), in job slot `slot` (from 1, the scheduler's)
    /// when the index draws jobs' own slots (replay()), else in the first slot free. Jobs come
    /// in the order they started; a start earlier than the last one (the wall clock went back)
    /// is taken as the last one's.
    void started(int seq, qint64 startMs, int slot = 0);
    /// A started job ended at `endMs`; its slot is free from then on.
    void ended(int seq, qint64 endMs);
    /// Made again from these jobs' times and slots (endMs -1: running), replayed in time order.
    /// `ownSlots`: each bar in its job's slot (slots are a batch's: for one batch's jobs), else
    /// in the first free as it started.
    void replay(const std::vector<Bar> &runs, bool ownSlots);

    int size() const { return int(m_bars.size()); }
    bool isEmpty() const { return m_bars.empty(); }
    const Bar &at(int index) const { return m_bars[size_t(index)]; }
    /// The bar of job `seq`, -1 when it never started here.
    int indexOf(int seq) const { return m_indexBySeq.value(seq, -1); }
    /// Slots used so far: how many ran at once at most.
    int slotCount() const { return int(m_slots.size()); }
    int runningCount() const { return m_running; }
    /// The last end, or `nowMs` while any bar runs (0 when empty).
    qint64 lastEnd(qint64 nowMs) const { return m_running > 0 ? nowMs : m_lastEnd; }

    /// The bars that overlap [fromMs, toMs] (running bars end at `nowMs`), in start order.
    QList<int> overlapping(qint64 fromMs, qint64 toMs, qint64 nowMs) const;
    /// How many of `bars` ran at once over [fromMs, toMs]: (time, count from then on), in order.
    QList<QPair<qint64, int>> runningSteps(const QList<int> &bars, qint64 fromMs, qint64 toMs,
                                           qint64 nowMs) const;

private:
    struct Slot {
        qint64 endMs = 0;    ///< when its last bar ended; -1 while it runs
        std::vector<int> bars; ///< indices into m_bars, in start order
    };
    std::vector<Bar> m_bars;
    std::vector<Slot> m_slots;
    QHash<int, int> m_indexBySeq;
    int m_running = 0;
    qint64 m_lastEnd = 0;
    bool m_ownSlots = false;
};

} // namespace procdeck::app
