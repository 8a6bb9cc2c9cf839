#include "followstreams.h"

#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "enginecore.h"
#include "followstream.h"
#include "types/cborkey.h"

#include <climits>

using namespace procdeck;

FollowStreams::FollowStreams(EngineCore *core, PeerConnection *peer, QObject *parent)
    : QObject(parent), m_core(core), m_peer(peer)
{
    connect(&core->scheduler(), &Scheduler::jobOutputChanged, this, &FollowStreams::pumpFor);
    connect(&core->scheduler(), &Scheduler::jobEnded, this, &FollowStreams::pumpFor);
    connect(peer, &PeerConnection::drained, this, [this] {
        const QHash<int, FollowStream *> streams = m_streams; // a pump may end its stream
        for (auto it = streams.cbegin(); it != streams.cend(); ++it) {
            if (m_streams.value(it.key()) == it.value())
                it.value()->pump();
        }
    });
}

void FollowStreams::pumpFor(Job *job)
{
    if (!m_byJob.contains(job))
        return; // the common case: a job nobody follows here
    // Two numbers asked may follow one try (a job and its retry): each is told.
    const QList<FollowStream *> streams = m_byJob.values(job);
    for (FollowStream *stream : streams) {
        if (m_byJob.contains(job, stream))
            stream->pump();
    }
}

void FollowStreams::forget(FollowStream *stream)
{
    m_byJob.remove(stream->job(), stream);
    stream->disconnect(this);
    stream->deleteLater();
}

void FollowStreams::refuse(qint64 number, const QString &reason)
{
    m_peer->send(protocol::message(protocol::type::refused,
                                   {{cborKey("job"), number}, {cborKey("reason"), reason}}));
}

void FollowStreams::follow(const QCborMap &message)
{
    const qint64 n = message.value(cborKey("job")).toInteger(0);
    Job *job = n > 0 && n <= INT_MAX ? m_core->job(int(n)) : nullptr;
    if (!job)
        return refuse(n, QStringLiteral("no job %1").arg(n));
    if (m_streams.contains(int(n)))
        return refuse(n, QStringLiteral("job %1 is followed on this connection already").arg(n));
    if (m_streams.size() >= kMostAtOnce)
        return refuse(n, QStringLiteral("%1 follows are under way on this connection")
                                 .arg(kMostAtOnce));
    auto *stream = new FollowStream(m_core, m_peer, job, this);
    m_streams.insert(int(n), stream);
    m_byJob.insert(job, stream);
    connect(stream, &FollowStream::movedTo, this, [this, stream](Job *from, Job *next) {
        m_byJob.remove(from, stream);
        m_byJob.insert(next, stream);
    });
    connect(stream, &FollowStream::done, this, [this, stream, number = int(n)] {
        m_streams.remove(number);
        forget(stream);
    });
    stream->pump();
}

void FollowStreams::unfollow(const QCborMap &message)
{
    const qint64 n = message.value(cborKey("job")).toInteger(0);
    if (n <= 0 || n > INT_MAX)
        return;
    if (FollowStream *stream = m_streams.take(int(n))) {
        stream->stop();
        forget(stream);
    }
}
