#include "idlewatch.h"

#include "procfiles.h"

#include "process/proctable.h"

#include <QSet>

#include <algorithm>

namespace procdeck {

void IdleWatch::begin(const SampleTargets &targets, qint64 now)
{
    m_now = now;
    ++m_pass;
    const qint64 after = idleAfterMs();
    QSet<int> present;
    present.reserve(targets.size());
    for (const SampleTarget &target : targets) {
        present.insert(target.seq);
        const auto it = m_jobs.find(target.seq);
        if (it == m_jobs.end()) { // first seen: its start was activity
            Activity fresh;
            fresh.activeMs = now;
            fresh.paused = target.paused;
            m_jobs.insert(target.seq, fresh);
            continue;
        }
        // A pause is ProcDeck's doing, not the job's: its quiet counts from the resume.
        if (target.paused || it->paused)
            it->activeMs = now;
        it->paused = target.paused;
        it->idle = after > 0 && !target.paused && now - it->activeMs >= after;
        it->waits.clear();
    }
    for (auto it = m_jobs.begin(); it != m_jobs.end();)
        it = present.contains(it.key()) ? std::next(it) : m_jobs.erase(it);
    if (m_waits.isEmpty())
        return;
    for (auto it = m_waits.begin(); it != m_waits.end();) // gone, or its tree is busy again
        it = it->pass + 1 >= m_pass ? std::next(it) : m_waits.erase(it);
}

const IdleWatch::Wait &IdleWatch::waitOf(const proctable::ProcessInfo &p)
{
    // A process that has not run since its wait was read still waits there: read once.
    const unsigned long long ticks = p.userTicks + p.systemTicks;
    Wait &w = m_waits[p.pid];
    if (w.pass == 0 || w.startTime != p.startTime || w.ticks != ticks || w.state != p.state) {
        w.startTime = p.startTime;
        w.ticks = ticks;
        w.state = p.state;
        w.call = procfiles::systemCall(p.pid);
        w.channel = procfiles::waitChannel(p.pid);
    }
    w.pass = m_pass;
    return w;
}

void IdleWatch::see(int seq, const proctable::ProcessInfo &p)
{
    const auto it = m_jobs.find(seq);
    if (it == m_jobs.end() || !it->idle)
        return;
    const Wait &w = waitOf(p);
    for (ProcessWait &known : it->waits) {
        if (known.state == w.state && known.call == w.call && known.channel == w.channel) {
            ++known.count;
            return;
        }
    }
    it->waits.append({w.state, w.call, w.channel, 1});
}

void IdleWatch::end(int seq, GroupTotals *totals)
{
    const auto it = m_jobs.find(seq);
    if (it == m_jobs.end())
        return;
    Activity &a = *it;
    if (a.ticks != totals->ticks || a.ioReadBytes != totals->ioReadBytes
        || a.ioWriteBytes != totals->ioWriteBytes || a.processes != totals->processes) {
        if (a.ticks >= 0) // the first pass only sets the figures: the start was the activity
            a.activeMs = m_now;
        a.ticks = totals->ticks;
        a.ioReadBytes = totals->ioReadBytes;
        a.ioWriteBytes = totals->ioWriteBytes;
        a.processes = totals->processes;
        a.idle = false;
    }
    if (!a.idle)
        return;
    totals->idleMs = m_now - a.activeMs;
    std::stable_sort(a.waits.begin(), a.waits.end(),
                     [](const ProcessWait &x, const ProcessWait &y) { return x.count > y.count; });
    totals->waits = a.waits;
}

} // namespace procdeck
