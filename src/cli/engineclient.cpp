#include "engineclient.h"

#include "core/protocol/enginepaths.h"
#include "core/protocol/protocol.h"
#include "enginestarter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace procdeck;

namespace {

/// How long a started engine may take to answer: its start-up is not ours to bound tightly,
/// only to give up on at last.
constexpr int kEngineStartMs = 30000;
constexpr int kConnectPollMs = 20;

} // namespace

bool EngineClient::tryConnect()
{
    m_socket.abort();
    m_socket.connectToServer(enginepaths::socketPath());
    return m_socket.waitForConnected(5000);
}

bool EngineClient::startEngine(QString *error)
{
    // Under the start lock: whoever got it first started the engine we then find answering.
    const QString lockPath = enginepaths::startLockPath();
    const int lock = ::open(QFile::encodeName(lockPath).constData(),
                            O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        *error = QStringLiteral("cannot lock '%1'").arg(lockPath);
        if (lock >= 0)
            ::close(lock);
        return false;
    }
    bool answered = tryConnect();
    if (!answered && enginestarter::spawn(error)) {
        const QDeadlineTimer deadline(kEngineStartMs);
        while (!(answered = tryConnect()) && !deadline.hasExpired())
            QThread::msleep(kConnectPollMs);
        if (!answered)
            *error = QStringLiteral("the engine did not answer within %1 s (see %2)")
                             .arg(kEngineStartMs / 1000)
                             .arg(enginepaths::logPath());
    }
    ::close(lock); // lets the lock go
    return answered;
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
        if (!startEngine(error))
            return false;
    }
    return hello(error);
}

bool EngineClient::hello(QString *error)
{
    send(protocol::message(
            protocol::type::hello,
            {{QStringLiteral("version"), protocol::kVersion},
             {QStringLiteral("client"),
              QStringLiteral("procdeck-cli %1").arg(QCoreApplication::applicationVersion())}}));
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
