#include "engineconnection.h"

#include "engineclient.h"
#include "enginestarter.h"
#include "protocol/enginepaths.h"
#include "protocol/peerconnection.h"
#include "protocol/protocol.h"

#include <QLocalSocket>
#include <QThread>

#include <memory>

namespace procdeck {

namespace {

struct Prepared {
    bool ok = false;
    QString error;
};

} // namespace

EngineConnection::EngineConnection(QString client, QObject *parent)
    : QObject(parent), m_client(std::move(client))
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &EngineConnection::connectToEngine);
}

EngineConnection::~EngineConnection() = default;

void EngineConnection::open(bool startIfNone)
{
    if (m_busy || m_attached)
        return;
    m_busy = true;
    m_startIfNone = startIfNone;
    m_errorSaid.clear();
    auto result = std::make_shared<Prepared>();
    // The folder's checks touch the disk and a start waits for the engine: not on this thread.
    QThread *worker = QThread::create([result, startIfNone] {
        result->ok = enginepaths::prepareRuntimeDir(&result->error)
                && (!startIfNone || enginestarter::ensureRunning(&result->error));
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, result] {
        if (!result->ok) {
            m_busy = false;
            emit failed(result->error);
            return;
        }
        // An engine we did not start either listens now or is not there: no retry.
        m_retriesLeft = m_startIfNone ? kRetries : 0;
        connectToEngine();
    });
    worker->start();
}

void EngineConnection::connectToEngine()
{
    delete m_socket;
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, &EngineConnection::onConnected);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &EngineConnection::onConnectFailed);
    m_socket->connectToServer(enginepaths::socketPath());
}

void EngineConnection::onConnectFailed()
{
    if (m_peer || !m_socket)
        return; // the peer's own errors are its to report
    m_socket->deleteLater();
    m_socket = nullptr;
    if (m_retriesLeft-- > 0) {
        m_retry.start();
        return;
    }
    m_busy = false;
    emit failed(tr("No engine answers on %1").arg(enginepaths::socketPath()));
}

void EngineConnection::onConnected()
{
    QLocalSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    m_peer = new PeerConnection(socket, this);
    if (m_pruner)
        m_peer->pruneRecords(*m_pruner);
    connect(m_peer, &PeerConnection::messageReceived, this, &EngineConnection::onMessage);
    connect(m_peer, &PeerConnection::closed, this, &EngineConnection::onClosed);
    m_peer->send(EngineClient::helloMessage(m_client));
}

void EngineConnection::send(const QCborMap &message)
{
    if (m_attached && m_peer)
        m_peer->send(message);
}

void EngineConnection::onMessage(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    if (type == protocol::type::error) {
        m_errorSaid = message.value(QStringLiteral("reason")).toString();
        return; // the close follows
    }
    if (m_attached) {
        emit messageReceived(message);
        return;
    }
    if (type != protocol::type::hello) {
        m_peer->closeWith(QStringLiteral("hello expected, not '%1'").arg(type));
        return;
    }
    m_enginePid = message.value(QStringLiteral("engine_pid")).toInteger();
    m_started = message.value(QStringLiteral("started")).toString();
    m_enginePath = message.value(QStringLiteral("engine_path")).toString();
    m_engineBuilt = message.value(QStringLiteral("engine_built")).toString();
    m_engineRetiring = message.value(QStringLiteral("retiring")).toBool();
    const qint64 followsAtOnce = message.value(QStringLiteral("follows_at_once")).toInteger(1);
    m_followsAtOnce = int(qBound(qint64(1), followsAtOnce, qint64(1) << 20));
    const qint64 maxParallel = message.value(QStringLiteral("max_parallel")).toInteger(0);
    m_maxParallel = int(qBound(qint64(0), maxParallel, qint64(1) << 20));
    m_attached = true;
    m_busy = false;
    emit attached();
}

void EngineConnection::onClosed(const QString &reason)
{
    const QString why = !m_errorSaid.isEmpty() ? m_errorSaid
                      : !reason.isEmpty()      ? reason
                                               : tr("The engine closed the connection");
    m_peer->deleteLater();
    m_peer = nullptr;
    const bool wasAttached = m_attached;
    m_attached = false;
    m_busy = false;
    if (wasAttached)
        emit lost(why);
    else
        emit failed(why);
}

} // namespace procdeck
