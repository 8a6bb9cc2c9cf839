#pragma once

#include <QElapsedTimer>

namespace procdeck {

/// How long a job has been paused, in all and in the current pause, from a monotonic clock:
/// its timeout counts running time only, and the export's `paused_s` says how long it stood.
class PauseClock final
{
public:
    /// A pause begins. Does nothing while paused.
    void begin();
    /// The current pause ends: its time joins the total. Does nothing unless paused.
    void end();
    bool isPaused() const { return m_current.isValid(); }
    /// Every pause, the current one included.
    qint64 totalMs() const { return m_earlierMs + currentMs(); }
    /// The current pause so far; 0 unless paused.
    qint64 currentMs() const { return m_current.isValid() ? m_current.elapsed() : 0; }

private:
    QElapsedTimer m_current; ///< valid while paused
    qint64 m_earlierMs = 0;
};

} // namespace procdeck
