#include "escapeesweep.h"

#include "proctable.h"
#include "reaper.h"
#include "session.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QThreadPool>

#include <csignal>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>

namespace procdeck::escapeesweep {

namespace {

/// The job tree id a process is marked with (-1: none), remembered by pid and start time.
class MarkerCache
{
public:
    /// `unread`: the environment read empty, as it does for a moment inside an execve().
    int treeIdOf(const proctable::ProcessInfo &info, bool *unread)
    {
        *unread = false;
        const auto it = m_seen.constFind(info.pid);
        if (it != m_seen.constEnd() && it->first == info.startTime)
            return it->second;
        const QByteArray &prefix = markerPrefix();
        const int id = int(proctable::environNumberAfter(info.pid, prefix.constData(),
                                                         size_t(prefix.size()), unread));
        // Read mid-execve (empty for a moment), "unmarked" would be remembered wrongly for ever:
        // the pid and start time stay the same across the exec.
        if (!*unread)
            m_seen.insert(info.pid, {info.startTime, id});
        return id;
    }
    void forgetAllBut(const QSet<pid_t> &alive)
    {
        for (auto it = m_seen.begin(); it != m_seen.end();)
            it = alive.contains(it.key()) ? std::next(it) : m_seen.erase(it);
    }

private:
    static const QByteArray &markerPrefix()
    {
        static const QByteArray prefix = session::markerPrefix();
        return prefix;
    }
    QHash<pid_t, QPair<unsigned long long, int>> m_seen;
};

constexpr int kExecReadTries = 20; ///< at most 2 ms on a process caught inside an execve()
constexpr int kExecReadPauseUs = 100;
constexpr pid_t kKernelThreads = 2; ///< kthreadd, the parent of every kernel thread

constexpr int kIoprioWhoProcess = 1; // linux/ioprio.h's; glibc has no wrapper for the call

/// What a pass does to a tree's escapees: a signal, a priority, or both.
struct Wanted {
    int sig = 0;     ///< 0: none
    bool renice = false;
    int nice = 0;
    int ioprio = -1; ///< -1: unchanged
};

void actIfPending(pid_t pid, int treeId, const QHash<int, Wanted> &pending)
{
    const auto it = pending.constFind(treeId);
    if (treeId <= 0 || it == pending.constEnd())
        return;
    if (it->renice) {
        ::setpriority(PRIO_PROCESS, id_t(pid), it->nice);
        if (it->ioprio >= 0)
            ::syscall(SYS_ioprio_set, kIoprioWhoProcess, pid, it->ioprio);
    }
    if (it->sig == 0)
        return;
    ::kill(pid, it->sig);
    if (it->sig == SIGTERM)
        ::kill(pid, SIGCONT); // a stopped process cannot act on SIGTERM
}

/// The passes: asked for from the jobs' thread, made one at a time on the sweep's own thread.
class Sweep
{
public:
    static Sweep &instance()
    {
        static Sweep sweep;
        return sweep;
    }

    void request(int treeId, int sig)
    {
        const QMutexLocker lock(&m_mutex);
        int &wanted = m_pending[treeId].sig;
        wanted = sig == SIGKILL || wanted == SIGKILL ? SIGKILL
                                                     : sig; // KILL wins; TERM+CONT otherwise
        scheduleLocked();
    }

    void renice(int treeId, int nice, int ioprio)
    {
        const QMutexLocker lock(&m_mutex);
        Wanted &wanted = m_pending[treeId];
        wanted.renice = true;
        wanted.nice = nice;
        wanted.ioprio = ioprio;
        scheduleLocked();
    }

    void runNow() { m_pool.waitForDone(); }

private:
    Sweep()
    {
        m_pool.setMaxThreadCount(1); // passes in the order asked, and the cache read by one thread
    }

    /// A pass for what is pending, unless one is queued already (m_mutex held).
    void scheduleLocked()
    {
        // The running jobs' groups as they are now (reaper's list is the jobs' thread's own).
        m_runningGroups = reaper::registeredChildren();
        if (!m_scheduled) {
            m_scheduled = true;
            m_pool.start([this] { pass(); });
        }
    }

    /// On the sweep's thread.
    void pass()
    {
        QHash<int, Wanted> pending;
        QSet<pid_t> runningGroups;
        {
            const QMutexLocker lock(&m_mutex);
            m_scheduled = false;
            pending = std::exchange(m_pending, {});
            runningGroups = m_runningGroups;
        }
        if (pending.isEmpty())
            return;
        struct Context {
            MarkerCache *markers;
            const QHash<int, Wanted> *pending;
            const QSet<pid_t> *runningGroups;
            QSet<pid_t> alive;
            QList<proctable::ProcessInfo> unread;
            pid_t me;
        } context{&m_markers, &pending, &runningGroups, {}, {}, ::getpid()};
        proctable::forEachProcess(
            [](const proctable::ProcessInfo &info, void *raw) {
                auto *c = static_cast<Context *>(raw);
                if (!info.alive() || info.pid == c->me)
                    return;
                c->alive.insert(info.pid);
                // A member of a running job's group is signalled through its group, if at all.
                if (info.pgrp > 1 && c->runningGroups->contains(info.pgrp))
                    return;
                bool unread = false;
                const int id = c->markers->treeIdOf(info, &unread);
                if (unread)
                    c->unread << info;
                else
                    actIfPending(info.pid, id, *c->pending);
            },
            &context);
        // Caught inside an execve(): looked at again, all together, for up to 2 ms (this thread
        // may wait). Kernel threads read empty for ever: not worth a look.
        QList<proctable::ProcessInfo> unread;
        for (const proctable::ProcessInfo &info : std::as_const(context.unread))
            if (info.pid != kKernelThreads && info.ppid != kKernelThreads)
                unread << info;
        for (int round = 0; !unread.isEmpty() && round < kExecReadTries; ++round) {
            ::usleep(kExecReadPauseUs);
            for (auto it = unread.begin(); it != unread.end();) {
                bool stillUnread = false;
                const int id = m_markers.treeIdOf(*it, &stillUnread);
                if (stillUnread) {
                    ++it;
                    continue;
                }
                actIfPending(it->pid, id, pending);
                it = unread.erase(it);
            }
        }
        m_markers.forgetAllBut(context.alive);
    }

    QMutex m_mutex;
    QHash<int, Wanted> m_pending; ///< tree id → what to do (m_mutex)
    QSet<pid_t> m_runningGroups; ///< (m_mutex)
    bool m_scheduled = false;    ///< a pass is queued that has not taken m_pending yet (m_mutex)
    MarkerCache m_markers;       ///< the sweep's thread only
    QThreadPool m_pool;
};

} // namespace

void request(int treeId, int sig)
{
    Sweep::instance().request(treeId, sig);
}

void renice(int treeId, int nice, int ioprio)
{
    Sweep::instance().renice(treeId, nice, ioprio);
}

void runNow()
{
    Sweep::instance().runNow();
}

} // namespace procdeck::escapeesweep
