#pragma once

#include <QCborMap>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class EngineCore;
class FollowStreams;
class WatchStream;

namespace procdeck {
class Job;
class PeerConnection;
} // namespace procdeck

/// One client's connection: the handshake, then its requests (docs/protocol.md) answered in the
/// order asked. Whatever the client sends, the worst it gets is its own connection closed.
class ClientSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSession)

public:
    /// `hello`: what the engine says of itself in its "hello" (engine_pid, started);
    /// `clients`: how many are attached now (for "status").
    ClientSession(procdeck::PeerConnection *peer, EngineCore *core, QCborMap hello,
                  std::function<int()> clients, QObject *parent = nullptr);
    ~ClientSession() override;

    /// The engine retires (a client asked): says `retiring` to this client, or in its hello
    /// when it has yet to say hello.
    void tellRetiring();

signals:
    /// The connection is over: `reason` says why (empty: the client went away).
    void finished(const QString &reason);
    /// Its last frame is out: the session may be deleted.
    void gone();
    /// The client asked the engine to stop.
    void stopRequested();
    /// The client asked the engine to end once no job is queued, running or paused.
    void retireRequested();

private:
    struct Wait {
        QList<int> numbers;
        qsizetype endedBefore = 0; ///< numbers before this index were seen ended
        QString exportPath;
        QString exportFormat;
    };

    void onMessage(const QCborMap &message);
    void onHello(const QCborMap &message);
    void refuse(const QString &reason);
    void onSubmit(const QCborMap &message);
    /// `submitted` with the jobs' numbers, or `refused` with `error` when none was queued.
    void answerQueued(const QList<int> &numbers, const QString &error);
    void onStatus();
    void sendStatusPages();
    void onWatch();
    void onWait(const QCborMap &message);
    void answerWaits();
    void onSteer(const QString &kind, const QCborMap &message);
    /// What `kind` (kill, pause, resume, signal, priority) does to one job: an empty string
    /// when done, else why not. Empty, with *error, when `message` is not such a request.
    std::function<QString(procdeck::Job *)> steering(const QString &kind,
                                                    const QCborMap &message, QString *error);
    void onExport(const QCborMap &message);
    void onAgain(const QCborMap &message);
    /// `parallel`: the engine's limit of jobs running at once, for every client.
    void onParallel(const QCborMap &message);
    bool readNumbers(const QCborMap &message, QList<int> *numbers);

    procdeck::PeerConnection *m_peer;
    EngineCore *m_core;
    QCborMap m_hello;
    std::function<int()> m_clients;
    QTimer m_helloTimer;
    bool m_greeted = false;
    FollowStreams *m_follows = nullptr;
    WatchStream *m_watch = nullptr;
    QList<Wait> m_waits;
    bool m_exportingWait = false; ///< the first wait's export is being written: the rest wait
    int m_statusNext = -1; ///< the next job index of a status under way; -1: none
};
