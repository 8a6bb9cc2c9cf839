#include "workerlink.h"

#include "protocol/protocol.h"
#include "sshrun.h"

#include <QCoreApplication>

namespace procdeck {

namespace {

WorkerLink::SpecEncoder s_encoder = nullptr;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

/// What is kept of ssh's and the worker's stderr: enough for their last words.
constexpr qsizetype kStderrKept = 4096;

} // namespace

void WorkerLink::setSpecEncoder(SpecEncoder encoder)
{
    s_encoder = encoder;
}

WorkerLink::WorkerLink(SshLogin login, QString workerCommand, QObject *parent)
    : QObject(parent), m_login(std::move(login)), m_workerCommand(std::move(workerCommand))
{
}

WorkerLink::~WorkerLink()
{
    // Its stdin's end (or the connection's) is the worker's cue to end what it still runs.
    // A killed ssh closes the connection all the same; collecting it is at once.
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel();
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString WorkerLink::remoteCommand() const
{
    const QString command = m_workerCommand.isEmpty()
            ? shellQuote(QCoreApplication::applicationDirPath() + QStringLiteral("/procdeck-cli"))
            : m_workerCommand; // the person's words, for the login's shell as they are
    return command + QStringLiteral(" --worker");
}

void WorkerLink::ensureStarted()
{
    if (m_started)
        return;
    m_started = true;
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &WorkerLink::onReadyRead);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr = (m_stderr + m_process.readAllStandardError()).right(kStderrKept);
    });
    connect(&m_process, &QProcess::finished, this, [this] {
        onReadyRead();
        m_stderr = (m_stderr + m_process.readAllStandardError()).right(kStderrKept);
        const QList<QByteArray> lines = m_stderr.trimmed().split('\n');
        const QString last = QString::fromLocal8Bit(lines.last()).trimmed();
        if (SshRun::isSshError(last))
            failAll(QStringLiteral("ssh to %1 failed: %2").arg(m_login.host, last));
        else
            failAll(QStringLiteral("the worker on %1 ended%2").arg(
                    host(), last.isEmpty() ? QString() : QStringLiteral(": ") + last));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            failAll(QStringLiteral("cannot start ssh: %1").arg(m_process.errorString()));
    });
    m_process.start(m_login.sshCommand.value(0, QStringLiteral("ssh")),
                    m_login.sshCommand.mid(1) + SshRun::sshOptions()
                            + QStringList{m_login.host, remoteCommand()});
}

qint64 WorkerLink::run(Listener *listener, const JobSpec &spec, QString *why)
{
    if (!s_encoder || !m_failure.isEmpty()) {
        *why = s_encoder ? m_failure : QStringLiteral("no worker protocol here");
        return -1;
    }
    ensureStarted();
    const qint64 id = m_nextId++;
    m_runs.insert(id, listener);
    send(protocol::message(protocol::type::run,
                           {{key("job"), id},
                            {key("spec"), QCborMap::fromJsonObject(s_encoder(spec, nullptr))}}));
    return id;
}

void WorkerLink::steer(const QString &type, qint64 id, int sig,
                       std::function<void(bool, const QString &)> answered)
{
    if (!m_failure.isEmpty() || !m_started) {
        if (answered)
            answered(false, m_failure);
        return;
    }
    m_answers.push_back([id, answered](const QCborMap &steered) {
        if (!answered)
            return;
        for (const QCborValue &v : steered.value(key("not_done")).toArray()) {
            if (v.toMap().value(key("job")).toInteger() == id)
                return answered(false, v.toMap().value(key("reason")).toString());
        }
        answered(true, {});
    });
    QCborMap fields{{key("jobs"), QCborArray{id}}};
    if (sig > 0)
        fields.insert(key("signal"), sig);
    send(protocol::message(type, fields));
}

void WorkerLink::send(const QCborMap &message)
{
    m_process.write(protocol::encode(message));
}

void WorkerLink::onReadyRead()
{
    m_reader.feed(m_process.readAllStandardOutput());
    for (;;) {
        QCborMap message;
        QString error;
        const FrameReader::Result r = m_reader.next(&message, &error);
        if (r == FrameReader::Result::NeedMore)
            return;
        if (r == FrameReader::Result::Error) {
            failAll(QStringLiteral("the worker on %1 sent %2").arg(host(), error));
            m_process.kill();
            return;
        }
        onMessage(message);
    }
}

void WorkerLink::onMessage(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    const qint64 id = message.value(key("job")).toInteger(-1);
    Listener *run = m_runs.value(id);
    if (type == protocol::type::hello) {
        m_greeted = message.value(key("version")).toInteger() == protocol::kVersion;
        if (!m_greeted)
            failAll(QStringLiteral("the worker on %1 speaks protocol version %2, not %3")
                            .arg(host())
                            .arg(message.value(key("version")).toInteger())
                            .arg(protocol::kVersion));
    } else if (type == protocol::type::output && run) {
        const bool err = message.value(key("stream")).toString() == QLatin1String("stderr");
        run->takeOutput(err ? 1 : 0, message.value(key("data")).toByteArray());
    } else if (type == protocol::type::ended) {
        m_runs.remove(id);
        if (run)
            run->takeEnd(message);
    } else if (type == protocol::type::steered && !m_answers.empty()) {
        const auto answer = std::move(m_answers.front());
        m_answers.pop_front();
        answer(message);
    } else if (type == protocol::type::error) {
        failAll(QStringLiteral("the worker on %1: %2")
                        .arg(host(), message.value(key("reason")).toString()));
    }
}

void WorkerLink::failAll(const QString &why)
{
    if (!m_failure.isEmpty())
        return;
    m_failure = why;
    const QHash<qint64, Listener *> runs = std::exchange(m_runs, {});
    for (Listener *run : runs)
        run->takeFailure(why);
    m_answers.clear();
}

} // namespace procdeck
