#pragma once

#include "protocol/framereader.h"

#include <QCborMap>
#include <QLocalSocket>
#include <QString>

namespace procdeck {

/// A blocking connection to the user's engine (docs/protocol.md), for procdeck-cli, which has no
/// window to keep alive while it waits. Starts the engine when asked to and none answers.
class EngineClient final
{
public:
    /// `client` names the program in its hello ("procdeck-cli 0.1.0").
    explicit EngineClient(QString client) : m_client(std::move(client)) { }
    EngineClient(const EngineClient &) = delete;
    EngineClient &operator=(const EngineClient &) = delete;

    enum class Connect { IfRunning, StartingOne };
    /// Connects and says hello. With StartingOne, an engine is started when none answers (under
    /// the start lock, so that two clients make one). False with *error; with IfRunning and no
    /// engine, false with *error empty.
    bool connect(Connect how, QString *error);
    /// Sends a message; false when the engine has gone.
    bool send(const QCborMap &message);
    /// The next message (blocking); false with *error when the connection ended or broke. An
    /// "error" from the engine is returned as an error too (its reason).
    bool receive(QCborMap *message, QString *error);

    qint64 enginePid() const { return m_enginePid; }
    QString engineStarted() const { return m_started; }

    /// The "hello" a client named `client` sends first.
    static QCborMap helloMessage(const QString &client);

private:
    bool tryConnect();
    bool hello(QString *error);

    QString m_client;
    QLocalSocket m_socket;
    FrameReader m_reader;
    qint64 m_enginePid = 0;
    QString m_started;
};

} // namespace procdeck
