#include "treekiller.h"

#include "escapeesweep.h"
#include "proctable.h"
#include "reaper.h"
#include "session.h"

#include <QCoreApplication>
#include <QStringList>

#include <climits>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace procdeck {

namespace {

constexpr int kReapAgainMs = 200; ///< killed escapees become zombies a moment later

/// A stray (a child of ours nobody registered) that carries no job marker at all and left our
/// process group: re-parented from a job's tree (jobs lead groups of their own). The helpers
/// core runs as QProcesses (squeue, scontrol, ssh probes) stay in our group.
bool isUnmarkedEscapee(pid_t pid)
{
    static const QByteArray anyMarker = QByteArray(session::kMarkerName) + '=';
    const pid_t group = ::getpgid(pid);
    return group > 0 && group != ::getpgrp()
        && !proctable::environHas(pid, anyMarker.constData(), size_t(anyMarker.size()), false);
}

// ---- The guardian's scan: every process, no allocation. ----

struct SignalScan {
    pid_t pgid;
    const char *marker;
    size_t markerLength;
    bool prefixOnly;
    int sig;
    pid_t self;
    int signalled;
};

void signalIfMarked(const proctable::ProcessInfo &info, void *context)
{
    auto *scan = static_cast<SignalScan *>(context);
    if (!info.alive() || info.pid == scan->self || (scan->pgid > 1 && info.pgrp == scan->pgid))
        return;
    if (proctable::environHas(info.pid, scan->marker, scan->markerLength, !scan->prefixOnly)) {
        ::kill(info.pid, scan->sig);
        ++scan->signalled;
    }
}

/// The killers whose grace timer runs (one thread starts and ends jobs).
int s_terminating = 0;

constexpr int kFollowUpSweepMs = 200; ///< children of killed escapees appear a moment later
constexpr int kExecReadTries = 20;      ///< at most 2 ms on a stray caught inside an execve()
constexpr int kExecReadPauseUs = 100;

/// Already on its way out: exiting, ended, or a fatal signal pending that it has not yet run
/// to act on — the group's own (a USR1 sent from ProcDeck that ended the leader first), a
/// moment from ending it. Not left over, though the sweep's SIGKILL reaches it all the same.
bool isDying(pid_t pid)
{
    proctable::ProcessInfo info;
    return !proctable::readProcess(pid, &info) || info.dying()
        || proctable::fatalSignalPending(pid);
}

/// Whose a stray of ours is, for the tree whose marker entry is `marker`.
enum class Stray { Marked, Unmarked, Unknown, Other };

Stray classifyStray(pid_t pid, const QByteArray &marker)
{
    const auto read = [&](bool *unread) {
        return proctable::environHas(pid, marker.constData(), size_t(marker.size()), true, unread);
    };
    bool unread = false;
    bool marked = read(&unread);
    // Caught inside an execve() (an escapee's `setsid sleep` often is, as its shell exits):
    // its environment is there again within microseconds, so look a few more times.
    for (int tries = 0; !marked && unread && tries < kExecReadTries; ++tries) {
        ::usleep(kExecReadPauseUs);
        marked = read(&unread);
    }
    if (marked)
        return Stray::Marked;
    if (unread)
        return Stray::Unknown;
    // It shed the marker (`env -u PROCDECK_JOB setsid …`), yet it was re-parented to us: it
    // came from a job's tree, and only the marker could say whose. It is taken by the first
    // tree swept after it was left.
    return isUnmarkedEscapee(pid) ? Stray::Unmarked : Stray::Other;
}

} // namespace

TreeKiller::TreeKiller(pid_t pgid, int treeId, QObject *parent)
    : QObject(parent), m_pgid(pgid), m_treeId(treeId)
{
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setTimerType(Qt::PreciseTimer); // a grace period is a promise, like a timeout
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        --s_terminating;
        signalAll(SIGKILL);
        emit escalated(m_graceSeconds);
    });
}

TreeKiller::~TreeKiller()
{
    if (m_graceTimer.isActive())
        --s_terminating;
}

int TreeKiller::terminatingCount()
{
    return s_terminating;
}

int TreeKiller::signalTree(pid_t pgid, const char *marker, size_t markerLength, bool prefixOnly,
                           int sig) noexcept
{
    if (pgid > 1)
        ::kill(-pgid, sig);
    if (!marker || markerLength == 0)
        return 0;
    SignalScan scan{pgid, marker, markerLength, prefixOnly, sig, ::getpid(), 0};
    proctable::forEachProcess(&signalIfMarked, &scan);
    return scan.signalled;
}

void TreeKiller::signalAll(int sig)
{
    if (m_pgid > 1) {
        ::kill(-m_pgid, sig);
        if (sig == SIGTERM)
            ::kill(-m_pgid, SIGCONT);
    }
    escapeesweep::request(m_treeId, sig);
}

void TreeKiller::sweepNow()
{
    escapeesweep::runNow();
}

void TreeKiller::terminate(double graceSeconds)
{
    if (m_remote && m_remote->endsRunsItself()) {
        m_remote->terminate(graceSeconds); // srun: scancel, never a signal to its group first
        return;
    }
    if (m_graceTimer.isActive())
        return;
    m_graceSeconds = graceSeconds;
    signalAll(SIGTERM);
    m_graceTimer.start(int(qBound(0.0, graceSeconds * 1000.0, double(INT_MAX))));
    ++s_terminating;
}

