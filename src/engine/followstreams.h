#pragma once

#include <QCborMap>
#include <QHash>
#include <QMultiHash>
#include <QObject>

class EngineCore;
class FollowStream;

namespace procdeck {
class Job;
class PeerConnection;
} // namespace procdeck

/// The follows under way on one connection (docs/protocol.md): any number of jobs at once, each
/// at most once, their `output` and `ended` frames naming their job, so that a window mirroring a
/// batch follows every row's job on one connection rather than one connection a row. At most
/// kMostAtOnce per connection, so that what one client asks stays bounded. One connection to
/// the scheduler's output and end signals serves them all: each event goes to its job's stream
/// by one lookup, however many follow.
class FollowStreams final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowStreams)

public:
    static constexpr int kMostAtOnce = 1024;

    FollowStreams(EngineCore *core, procdeck::PeerConnection *peer, QObject *parent = nullptr);

    /// A `follow` request: the job's stream starts, or `refused` (naming the job) says why not.
    void follow(const QCborMap &message);
    /// An `unfollow` request: the job's stream stops where it is; nothing is answered.
    void unfollow(const QCborMap &message);

private:
    void refuse(qint64 number, const QString &reason);
    /// The stream following `job` (its output changed, or it ended) sends what there is.
    void pumpFor(procdeck::Job *job);
    void forget(FollowStream *stream);

    EngineCore *m_core;
    procdeck::PeerConnection *m_peer;
    QHash<int, FollowStream *> m_streams; ///< by the number asked, until its `ended` is sent
    QMultiHash<const procdeck::Job *, FollowStream *> m_byJob; ///< the same, by the try followed
};
