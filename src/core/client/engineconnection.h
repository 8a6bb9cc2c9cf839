#pragma once

#include "protocol/recordpruner.h"

#include <QCborMap>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class QLocalSocket;

namespace procdeck {

class PeerConnection;

/// A connection to the user's engine (docs/protocol.md) on signals, for a thread that must never
/// wait (the window's): what may block — checking the socket's folder, starting an engine and
/// waiting for it under the start lock — runs on a worker thread; the connection is made
/// asynchronously, tried again on a timer while a started engine comes up.
class EngineConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineConnection)

public:
    /// `client` names the program in its hello ("procdeck 0.1.0").
    explicit EngineConnection(QString client, QObject *parent = nullptr);
    ~EngineConnection() override;

    /// Attaches: attached() or failed() follows. With `startIfNone`, an engine is started when
    /// none answers. Call when not attached (again after lost() or failed()).
    void open(bool startIfNone);
    bool isAttached() const { return m_attached; }
    /// Between open() and attached() or failed().
    bool isOpening() const { return m_busy; }
    /// Sends a request; nothing when not attached.
    void send(const QCborMap &message);
    /// The records of every message from the engine cut by `pruner` before they are decoded
    /// (what a watch keeps of each job), on this and each later attach.
    void pruneRecords(const RecordPruner &pruner) { m_pruner = pruner; }
    /// The engine's pid and its start (ISO 8601, UTC) as its hello said.
    qint64 enginePid() const { return m_enginePid; }
    QString engineStarted() const { return m_started; }
    /// The engine's program and its file's time when it started (ISO 8601, UTC; empty from an
    /// engine that does not say).
    QString enginePath() const { return m_enginePath; }
    QString engineBuilt() const { return m_engineBuilt; }
    /// The engine was retiring when this client attached (another asked it to): it takes no
    /// more jobs and ends once its jobs have.
    bool engineRetiring() const { return m_engineRetiring; }
    /// How many jobs one connection may follow at once, as the hello said (1 from an engine
    /// before multiplexed follows).
    int followsAtOnce() const { return m_followsAtOnce; }
    /// How many of its jobs the engine ran at once when it said hello; 0 from an engine that
    /// does not say, which does not know the `parallel` message either.
    int maxParallelAtHello() const { return m_maxParallel; }

signals:
    /// The engine answered hello: requests may be sent.
    void attached();
    /// Every message after the hello, in the order the engine sent them.
    void messageReceived(const QCborMap &message);
    /// No engine could be attached: `reason` says why.
    void failed(const QString &reason);
    /// The engine went away (or closed this connection, `reason` its word) after attached().
    void lost(const QString &reason);

private:
    void connectToEngine();
    void onConnected();
    void onConnectFailed();
    void onMessage(const QCborMap &message);
    void onClosed(const QString &reason);

    static constexpr int kRetryMs = 100;
    static constexpr int kRetries = 50; ///< after a start: 5 s for the engine to listen
    bool m_startIfNone = false;
    QString m_client;
    QLocalSocket *m_socket = nullptr; ///< while connecting; then the peer's
    PeerConnection *m_peer = nullptr;
    std::optional<RecordPruner> m_pruner;
    QTimer m_retry;
    int m_retriesLeft = 0;
    bool m_attached = false;
    bool m_busy = false;  ///< between open() and attached() or failed()
    QString m_errorSaid; ///< the reason of an "error" the engine sent before it closed
    qint64 m_enginePid = 0;
    QString m_started;
    QString m_enginePath;
    QString m_engineBuilt;
    bool m_engineRetiring = false;
    int m_followsAtOnce = 1;
    int m_maxParallel = 0;
};

} // namespace procdeck