void TreeKiller::killNow()
{
    if (m_graceTimer.isActive())
        --s_terminating;
    m_graceTimer.stop();
    if (m_remote && m_remote->endsRunsItself()) {
        m_remote->killNow(); // srun: scancel and srun's own end, never its group first
        return;
    }
    if (m_remote)
        m_remote->killNow();
    signalAll(SIGKILL);
}

QList<pid_t> TreeKiller::sweepLeftovers(pid_t pgid, int treeId, bool terminating)
{
    QList<pid_t> leftovers;
    // Ended members whose parent died are ours to collect (subreaper): collected first, they no
    // longer make the group look alive. What is left of the strays is alive.
    const QList<pid_t> strays = reaper::reapStrays();
    // The group: cheap to ask whether anyone is left; only then is /proc read for their pids.
    if (pgid > 1 && ::kill(-pgid, 0) == 0) {
        struct Members {
            pid_t pgid;
            QList<pid_t> *out;
        } members{pgid, &leftovers};
        proctable::forEachProcess(
            [](const proctable::ProcessInfo &info, void *raw) {
                auto *m = static_cast<Members *>(raw);
                // One that a signal already ends is not left over (isDying()).
                if (info.alive() && info.pgrp == m->pgid && !info.dying()
                    && !proctable::fatalSignalPending(info.pid))
                    m->out->append(info.pid);
            },
            &members);
        // While a terminate() runs, the members got SIGTERM and keep their grace: a shell
        // leader dies of SIGTERM at once, its children may have a trap to run.
        if (!terminating)
            ::kill(-pgid, SIGKILL);
    }
    // Escapees whose parent is gone are ours now (we are the subreaper): few, and cheap to find.
    const QByteArray marker = strays.isEmpty() ? QByteArray() : session::markerEntry(treeId);
    bool unknownStrays = false;
    bool dyingStrays = false;
    for (const pid_t pid : strays) {
        // A group member whose parent died is a stray too: counted once.
        if (leftovers.contains(pid))
            continue;
        const Stray whose = classifyStray(pid, marker);
        unknownStrays = unknownStrays || whose == Stray::Unknown; // the sweeps below look again
        if (whose != Stray::Marked && whose != Stray::Unmarked)
            continue;
        if (isDying(pid)) // the leader's child, say, that the group's USR1 is ending too
            dyingStrays = true; // not named; the SIGKILL below all the same
        else
            leftovers << pid;
        // One that shed the marker cannot be found again through a grace period: SIGKILL now.
        if (!terminating || whose == Stray::Unmarked)
            ::kill(pid, SIGKILL);
    }
    if (dyingStrays) // ours to collect once they have ended, named or not
        QTimer::singleShot(kReapAgainMs, [] { reaper::reapStrays(); });
    if ((leftovers.isEmpty() && !unknownStrays) || terminating)
        return leftovers; // nothing left; or the escapees got SIGTERM and their grace runs on
    // Deeper escapees (a living escapee's children): one coalesced pass now, one a moment later.
    escapeesweep::request(treeId, SIGKILL);
    QTimer::singleShot(kFollowUpSweepMs, [treeId] {
        escapeesweep::request(treeId, SIGKILL);
        reaper::reapStrays();
    });
    return leftovers;
}

void TreeKiller::finishGraceDetached(std::unique_ptr<TreeKiller> killer)
{
    if (!killer || !killer->isTerminating())
        return;
    // Owned by the application from here (so that quitting mid-grace frees it), and by itself
    // until the grace ends.
    TreeKiller *raw = killer.release();
    raw->setParent(QCoreApplication::instance());
    // The leader is collected: its pid, and so the group's id, may be given to another process
    // before the grace ends. From here the tree is found by its marker only (its members carry
    // it too), never by that number.
    raw->m_pgid = 0;
    connect(raw, &TreeKiller::escalated, raw, [raw] {
        const int treeId = raw->m_treeId;
        QTimer::singleShot(kFollowUpSweepMs, [treeId] {
            escapeesweep::request(treeId, SIGKILL);
            reaper::reapStrays();
        });
        raw->deleteLater();
    });
}

QString TreeKiller::endTreeAfterLeader(std::unique_ptr<TreeKiller> killer, pid_t pgid, int treeId)
{
    const QList<pid_t> leftovers
            = killer ? killer->sweepLeftovers() : sweepLeftovers(pgid, treeId, false);
    QString note;
    if (!leftovers.isEmpty()) {
        QStringList pids;
        for (const pid_t pid : leftovers)
            pids << QString::number(pid);
        const bool inGrace = killer && killer->isTerminating();
        const QString list = pids.join(QLatin1String(", "));
        const int n = int(leftovers.size());
        note = inGrace ? tr("%n process(es) of its tree outlived it (%1): they had SIGTERM and get "
                            "SIGKILL when the grace period ends", nullptr, n).arg(list)
                       : tr("killed %n leftover process(es) of its tree after it exited: %1",
                            nullptr, n).arg(list);
        reaper::reapStrays();
        QTimer::singleShot(kReapAgainMs, [] { reaper::reapStrays(); });
    }
    // Escapees that got SIGTERM keep their grace period; the killer sees it through.
    finishGraceDetached(std::move(killer));
    return note;
}

} // namespace procdeck
