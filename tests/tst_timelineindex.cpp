// The timeline's index of bars: the bars in a span found without walking every job, each job in
// the first slot free when it started. Checked against a plain walk over 100,000 bars.
#include "timelineindex.h"

#include <QRandomGenerator>
#include <QTest>

using procdeck::app::TimelineIndex;

class TestTimelineIndex : public QObject
{
    Q_OBJECT

private slots:
    void spansFindExactlyTheBarsInThem();
    void slotsAreTheFirstFreeAtStart();
    void oneBatchKeepsItsJobsSlots();
    void runningBarsReachToNow();
};

namespace {
struct Run {
    int seq;
    qint64 start;
    qint64 end;
};

/// `count` jobs, at most `parallel` at once, each 1–400 ms long, started as slots free up.
QList<Run> simulate(int count, int parallel, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<qint64> slotFree(parallel, 1000);
    QList<Run> runs;
    for (int seq = 1; seq <= count; ++seq) {
        const auto slot = std::min_element(slotFree.begin(), slotFree.end());
        const qint64 start = *slot + random.bounded(3);
        const qint64 end = start + 1 + random.bounded(400);
        *slot = end;
        runs << Run{seq, start, end};
    }
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.start < b.start; });
    return runs;
}

/// Feeds the index as the scheduler would: starts and ends in time order.
void feed(TimelineIndex &index, const QList<Run> &runs, qint64 until)
{
    QList<std::tuple<qint64, bool, int>> events; // (time, is a start, seq): an end first at a tie
    for (const Run &r : runs) {
        if (r.start <= until)
            events << std::make_tuple(r.start, true, r.seq);
        if (r.end <= until)
            events << std::make_tuple(r.end, false, r.seq);
    }
    std::sort(events.begin(), events.end());
    for (const auto &[ms, start, seq] : events) {
        if (start)
            index.started(seq, ms);
        else
            index.ended(seq, ms);
    }
}
} // namespace

void TestTimelineIndex::spansFindExactlyTheBarsInThem()
{
    const QList<Run> runs = simulate(100000, 16, 12);
    TimelineIndex index;
    feed(index, runs, std::numeric_limits<qint64>::max());
    QCOMPARE(index.size(), 100000);
    QCOMPARE(index.runningCount(), 0);
    QRandomGenerator random(7);
    const qint64 first = runs.first().start;
    const qint64 last = index.lastEnd(0);
    for (int i = 0; i < 40; ++i) {
        const qint64 from = first + random.bounded(last - first);
        const qint64 to = from + random.bounded(i % 2 ? 50 : 5000);
        QList<int> expected; // the plain walk
        for (int k = 0; k < index.size(); ++k)
            if (index.at(k).startMs <= to && index.at(k).endMs >= from)
                expected << k;
        const QList<int> found = index.overlapping(from, to, 0);
        QCOMPARE(found, expected);
        // What a repaint walks: the bars in the span and one per slot at most besides.
        QVERIFY(found.size() <= int(std::count_if(runs.begin(), runs.end(), [&](const Run &r) {
                    return r.start >= from && r.start <= to; })) + index.slotCount());
    }
    // The whole span: every bar.
    QCOMPARE(index.overlapping(first, last, 0).size(), 100000);
}

void TestTimelineIndex::slotsAreTheFirstFreeAtStart()
{
    const QList<Run> runs = simulate(5000, 8, 3);
    TimelineIndex index;
    feed(index, runs, std::numeric_limits<qint64>::max());
    QCOMPARE(index.slotCount(), 8); // never more slots than ran at once
    // GNU parallel's job slots: a job takes the lowest slot free when it starts, and the bars of
    // one slot never overlap.
    QList<qint64> slotEnds;
    for (int k = 0; k < index.size(); ++k) {
        const TimelineIndex::Bar &bar = index.at(k);
        int slot = 0;
        while (slot < slotEnds.size() && slotEnds[slot] > bar.startMs)
            ++slot;
        if (slot == slotEnds.size())
            slotEnds << bar.endMs;
        else
            slotEnds[slot] = bar.endMs;
        QCOMPARE(bar.slot, slot);
        QCOMPARE(index.indexOf(bar.seq), k);
    }
}

void TestTimelineIndex::runningBarsReachToNow()
{
    TimelineIndex index;
    index.started(1, 1000);
    index.started(2, 1100);
    index.ended(1, 1200);
    index.started(3, 1300); // slot 0 is free again
    QCOMPARE(index.at(2).slot, 0);
    QCOMPARE(index.runningCount(), 2);
    QCOMPARE(index.lastEnd(5000), qint64(5000));
    // Job 2 began before the span and still runs: it is in it; job 1 ended before it.
    QCOMPARE(index.overlapping(1250, 1260, 5000), (QList<int>{1}));
    QCOMPARE(index.overlapping(1250, 1400, 5000), (QList<int>{1, 2}));
    index.started(4, 900); // the clock went back: taken as the last start
    QCOMPARE(index.at(3).startMs, qint64(1300));
    QCOMPARE(index.indexOf(99), -1);
}

void TestTimelineIndex::oneBatchKeepsItsJobsSlots()
{
    // Issue 24.3: the slot each job really had (the scheduler's, GNU parallel's {%}), not the
    // first free one worked out again: job 1 ran in slot 2 while job 2 had slot 1.
    TimelineIndex index;
    index.replay({{1, 1000, 2000, 2}, {2, 1100, 1500, 1}, {3, 1600, -1, 1}}, true);
    QCOMPARE(index.at(index.indexOf(1)).slot, 1); // rows count from 0
    QCOMPARE(index.at(index.indexOf(2)).slot, 0);
    QCOMPARE(index.at(index.indexOf(3)).slot, 0);
    QCOMPARE(index.slotCount(), 2);
    index.started(4, 2100, 2);
    QCOMPARE(index.at(index.indexOf(4)).slot, 1);
    // Every batch's jobs together: slots are each batch's, so bars go where they fit.
    index.replay({{1, 1000, 2000, 2}, {2, 1100, 1500, 1}}, false);
    QCOMPARE(index.at(index.indexOf(1)).slot, 0);
    QCOMPARE(index.at(index.indexOf(2)).slot, 1);
}

QTEST_MAIN(TestTimelineIndex)
#include "tst_timelineindex.moc"
