#pragma once

#include <QObject>
#include <QTimer>

#include <set>

namespace procdeck {
class Job;
class PeerConnection;
class Scheduler;
} // namespace procdeck

/// A "watch": every job the engine has (pages of "jobs", then "end"), then "changed" with the
/// records of the jobs that changed since (new, started, paused, resumed, ended, more output),
/// gathered for kCoalesceMs. Sent only while the peer reads (its queue under
/// PeerConnection::kLowWater): what it has not taken waits as a set of job numbers, never as
/// records, so a slow watcher costs the engine a number per changed job and slows nobody else.
class WatchStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchStream)

public:
    WatchStream(procdeck::Scheduler *scheduler, procdeck::PeerConnection *peer,
                QObject *parent = nullptr);

    static constexpr int kPageJobs = 500;
    static constexpr int kCoalesceMs = 250;

private:
    void onChanged(procdeck::Job *job);
    /// Sends what may be sent now: the pages of the first listing, then the changes.
    void pump();
    void sendPages();
    void sendChanges();

    procdeck::Scheduler *m_scheduler;
    procdeck::PeerConnection *m_peer;
    int m_next = 0; ///< the index of the next job of the first listing; -1 once "end" is sent
    std::set<int> m_changed; ///< numbers (seq) of the jobs changed since their last record sent
    QTimer m_coalesce;
};
