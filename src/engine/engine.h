#pragma once

#include "core/process/unixsignalwatcher.h"

#include <QCborMap>
#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>

namespace procdeck {
class History;
}
class EngineCore;
class EngineNotifier;
class EngineServer;

/// procdeck-engine's life: one per user (a lock held for its whole life), its socket, its
/// jobs; it stops when asked (SIGTERM, "stop": quitting's graceful stop, a second one kills at
/// once) or after an idle time with no job queued, running or paused and no client attached.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    /// `idleExitMs`: how long it stays idle before it exits (0: never).
    explicit Engine(int idleExitMs, QObject *parent = nullptr);
    ~Engine() override;

    /// Takes the lock, opens the history, listens. False with *error (another engine runs, the
    /// socket's folder is not the user's own …): then exit.
    bool start(QString *error);

private:
    bool takeLock(QString *error);
    void openHistory();
    QCborMap hello() const;
    void checkIdle();
    /// Ends the engine once it is idle (a client found a newer one installed): submits are
    /// refused from now on, the jobs it has run to their ends.
    void retire();
    void retireWhenIdle();
    void stop(const QString &why);
    void finishWhenDone();
    void giveBackFreedMemory();

    int m_idleExitMs;
    int m_lockFd = -1;
    QDateTime m_started = QDateTime::currentDateTimeUtc();
    std::unique_ptr<procdeck::History> m_history;
    std::unique_ptr<EngineCore> m_core;
    std::unique_ptr<EngineServer> m_server;
    std::unique_ptr<EngineNotifier> m_notifier;
    procdeck::UnixSignalWatcher m_signals;
    QTimer m_idleTimer;
    QTimer m_trimTimer; ///< a while after the queue empties: freed memory back to the system
    int m_stops = 0;
    bool m_retiring = false;
};
