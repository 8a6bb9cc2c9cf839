#include "timelineindex.h"

#include <algorithm>

namespace procdeck::app {

qint64 TimelineIndex::endMs(const QDateTime &finishedAt)
{
    return finishedAt.isValid() ? finishedAt.toMSecsSinceEpoch() : -1;
}

void TimelineIndex::clear()
{
    m_bars.clear();
    m_slots.clear();
    m_indexBySeq.clear();
    m_running = 0;
    m_lastEnd = 0;
}

void TimelineIndex::started(int seq, qint64 startMs, int jobSlot)
{
    if (m_indexBySeq.contains(seq))
        return;
    if (!m_bars.empty())
        startMs = qMax(startMs, m_bars.back().startMs); // keeps the order binary searches rely on
    size_t slot = m_ownSlots && jobSlot > 0 ? size_t(jobSlot - 1) : 0;
    while (!(m_ownSlots && jobSlot > 0) && slot < m_slots.size()
           && (m_slots[slot].endMs < 0 || m_slots[slot].endMs > startMs))
        ++slot;
    if (slot >= m_slots.size())
        m_slots.resize(slot + 1);
    const int index = int(m_bars.size());
    m_bars.push_back(Bar{seq, startMs, -1, int(slot)});
    m_slots[slot].endMs = -1;
    m_slots[slot].bars.push_back(index);
    m_indexBySeq.insert(seq, index);
    ++m_running;
}

void TimelineIndex::ended(int seq, qint64 endMs)
{
    const int index = indexOf(seq);
    if (index < 0 || m_bars[size_t(index)].endMs >= 0)
        return;
    Bar &bar = m_bars[size_t(index)];
    bar.endMs = qMax(endMs, bar.startMs);
    m_slots[size_t(bar.slot)].endMs = bar.endMs; // a slot is never given away while its bar runs
    --m_running;
    m_lastEnd = qMax(m_lastEnd, bar.endMs);
}

void TimelineIndex::replay(const std::vector<Bar> &runs, bool ownSlots)
{
    clear();
    m_ownSlots = ownSlots;
    struct Event {
        qint64 ms;
        bool start;
        int seq;
        int slot;
        bool operator<(const Event &o) const // an end before a start at the same moment
        {
            return ms != o.ms ? ms < o.ms : (start != o.start ? !start : seq < o.seq);
        }
    };
    std::vector<Event> events;
    for (const Bar &run : runs) {
        events.push_back({run.startMs, true, run.seq, run.slot});
        if (run.endMs >= 0)
            events.push_back({run.endMs, false, run.seq, run.slot});
    }
    std::sort(events.begin(), events.end());
    for (const Event &e : events) {
        if (e.start)
            started(e.seq, e.ms, e.slot);
        else
            ended(e.seq, e.ms);
    }
}

QList<QPair<qint64, int>> TimelineIndex::runningSteps(const QList<int> &bars, qint64 fromMs,
                                                      qint64 toMs, qint64 nowMs) const
{
    QList<QPair<qint64, int>> events;
    for (const int index : bars) {
        const Bar &b = at(index);
        events << qMakePair(qMax(b.startMs, fromMs), 1)
               << qMakePair(qMin(b.endMs < 0 ? nowMs : b.endMs, toMs), -1);
    }
    std::sort(events.begin(), events.end());
    int running = 0;
    for (auto &e : events)
        e.second = running += e.second;
    return events;
}

QList<int> TimelineIndex::overlapping(qint64 fromMs, qint64 toMs, qint64 nowMs) const
{
    const auto startsAfter = [this](qint64 ms) {
        return int(std::upper_bound(m_bars.begin(), m_bars.end(), ms,
                                    [](qint64 t, const Bar &b) { return t < b.startMs; })
                   - m_bars.begin());
    };
    const auto endOf = [nowMs](const Bar &b) { return b.endMs < 0 ? nowMs : b.endMs; };
    // Bars that began before the view: in each slot, only its last bar before the view can
    // reach into it (a slot's bars do not overlap).
    QList<int> out;
    for (const Slot &slot : m_slots) {
        const auto it = std::lower_bound(
                slot.bars.begin(), slot.bars.end(), fromMs,
                [this](int i, qint64 t) { return m_bars[size_t(i)].startMs < t; });
        if (it == slot.bars.begin())
            continue;
        const int before = *std::prev(it);
        if (endOf(m_bars[size_t(before)]) >= fromMs)
            out << before;
    }
    std::sort(out.begin(), out.end());
    // Bars that begin in the view: one range.
    const int first = startsAfter(fromMs - 1);
    const int last = startsAfter(toMs);
    out.reserve(out.size() + qMax(0, last - first));
    for (int i = first; i < last; ++i)
        out << i;
    return out;
}

} // namespace procdeck::app
