#include "treekiller.h"

#include "processgroup.h"
#include "proctable.h"
#include "reaper.h"

#include <QtGlobal>

#include <climits>
#include <csignal>
#include <unistd.h>

namespace procdeck {

namespace {

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

struct LivingScan {
    pid_t pgid;
    const QByteArray *marker;
    QList<pid_t> *out;
};

void collectLiving(const proctable::ProcessInfo &info, void *context)
{
    auto *scan = static_cast<LivingScan *>(context);
    if (!info.alive())
        return;
    if ((scan->pgid > 1 && info.pgrp == scan->pgid)
        || proctable::environHas(info.pid, scan->marker->constData(), size_t(scan->marker->size()), true))
        scan->out->append(info.pid);
}

} // namespace

TreeKiller::TreeKiller(pid_t pgid, QByteArray markerEntry, QObject *parent)
    : QObject(parent), m_pgid(pgid), m_marker(std::move(markerEntry))
{
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setTimerType(Qt::PreciseTimer); // a grace period is a promise, like a timeout
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        signalAll(SIGKILL);
        emit escalated(m_graceSeconds);
    });
}

int TreeKiller::signalTree(pid_t pgid, const char *marker, size_t markerLength, bool prefixOnly, int sig) noexcept
{
    if (pgid > 1)
        ::kill(-pgid, sig);
    if (!marker || markerLength == 0)
        return 0;
    SignalScan scan{pgid, marker, markerLength, prefixOnly, sig, ::getpid(), 0};
    proctable::forEachProcess(&signalIfMarked, &scan);
    return scan.signalled;
}

QList<pid_t> TreeKiller::livingTree(pid_t pgid, const QByteArray &markerEntry)
{
    QList<pid_t> living;
    LivingScan scan{pgid, &markerEntry, &living};
    proctable::forEachProcess(&collectLiving, &scan);
    return living;
}

void TreeKiller::signalAll(int sig)
{
    signalTree(m_pgid, m_marker.constData(), size_t(m_marker.size()), false, sig);
}

void TreeKiller::terminate(double graceSeconds)
{
    if (m_graceTimer.isActive())
        return;
    m_graceSeconds = graceSeconds;
    signalAll(SIGTERM);
    // A stopped process would never act on SIGTERM: wake it so that it can.
    signalAll(SIGCONT);
    m_graceTimer.start(int(qBound(0.0, graceSeconds * 1000.0, double(INT_MAX))));
}

void TreeKiller::killNow()
{
    m_graceTimer.stop();
    signalAll(SIGKILL);
}

QList<pid_t> TreeKiller::sweepLeftovers()
{
    // The cheap look first: nobody left in the group and no process re-parented to us means no
    // escapee either (an escapee whose parent is gone is ours, as we are the subreaper) — unless
    // a kill is under way, when an escapee may still have a living parent in the tree.
    const bool groupEmpty = m_pgid <= 1 || (::kill(-m_pgid, 0) != 0 && errno == ESRCH);
    if (groupEmpty && !m_graceTimer.isActive() && reaper::strayChildren().isEmpty())
        return {};
    QList<pid_t> leftovers = livingTree(m_pgid, m_marker);
    // A process forking while we look may add one more: look again until nothing is left.
    for (int pass = 0; pass < 4 && !leftovers.isEmpty(); ++pass) {
        signalAll(SIGKILL);
        const QList<pid_t> again = livingTree(m_pgid, m_marker);
        for (const pid_t pid : again)
            if (!leftovers.contains(pid))
                leftovers << pid;
        if (again.isEmpty())
            break;
    }
    m_graceTimer.stop();
    return leftovers;
}

} // namespace procdeck
