#include "followchannel.h"

#include "engineconnection.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"

namespace procdeck {

namespace type = protocol::type;

FollowChannel::FollowChannel(QString client, QObject *parent)
    : QObject(parent), m_client(std::move(client))
{
}

FollowChannel::~FollowChannel() = default;

void FollowChannel::follow(int number, QObject *owner, Receiver receive)
{
    if (m_followers.contains(number))
        unfollow(number); // a second follow of the same number replaces the first
    m_followers.insert(number, Follower{owner, std::move(receive)});
    if (m_connection && m_connection->isAttached()) {
        ask(number);
        return;
    }
    m_beforeAttach << number;
    if (m_connection)
        return; // being made
    m_connection = new EngineConnection(m_client, this);
    connect(m_connection, &EngineConnection::attached, this, &FollowChannel::onAttached);
    connect(m_connection, &EngineConnection::messageReceived, this, &FollowChannel::onMessage);
    connect(m_connection, &EngineConnection::failed, this, &FollowChannel::endAll);
    connect(m_connection, &EngineConnection::lost, this, &FollowChannel::endAll);
    m_connection->open(false);
}

void FollowChannel::onAttached()
{
    m_budget = std::make_unique<FollowBudget>(qMin(m_connection->followsAtOnce(), kMostAtOnce));
    for (int number : std::exchange(m_beforeAttach, {}))
        ask(number);
}

void FollowChannel::ask(int number)
{
    m_budget->take(this, [this, number] {
        const auto it = m_followers.find(number);
        if (it == m_followers.end() || it->sent) {
            m_budget->give(); // unfollowed before its turn
            return;
        }
        it->sent = true;
        m_sole = number;
        m_connection->send(protocol::message(type::follow, {{cborKey("job"), number}}));
    });
}

void FollowChannel::unfollow(int number)
{
    const auto it = m_followers.find(number);
    if (it == m_followers.end())
        return;
    if (!it->sent) {
        m_followers.erase(it); // its turn, when it comes, is given on
        m_beforeAttach.removeAll(number);
        return;
    }
    if (m_connection->followsAtOnce() > 1) {
        m_connection->send(protocol::message(type::unfollow, {{cborKey("job"), number}}));
        m_followers.erase(it);
        m_budget->give();
        return;
    }
    // An engine before `unfollow` would close the connection on it: its stream runs to its end,
    // unheard.
    it->owner = nullptr;
}

void FollowChannel::onMessage(const QCborMap &message)
{
    const QString kind = protocol::typeOf(message);
    if (kind != type::output && kind != type::ended && kind != type::refused)
        return;
    // An engine before multiplexed follows names no job in `output`: it is the one followed.
    const QCborValue job = message.value(cborKey("job"));
    const int number = job.isInteger() ? int(job.toInteger()) : m_sole;
    const auto it = m_followers.find(number);
    if (it == m_followers.end() || !it->sent)
        return; // unfollowed: the frames the engine had sent before it knew
    const Follower follower = *it;
    if (kind != type::output) {
        m_followers.erase(it);
        m_budget->give();
    }
    if (follower.owner)
        follower.receive(message);
}

void FollowChannel::endAll(const QString &reason)
{
    // The next follow makes a new connection (to the engine then running).
    m_connection->deleteLater();
    m_connection = nullptr;
    m_budget.reset();
    m_beforeAttach.clear();
    const QCborMap error = protocol::message(type::error, {{cborKey("reason"), reason}});
    for (const Follower &follower : std::exchange(m_followers, {}))
        if (follower.owner)
            follower.receive(error);
}

} // namespace procdeck
