#pragma once

#include "types/samplertypes.h"

#include <QHash>

#include <atomic>

namespace procdeck {

namespace proctable {
struct ProcessInfo;
}

/// Tells which job trees are idle: no CPU tick, no byte of storage I/O and no member come or
/// gone since some time. Lives with the sampler's reader, on its thread: each pass over /proc
/// begins with begin(), shows it every member (see()), and ends with end() on each tree's totals.
/// Where an idle tree's processes wait (/proc/PID/wchan and syscall) is read only for trees that
/// were idle already when the pass began, and once per process while it does not run.
class IdleWatch final
{
public:
    /// Quiet this long (ms) makes a tree idle; 0: never. Any thread.
    void setIdleAfterMs(qint64 ms) { m_idleAfterMs.store(ms, std::memory_order_relaxed); }
    qint64 idleAfterMs() const { return m_idleAfterMs.load(std::memory_order_relaxed); }

    /// A pass at `now` (ms, the reader's clock) over these targets begins.
    void begin(const SampleTargets &targets, qint64 now);
    /// A living member of job `seq`'s tree, in this pass.
    void see(int seq, const proctable::ProcessInfo &p);
    /// The pass has summed job `seq`'s tree: when it is idle (it was when the pass began and
    /// still is), fills in its idleMs and waits.
    void end(int seq, GroupTotals *totals);

private:
    struct Activity {
        qint64 ticks = -1;
        qint64 ioReadBytes = 0;
        qint64 ioWriteBytes = 0;
        int processes = 0;
        qint64 activeMs = 0; ///< when the tree last changed
        bool paused = false;
        bool idle = false;   ///< idle when this pass began: its members' waits are read
        ProcessWaits waits;  ///< this pass's, for an idle tree
    };
    /// One process's wait, as read while its CPU ticks were these.
    struct Wait {
        unsigned long long startTime = 0;
        unsigned long long ticks = 0;
        char state = 0;
        QByteArray call;
        QByteArray channel;
        qint64 pass = 0; ///< the last pass that saw it
    };
    const Wait &waitOf(const proctable::ProcessInfo &p);

    std::atomic<qint64> m_idleAfterMs{60'000};
    QHash<int, Activity> m_jobs; ///< seq → its tree's activity
    QHash<qint64, Wait> m_waits; ///< pid → where it waits (idle trees' members only)
    qint64 m_now = 0;
    qint64 m_pass = 0;
};

} // namespace procdeck
