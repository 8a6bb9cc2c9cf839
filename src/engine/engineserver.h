#pragma once

#include <QCborMap>
#include <QLocalServer>
#include <QObject>

class EngineCore;

/// The engine's socket (enginepaths::socketPath()): accepts connections of the engine's own uid
/// only (SO_PEERCRED; anyone else is closed at once and named in the log) and gives each a
/// ClientSession.
class EngineServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineServer)

public:
    EngineServer(EngineCore *core, QCborMap hello, QObject *parent = nullptr);

    /// Listens on the socket (mode 0600), replacing one no engine answers on. False with *error.
    bool listen(QString *error);
    /// No new connections from now on; the socket file goes.
    void close();
    int clientCount() const { return m_clients; }
    /// The engine retires: every client is told (`retiring`), those attaching later in their
    /// hello, so that every window knows the engine's end is the restart one asked for.
    void tellRetiring();

signals:
    void clientCountChanged(int count);
    void stopRequested();
    void retireRequested();
    void retiring(); ///< tellRetiring(): to each session

private:
    void onNewConnection();

    EngineCore *m_core;
    QCborMap m_hello;
    static constexpr int kMaxClients = 256;
    QLocalServer m_server;
    int m_clients = 0;
};
