#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace procdeck {
class Scheduler;
}

namespace procdeck::app {

/// Quitting while jobs run, as the window shows it: the engine's shutdown (Scheduler::shutdown:
/// SIGTERM to every running or paused tree, the queue cancelled, SIGKILL after the grace) with
/// its countdown. Done as soon as nothing runs. Nothing here waits: a timer ticks and the
/// scheduler's signals count.
class QuitSequence final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitSequence)

public:
    explicit QuitSequence(procdeck::Scheduler *scheduler, QObject *parent = nullptr);

    /// Sends SIGTERM to every job tree and starts the countdown; `done` follows, at once if
    /// nothing runs. With `engineJobsToo` the jobs the window mirrors from the engine are asked
    /// to end as well and waited for (the engine gives each its grace); without, they run on.
    /// Does nothing once started.
    void start(bool engineJobsToo = false);
    /// SIGKILL to every job tree now (the "Kill now" button, a second SIGTERM). Starts the
    /// sequence if it had not started.
    void killNow();

    bool isActive() const { return m_active; }
    bool killSent() const;
    /// Jobs still running (the engine's ones too when they are being stopped).
    int jobsLeft() const;
    /// Whole seconds until SIGKILL (rounded up), 0 once it was sent.
    int secondsLeft() const;
    /// The grace period counted down, in ms: the longest of the running or paused jobs' own.
    qint64 graceMs() const { return m_graceMs; }

signals:
    /// The figures above changed (a job ended, a second passed, SIGKILL was sent).
    void progress();
    /// Nothing runs any more (or, last resort, a second after SIGKILL something still did).
    void done();

private:
    void tick();
    void check();
    void finish();

    procdeck::Scheduler *const m_scheduler;
    QTimer m_ticker;
    QElapsedTimer m_sinceKill; ///< started when the engine's SIGKILL was seen
    QElapsedTimer m_sinceStart;
    qint64 m_graceMs = 0;
    qint64 m_engineGraceMs = 0; ///< the longest grace among the engine's jobs being stopped
    bool m_engineJobsToo = false;
    bool m_active = false;
    bool m_done = false;
};

} // namespace procdeck::app
