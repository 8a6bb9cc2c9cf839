#pragma once

#include <QObject>

#include <memory>

class EngineCore;

namespace procdeck {
class Job;
class OutputLog;
class PeerConnection;
} // namespace procdeck

/// A "follow": one job's stdout and stderr sent to one peer from the first byte, as they come,
/// then "ended" with the job's exit status, each frame naming the job asked (a connection may
/// follow many at once: FollowStreams). Sent only while the peer reads (its queue under
/// PeerConnection::kLowWater): what it has not taken yet is read back from the spill files,
/// never held here. A retried job is followed into its next try. FollowStreams calls pump()
/// when its job's output changes or it ends, and when the peer has drained.
class FollowStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowStream)

public:
    FollowStream(EngineCore *core, procdeck::PeerConnection *peer, procdeck::Job *job,
                 QObject *parent = nullptr);

    /// Sends what there is to send now.
    void pump();
    /// The peer no longer wants it (`unfollow`): nothing more is sent, not even "ended".
    void stop();
    procdeck::Job *job() const { return m_job; }

signals:
    /// "ended" was sent.
    void done();
    /// It follows `next` from now on, the next try of `job`.
    void movedTo(procdeck::Job *job, procdeck::Job *next);

private:
    QByteArray nextChunk(int stream);

    static constexpr qint64 kChunkBytes = 64 * 1024;
    EngineCore *m_core;
    procdeck::PeerConnection *m_peer;
    procdeck::Job *m_job;
    int m_number;
    qint64 m_sent[2] = {0, 0};
    bool m_done = false;
};
