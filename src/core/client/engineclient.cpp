#include "engineclient.h"

#include "enginestarter.h"
#include "protocol/enginepaths.h"
#include "protocol/protocol.h"

namespace procdeck {

bool EngineClient::tryConnect()
{
    m_socket.abort();
    m_socket.connectToServer(enginepaths::socketPath());
    return m_socket.waitForConnected(5000);
}

bool EngineClient::connect(Connect how, QString *error)
{
    if (!enginepaths::prepareRuntimeDir(error))
        return false;
    if (!tryConnect()) {
        if (how == Connect::IfRunning) {
            error->clear();
            return false;
        }
        if (!enginestarter::ensureRunning(error) || !tryConnect())
            return false;
    }
    return hello(error);
}

QCborMap EngineClient::helloMessage(const QString &client)
{
    return protocol::message(protocol::type::hello,
                             {{QStringLiteral("version"), protocol::kVersion},
                              {QStringLiteral("client"), client}});
}

bool EngineClient::hello(QString *error)
{
    send(helloMessage(m_client));
    QCborMap answer;
    if (!receive(&answer, error))
        return false;
    if (protocol::typeOf(answer) != protocol::type::hello) {
        *error = QStringLiteral("the engine answered '%1' to hello").arg(protocol::typeOf(answer));
        return false;
    }
    m_enginePid = answer.value(QStringLiteral("engine_pid")).toInteger();
    m_started = answer.value(QStringLiteral("started")).toString();
    return true;
}

bool EngineClient::send(const QCborMap &message)
{
    const QByteArray frame = protocol::encode(message);
    if (m_socket.write(frame) != frame.size())
        return false;
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(-1))
            return false;
    }
    return true;
}

bool EngineClient::receive(QCborMap *message, QString *error)
{
    for (;;) {
        const FrameReader::Result r = m_reader.next(message, error);
        if (r == FrameReader::Result::Error) {
            *error = QStringLiteral("the engine sent %1").arg(*error);
            return false;
        }
        if (r == FrameReader::Result::Message) {
            if (protocol::typeOf(*message) != protocol::type::error)
                return true;
            *error = message->value(QStringLiteral("reason")).toString();
            return false;
        }
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(-1)) {
            *error = QStringLiteral("the engine closed the connection");
            return false;
        }
        m_reader.feed(m_socket.read(qMax<qint64>(m_reader.wanted(), 1)));
    }
}

} // namespace procdeck
