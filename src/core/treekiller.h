#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <sys/types.h>

namespace procdeck {

/// Ends one job's process tree: its process group and every process that carries the job's
/// environment marker outside it (escapees: `setsid`, double forks). The one home of kill
/// escalation — timeouts, kills, quitting and the leftover sweep use an instance; the guardian
/// uses signalTree(), which allocates nothing.
class TreeKiller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TreeKiller)

public:
    TreeKiller(pid_t pgid, QByteArray markerEntry, QObject *parent = nullptr);

    /// SIGTERM to the tree now; SIGKILL to whatever of it is left after `graceSeconds`.
    /// A second call while the grace runs changes nothing.
    void terminate(double graceSeconds);
    /// SIGKILL to the tree now.
    void killNow();
    bool isTerminating() const { return m_graceTimer.isActive(); }
    /// After the leader has exited: SIGKILL to every process of the tree still alive. Returns
    /// their pids (for the job's notes); empty when nothing was left.
    QList<pid_t> sweepLeftovers();

    /// Sends `sig` to group `pgid` (when > 1) and to every living process whose environment has
    /// `marker` (as a whole entry, or as a prefix when `prefixOnly`) outside that group.
    /// Returns how many marked processes outside the group were signalled. Async-signal-safe.
    static int signalTree(pid_t pgid, const char *marker, size_t markerLength, bool prefixOnly, int sig) noexcept;
    /// The living processes of the tree (group members and marked processes).
    static QList<pid_t> livingTree(pid_t pgid, const QByteArray &markerEntry);

signals:
    /// The grace period ran out and SIGKILL was sent.
    void escalated(double graceSeconds);

private:
    void signalAll(int sig);

    const pid_t m_pgid;
    const QByteArray m_marker;
    double m_graceSeconds = 0;
    QTimer m_graceTimer;
};

} // namespace procdeck
