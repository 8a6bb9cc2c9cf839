#include "followstream.h"

#include "core/output/outputread.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "enginecore.h"

using namespace procdeck;

namespace {

std::shared_ptr<OutputLog> logOf(const Job &job, int stream)
{
    return stream == 0 ? job.sharedStdoutLog() : job.sharedStderrLog();
}

} // namespace

FollowStream::FollowStream(EngineCore *core, PeerConnection *peer, Job *job, QObject *parent)
    : QObject(parent), m_core(core), m_peer(peer), m_job(job), m_number(job->seq())
{
}

QByteArray FollowStream::nextChunk(int stream)
{
    std::shared_ptr<OutputLog> log = logOf(*m_job, stream);
    if (!log)
        return {};
    QByteArray chunk = outputread::readFrom(*log, &m_sent[stream], kChunkBytes);
    m_sent[stream] += chunk.size();
    return chunk;
}

void FollowStream::pump()
{
    while (!m_done && m_peer->wantsMore()) {
        bool sent = false;
        for (int stream : {0, 1}) {
            const QByteArray chunk = nextChunk(stream);
            if (chunk.isEmpty())
                continue;
            m_peer->send(protocol::message(
                    protocol::type::output,
                    {{QStringLiteral("job"), m_number},
                     {QStringLiteral("stream"), stream == 0 ? "stdout" : "stderr"},
                     {QStringLiteral("data"), chunk}}));
            sent = true;
        }
        if (sent)
            continue;
        if (!isTerminal(m_job->state()))
            return; // more comes: jobOutputChanged or jobEnded brings us back
        if (Job *next = m_core->lastTry(m_job); next != m_job) {
            emit movedTo(m_job, next);
            m_job = next; // its next try's output follows
            m_sent[0] = m_sent[1] = 0;
            continue;
        }
        m_done = true;
        m_peer->send(protocol::message(
                protocol::type::ended,
                {{QStringLiteral("job"), m_number},
                 {QStringLiteral("state"), stateKey(m_job->state())},
                 {QStringLiteral("exit_code"), m_job->exitCode()},
                 {QStringLiteral("signal"), m_job->signal()},
                 {QStringLiteral("timed_out"), m_job->timedOut()},
                 {QStringLiteral("exit_status"), EngineCore::followStatus(*m_job)}}));
        emit done();
    }
}

void FollowStream::stop()
{
    m_done = true; // nothing more is sent, nor "ended"
}
