#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace procdeck {

class Job;

/// How ProcDeck ends its jobs when it quits, for the window and procdeck-cli alike: nothing
/// starts any more, the queue is cancelled, every running *and paused* tree gets SIGTERM (with
/// SIGCONT, so that a stopped one can act on it) and SIGKILL after its grace period. Nothing
/// here waits: the trees' killers and one timer do the work. Made by the Scheduler, whose
/// steps it takes (it knows nothing else of it).
class Shutdown final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Shutdown)

public:
    /// What it asks of the scheduler: start nothing more; cancel the queue and end every tree
    /// gently (SIGTERM, SIGKILL after its grace), or at once (SIGKILL).
    struct Steps {
        std::function<void()> stopStarting;
        std::function<void()> endGently;
        std::function<void()> endNow;
    };
    /// `alive`: the scheduler's running and paused jobs.
    Shutdown(Steps steps, const QSet<const Job *> *alive, QObject *parent);

    /// Starts it; each tree gets SIGKILL after its own grace period, or after `graceSeconds` when
    /// that comes first (negative: its own only). Does nothing once started.
    void start(double graceSeconds);
    /// SIGKILL to every tree now (a second SIGINT, "Kill now"); starts it if it had not started.
    void killNow();

    bool isActive() const { return m_active; }
    bool killSent() const { return m_killSent; }
    /// Milliseconds until SIGKILL reaches what is left; 0 once sent (or when nothing ran).
    qint64 msUntilKill() const;

private:
    void begin();

    const Steps m_steps;
    const QSet<const Job *> *const m_alive;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    qint64 m_graceMs = 0;
    bool m_active = false;
    bool m_killSent = false;
};

} // namespace procdeck
