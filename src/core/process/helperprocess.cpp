#include "helperprocess.h"

#include "reaper.h"

namespace procdeck {

namespace {
/// How long teardown waits for a SIGKILLed helper to be collected: the kernel ends it at once.
constexpr int kCollectMs = 2000;
} // namespace

HelperProcess::HelperProcess(QObject *parent) : QObject(parent) {}

HelperProcess::~HelperProcess()
{
    stop();
}

void HelperProcess::start(const QString &program, const QStringList &arguments)
{
    Q_ASSERT(!m_process);
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process.get(), &QProcess::finished, this, &HelperProcess::onFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &HelperProcess::onError);
    m_starting = true;
    m_process->start();
    m_starting = false;
    // The fork is done and no event has been handled since: nothing can have collected it yet,
    // as the reaper's sweeps run on this thread.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_pid = pid_t(m_process->processId());
        reaper::registerChild(m_pid);
    }
}

void HelperProcess::startDetached(const QString &program, const QStringList &arguments)
{
    auto *helper = new HelperProcess; // no parent: nothing tears it down before it ends
    connect(helper, &HelperProcess::finished, helper, &QObject::deleteLater);
    helper->start(program, arguments);
}

void HelperProcess::stop()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(kCollectMs); // SIGKILL: collected in a moment, and quietly
    }
    release();
}

void HelperProcess::release()
{
    reaper::unregisterChild(m_pid);
    m_pid = 0;
    if (m_process) {
        m_process->disconnect(this);
        m_process.release()->deleteLater(); // we may be inside one of its signals
    }
}

void HelperProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    HelperResult result;
    result.ran = status == QProcess::NormalExit;
    result.exitCode = result.ran ? exitCode : -1;
    result.out = m_process->readAllStandardOutput();
    result.err = m_process->readAllStandardError();
    if (!result.ran)
        result.error = QStringLiteral("%1: %2").arg(m_process->program(), m_process->errorString());
    release();
    emit finished(result);
}

void HelperProcess::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // a crash is told by finished()
    HelperResult result;
    result.error = QStringLiteral("%1: %2").arg(m_process->program(), m_process->errorString());
    release();
    if (!m_starting) {
        emit finished(result);
        return;
    }
    // Told on a later turn: callers finish their own bookkeeping after start() first.
    QMetaObject::invokeMethod(
        this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
}

} // namespace procdeck
