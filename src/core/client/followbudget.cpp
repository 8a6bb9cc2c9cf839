#include "followbudget.h"

namespace procdeck {

void FollowBudget::take(QObject *owner, std::function<void()> open)
{
    if (m_free > 0 && m_waiting.empty()) {
        --m_free;
        open();
        return;
    }
    m_waiting.emplace_back(owner, std::move(open));
}

void FollowBudget::give()
{
    ++m_free;
    while (m_free > 0 && !m_waiting.empty()) {
        auto [owner, open] = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!owner)
            continue; // its row went before its turn came
        --m_free;
        open();
    }
}

} // namespace procdeck
