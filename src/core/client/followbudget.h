#pragma once

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <utility>

namespace procdeck {

/// How many follows run at once on the window's one follow connection (FollowChannel): its
/// turns. The engine lets a connection carry at most its hello's follows_at_once (one from an
/// engine before multiplexed follows), and the window asks no more than
/// FollowChannel::kMostAtOnce; a batch of thousands of short jobs would otherwise ask a follow
/// for each as it starts. The follows over the budget wait their turn, in the order asked.
class FollowBudget final
{
public:
    explicit FollowBudget(int atOnce) : m_free(atOnce) {}

    /// Runs `open` now when a slot is free, else once one is; never once `owner` is gone.
    void take(QObject *owner, std::function<void()> open);
    /// A follow that take() opened is over: its slot goes to the next waiting.
    void give();
    int waiting() const { return int(m_waiting.size()); }

private:
    int m_free;
    std::deque<std::pair<QPointer<QObject>, std::function<void()>>> m_waiting;
};

} // namespace procdeck
