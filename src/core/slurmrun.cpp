#include "slurmrun.h"

#include "guardian.h"
#include "runon.h"
#include "session.h"

#include <QProcess>

#include <csignal>

namespace procdeck {

namespace {
/// After the final scancel, how long srun may take to go before its local group is killed.
constexpr int kLastResortMs = 5000;
/// How long a job's end waits for squeue to name its job id and node.
constexpr int kSettleMs = 3000;
} // namespace

SlurmRun::SlurmRun(QStringList srunArgs, SlurmQueue *queue, QObject *parent)
    : RemoteRun(parent), m_srunArgs(std::move(srunArgs)), m_queue(queue)
{
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        m_term.stop();
        scancel({});
        m_lastResortTimer.start();
    });
    m_lastResortTimer.setSingleShot(true);
    m_lastResortTimer.setInterval(kLastResortMs);
    connect(&m_lastResortTimer, &QTimer::timeout, this, [this] {
        if (m_localRunning && m_pgid > 1)
            ::killpg(m_pgid, SIGKILL); // srun did not go after scancel: its group, as a last resort
    });
    m_settleTimer.setSingleShot(true);
    m_settleTimer.setInterval(kSettleMs);
    connect(&m_settleTimer, &QTimer::timeout, this, &SlurmRun::settle);
    if (m_queue)
        connect(m_queue, &SlurmQueue::seen, this, &SlurmRun::onSeen);
    connect(&m_suspend, &SlurmSuspend::changed, this, &RemoteRun::suspendedChanged);
    connect(&m_suspend, &SlurmSuspend::refused, this, &RemoteRun::suspendRefused);
}

SlurmRun::~SlurmRun()
{
    if (m_localRunning)
        killNow();
    if (m_watching && m_queue)
        m_queue->unwatch(m_name);
}

QString SlurmRun::jobName(int treeId)
{
    return QStringLiteral("procdeck-%1-%2").arg(session::id()).arg(treeId);
}

QString SlurmRun::executorKey() const
{
    return executor::slurm();
}

JobSpec SlurmRun::localCommand(const JobSpec &spec, int treeId)
{
    m_treeId = treeId;
    m_name = jobName(treeId);
    m_info = {};
    JobSpec local = spec;
    local.useShell = false;
    local.shellCommand.clear();
    local.program = QStringLiteral("srun");
    local.arguments = QStringList{QStringLiteral("--job-name=%1").arg(m_name), QStringLiteral("--ntasks=1")}
        + m_srunArgs;
    // srun hands its whole environment to the task; ProcDeck's job marker is for local
    // processes (srun itself), and where the node is this computer the task must not be taken
    // for one of them: a kill must reach it through Slurm.
    local.arguments << QStringLiteral("env") << QStringLiteral("-u") << QString::fromLatin1(session::kMarkerName);
    if (spec.useShell)
        local.arguments << QStringLiteral("/bin/sh") << QStringLiteral("-c") << spec.shellCommand;
    else
        local.arguments << spec.program << spec.arguments;
    return local;
}

void SlurmRun::localProcessStarted(pid_t pgid)
{
    m_localRunning = true;
    m_pgid = pgid;
    if (m_queue && !m_watching) {
        m_queue->watch(m_name);
        m_watching = true;
    }
    guardian::slurmJobStarted(m_treeId);
}

void SlurmRun::localProcessEnded()
{
    m_localRunning = false;
    m_term.stop();
    m_graceTimer.stop();
    m_lastResortTimer.stop();
    guardian::slurmJobEnded(m_treeId);
}

void SlurmRun::onSeen(const QString &name, const SlurmJobInfo &info)
{
    if (name != m_name)
        return;
    const bool differs = info.jobId != m_info.jobId || info.node != m_info.node || info.state != m_info.state;
    m_info = info;
    if (differs)
        emit changed();
    if (m_whenSettled && !m_info.jobId.isEmpty())
        settle();
}

void SlurmRun::scancel(const QStringList &options)
{
    // Fire and forget: scancel talks to slurmctld and exits; nothing here waits for it.
    const QString target = m_info.jobId.isEmpty() ? QStringLiteral("--name=%1").arg(m_name) : m_info.jobId;
    QProcess::startDetached(QStringLiteral("scancel"), options + QStringList{QStringLiteral("--quiet"), target});
}

void SlurmRun::terminate(double graceSeconds)
{
    if (!m_localRunning || m_graceTimer.isActive() || m_lastResortTimer.isActive())
        return;
    if (pendingOnCluster()) {
        scancel({}); // nothing runs yet: nothing to give a grace to
        m_lastResortTimer.start();
        return;
    }
    if (!m_info.jobId.isEmpty() && m_term.needed()) {
        // Suspended, or lately: Slurm refuses to signal a suspended job ("Job can not be altered
        // now") and slurmstepd drops a signal while it suspends one or until a resume reaches it.
        // SlurmTerm resumes it and sends TERM until that cannot have been lost, so that it gets
        // its TERM and its grace as a local paused job does.
        m_term.start(m_info.jobId);
    } else {
        scancel({QStringLiteral("--signal=TERM")});
    }
    m_graceTimer.start(int(qBound(0.0, graceSeconds * 1000.0, 3600e3)));
}

void SlurmRun::killNow()
{
    m_term.stop();
    m_graceTimer.stop();
    scancel({});
}

void SlurmRun::whenSettled(std::function<void()> then)
{
    m_whenSettled = std::move(then);
    if (m_name.isEmpty() || !m_info.jobId.isEmpty() || !m_queue || !m_watching) {
        settle();
        return;
    }
    m_queue->askSoon();
    m_settleTimer.start();
}

void SlurmRun::settle()
{
    m_settleTimer.stop();
    if (m_watching && m_queue) {
        m_queue->unwatch(m_name);
        m_watching = false;
    }
    if (auto then = std::exchange(m_whenSettled, nullptr))
        then();
}

} // namespace procdeck
