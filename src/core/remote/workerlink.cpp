#include "workerlink.h"

#include "protocol/protocol.h"
#include "process/helperprocess.h"
#include "process/session.h"
#include "sshrun.h"
#include "types/cborkey.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace procdeck {

namespace {

WorkerLink::SpecEncoder s_encoder = nullptr;

/// What is kept of ssh's and the worker's stderr: enough for their last words.
constexpr qsizetype kStderrKept = 4096;

/// How long a worker step is given to end its jobs and exit once its stdin has closed.
constexpr int kSlurmEndMs = 5000;

/// The last line of ssh's or srun's stderr that says why. srun's own summary of the task's exit
/// ("srun: error: NODE: task 0: Exited with exit code 127") may come after the shell's words.
QString lastWords(const QByteArray &stderrText)
{
    static const QRegularExpression srunSummary(
            QStringLiteral("^srun: error: \\S+: tasks? [0-9-]+: Exited with exit code"));
    const QList<QByteArray> lines = stderrText.trimmed().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = QString::fromLocal8Bit(*it).trimmed();
        if (!srunSummary.match(line).hasMatch())
            return line;
    }
    return QString::fromLocal8Bit(lines.last()).trimmed();
}

} // namespace

void WorkerLink::setSpecEncoder(SpecEncoder encoder)
{
    s_encoder = encoder;
}

WorkerLink::WorkerLink(SshLogin login, QString workerCommand, QObject *parent)
    : QObject(parent), m_login(std::move(login)), m_workerCommand(std::move(workerCommand))
{
}

WorkerLink::WorkerLink(const QString &jobId, int relativeNode, QString workerCommand,
                       QStringList srunArgs, QObject *parent)
    : QObject(parent),
      m_workerCommand(std::move(workerCommand)),
      m_slurm(true),
      m_allocation(jobId),
      m_relativeNode(relativeNode),
      m_srunArgs(std::move(srunArgs))
{
}

WorkerLink::~WorkerLink()
{
    // Its stdin's end (or the connection's) is the worker's cue to end what it still runs.
    // A killed ssh closes the connection all the same; collecting it is at once.
    m_process.disconnect(this);
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.closeWriteChannel();
    // A killed srun may leave its step running: the worker is given the time to end its jobs
    // and exit (srun follows), and only then is its step cancelled.
    if (m_slurm && !m_process.waitForFinished(kSlurmEndMs) && !m_slurmStep.isEmpty())
        HelperProcess::startDetached(QStringLiteral("scancel"),
                                     {QStringLiteral("--quiet"), m_slurmStep});
    m_process.kill();
    m_process.waitForFinished(1000);
}

QString WorkerLink::remoteCommand() const
{
    const QString command = m_workerCommand.isEmpty()
            ? shellQuote(QCoreApplication::applicationDirPath() + QStringLiteral("/procdeck-cli"))
            : m_workerCommand; // the person's words, for the login's shell as they are
    return command + QStringLiteral(" --worker");
}

QStringList WorkerLink::srunArguments() const
{
    // No --exact: the step has every CPU (and the memory) the allocation holds on its node, so
    // the jobs it starts there may use them all; one step per node, never a second one waiting.
    // --unbuffered: slurmstepd would hold the frames back until a newline byte came by.
    QStringList args{QStringLiteral("--jobid=%1").arg(m_allocation), QStringLiteral("-N1"),
                     QStringLiteral("-n1"), QStringLiteral("--relative=%1").arg(m_relativeNode),
                     QStringLiteral("--unbuffered"), QStringLiteral("--quiet"),
                     QStringLiteral("--job-name=procdeck-%1-worker-%2")
                             .arg(session::id())
                             .arg(m_relativeNode)};
    args << m_srunArgs; // the person's (--mem, --gres, --export …), after ours: theirs win
    if (m_workerCommand.isEmpty())
        return args << QCoreApplication::applicationDirPath() + QStringLiteral("/procdeck-cli")
                    << QStringLiteral("--worker");
    return args << QStringLiteral("/bin/sh") << QStringLiteral("-c") << remoteCommand();
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
    connect(&m_process, &QProcess::finished, this, &WorkerLink::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            failAll(QStringLiteral("cannot start %1: %2")
                            .arg(m_process.program(), m_process.errorString()));
    });
    if (m_slurm)
        m_process.start(QStringLiteral("srun"), srunArguments());
    else
        startSsh();
}

void WorkerLink::startSsh()
{
    QStringList argv = m_login.sshArgv(SshRun::sshOptions()
                                       + QStringList{m_login.host, remoteCommand()});
    const QString program = argv.takeFirst();
    m_process.start(program, argv);
}

void WorkerLink::onFinished()
{
    onReadyRead();
    m_stderr = (m_stderr + m_process.readAllStandardError()).right(kStderrKept);
    const QString last = lastWords(m_stderr);
    const QString said = last.isEmpty() ? QString() : QStringLiteral(": ") + last;
    if (m_slurm && !m_greeted)
        failAll(QStringLiteral("the worker step on node %1 of Slurm job %2 did not start%3")
                        .arg(m_relativeNode)
                        .arg(m_allocation, said));
    else if (m_slurm)
        failAll(QStringLiteral("the worker step %1 on %2 ended%3").arg(m_slurmStep, host(), said));
    else if (SshRun::isSshError(last))
        failAll(QStringLiteral("ssh to %1 failed: %2").arg(m_login.host, last));
    else
        failAll(QStringLiteral("the worker on %1 ended%2").arg(host(), said));
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
    const QCborMap encoded = QCborMap::fromJsonObject(s_encoder(spec, nullptr));
    send(protocol::message(protocol::type::run,
                           {{cborKey("job"), id}, {cborKey("spec"), encoded}}));
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
        for (const QCborValue &v : steered.value(cborKey("not_done")).toArray()) {
            if (v.toMap().value(cborKey("job")).toInteger() == id)
                return answered(false, v.toMap().value(cborKey("reason")).toString());
        }
        answered(true, {});
    });
    QCborMap fields{{cborKey("jobs"), QCborArray{id}}};
    if (sig > 0)
        fields.insert(cborKey("signal"), sig);
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
    const qint64 id = message.value(cborKey("job")).toInteger(-1);
    Listener *run = m_runs.value(id);
    if (type == protocol::type::hello) {
        m_greeted = message.value(cborKey("version")).toInteger() == protocol::kVersion;
        if (!m_greeted) {
            failAll(QStringLiteral("the worker on %1 speaks protocol version %2, not %3")
                            .arg(host())
                            .arg(message.value(cborKey("version")).toInteger())
                            .arg(protocol::kVersion));
            return;
        }
        m_node = message.value(cborKey("slurm_node")).toString();
        m_slurmStep = message.value(cborKey("slurm_step")).toString();
        emit greeted();
    } else if (type == protocol::type::output && run) {
        const bool err = message.value(cborKey("stream")).toString() == QLatin1String("stderr");
        run->takeOutput(err ? 1 : 0, message.value(cborKey("data")).toByteArray());
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
                        .arg(host(), message.value(cborKey("reason")).toString()));
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
