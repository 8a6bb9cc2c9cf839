#include "pauseclock.h"

namespace procdeck {

void PauseClock::begin()
{
    if (!m_current.isValid())
        m_current.start();
}

void PauseClock::end()
{
    if (!m_current.isValid())
        return;
    m_earlierMs += m_current.elapsed();
    m_current.invalidate();
}

} // namespace procdeck
