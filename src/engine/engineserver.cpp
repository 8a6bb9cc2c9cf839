#include "engineserver.h"

#include "clientsession.h"
#include "core/protocol/enginepaths.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "enginelog.h"

#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

using namespace procdeck;

EngineServer::EngineServer(EngineCore *core, QCborMap hello, QObject *parent)
    : QObject(parent), m_core(core), m_hello(std::move(hello))
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    // Many clients connecting at once (a script's burst) wait in the kernel, not refused.
    m_server.setMaxPendingConnections(1024);
    connect(&m_server, &QLocalServer::newConnection, this, &EngineServer::onNewConnection);
}

bool EngineServer::listen(QString *error)
{
    const QString path = enginepaths::socketPath();
    // The caller holds the engine's lock: a socket file left here is a dead engine's.
    QLocalServer::removeServer(path);
    if (!m_server.listen(path)) {
        *error = QStringLiteral("cannot listen on '%1': %2").arg(path, m_server.errorString());
        return false;
    }
    ::chmod(QFile::encodeName(path).constData(), 0600);
    return true;
}

void EngineServer::tellRetiring()
{
    m_hello.insert(QStringLiteral("retiring"), true);
    emit retiring();
}

void EngineServer::close()
{
    m_server.close();
}

void EngineServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        const enginepaths::Peer peer = enginepaths::peerOf(socket->socketDescriptor());
        if (!peer.known || peer.uid != ::getuid()) {
            enginelog::line(
                    QStringLiteral("refused a connection from uid %1 (pid %2): this "
                                   "engine serves uid %3 only")
                            .arg(peer.known ? QString::number(peer.uid) : QStringLiteral("?"))
                            .arg(peer.pid)
                            .arg(::getuid()));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (m_clients >= kMaxClients) {
            // Each holds up to a frame in memory: their number is bounded too.
            const QString reason = QStringLiteral("%1 clients are attached already").arg(m_clients);
            enginelog::line(QStringLiteral("refused a connection: %1").arg(reason));
            socket->write(protocol::encode(protocol::error(reason)));
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromServer();
            continue;
        }
        auto *session = new ClientSession(new PeerConnection(socket), m_core, m_hello,
                                          [this] { return m_clients; }, this);
        ++m_clients;
        emit clientCountChanged(m_clients);
        connect(session, &ClientSession::stopRequested, this, &EngineServer::stopRequested);
        connect(session, &ClientSession::retireRequested, this, &EngineServer::retireRequested);
        connect(this, &EngineServer::retiring, session, &ClientSession::tellRetiring);
        connect(session, &ClientSession::finished, this, [this](const QString &reason) {
            if (!reason.isEmpty())
                enginelog::line(QStringLiteral("closed a connection: %1").arg(reason));
            --m_clients;
            emit clientCountChanged(m_clients);
        });
        connect(session, &ClientSession::gone, session, &QObject::deleteLater);
    }
}
