#include "slurmrun.h"

#include "slurmstepfiles.h"

#include "process/guardian.h"
#include "process/helperprocess.h"
#include "types/runon.h"
#include "process/session.h"

#include <QRegularExpression>

#include <csignal>

namespace procdeck {

namespace {
/// After the final scancel, how long srun may take to go before its local group is killed.
constexpr int kLastResortMs = 5000;
/// How long a job's end waits for squeue to name its job id and node.
constexpr int kSettleMs = 3000;
/// How often a job being killed at once is cancelled again while its srun is still there.
constexpr int kCancelAgainMs = 1000;
/// A task that a signal ended makes srun exit with 128 + the signal.
constexpr int kSignalledExit = 128;
/// A job whose srun was killed is taken for one slurmctld never registered once squeue has not
/// named it for this long: srun's request may still be on its way to slurmctld when srun dies.
constexpr int kUnknownMs = 3000;
/// How long such a job's end waits at most for squeue to say it ended.
constexpr int kMakeSureMs = 30000;
} // namespace

SlurmRun::SlurmRun(QStringList srunArgs, SlurmQueue *queue, QObject *parent)
    : RemoteRun(parent), m_srunArgs(std::move(srunArgs)), m_queue(queue),
      m_step(queue ? !queue->allocation().isEmpty()
                   : !qEnvironmentVariableIsEmpty("SLURM_JOB_ID"))
{
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &SlurmRun::endOfGrace);
    // The cancel is slurmctld's to carry out: the task ends there; srun need not wait for it.
    connect(&m_finalCancel, &HelperProcess::finished, this, [this] {
        if (m_localRunning && m_pgid > 1)
            ::killpg(m_pgid, SIGKILL);
    });
    m_cancelAgainTimer.setInterval(kCancelAgainMs);
    connect(&m_cancelAgainTimer, &QTimer::timeout, this, &SlurmRun::cancelAgain);
    m_lastResortTimer.setSingleShot(true);
    m_lastResortTimer.setInterval(kLastResortMs);
    connect(&m_lastResortTimer, &QTimer::timeout, this, [this] {
        if (m_localRunning && m_pgid > 1)
            ::killpg(m_pgid, SIGKILL); // srun did not go after scancel: its group, as a last resort
    });
    m_settleTimer.setSingleShot(true);
    connect(&m_settleTimer, &QTimer::timeout, this, &SlurmRun::settle);
    if (m_queue)
        connect(m_queue, &SlurmQueue::seen, this, &SlurmRun::onSeen);
    connect(&m_suspend, &SlurmSuspend::changed, this, &RemoteRun::suspendedChanged);
    connect(&m_suspend, &SlurmSuspend::refused, this, &RemoteRun::suspendRefused);
}

SlurmRun::~SlurmRun()
{
    if (m_localRunning) {
        // Nobody is left to watch srun: a scancel that outlives this, srun's group now, and the
        // guardian cancels by name at exit.
        HelperProcess::startDetached(QStringLiteral("scancel"),
                                     {QStringLiteral("--quiet"), cancelTarget()});
        if (m_pgid > 1)
            ::killpg(m_pgid, SIGKILL);
    }
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
    // --quiet: srun's "queued and waiting for resources" lines are not the job's stderr; its
    // errors still are.
    local.arguments = QStringList{QStringLiteral("--job-name=%1").arg(m_name),
                                  QStringLiteral("--ntasks=1"), QStringLiteral("--quiet")}
        + stepArguments() + m_srunArgs;
    // srun hands its whole environment to the task; ProcDeck's job marker is for local
    // processes (srun itself), and where the node is this computer the task must not be taken
    // for one of them: a kill must reach it through Slurm.
    local.arguments << QStringLiteral("env") << QStringLiteral("-u")
                    << QString::fromLatin1(session::kMarkerName);
    if (m_step && m_queue && !m_queue->stepProlog().isEmpty()) {
        const QString file = QString::fromLatin1(SlurmStepFiles::kFileVariable);
        local.environment << file + QLatin1Char('=') + m_queue->stepFile(m_name);
        local.arguments << QStringLiteral("-u") << file;
    }
    if (spec.useShell)
        local.arguments << QStringLiteral("/bin/sh") << QStringLiteral("-c") << spec.shellCommand;
    else
        local.arguments << spec.program << spec.arguments;
    return local;
}

QStringList SlurmRun::stepArguments() const
{
    if (!m_step)
        return {};
    // Inside an allocation srun makes a step, which by default asks for all of it: steps then
    // ran one at a time ("step creation temporarily disabled"). --exact and one task with the
    // CPUs the user asks for (else one) let as many run at once as the allocation holds.
    static const QRegularExpression cpus(QStringLiteral("^(-c|--cpus-per-task)"));
    QStringList arguments{QStringLiteral("--exact")};
    // The allocation may be ProcDeck's own (--slurm-allocate), not the one it runs in; the
    // prolog tells the step's id even when the step is over before anyone could ask squeue.
    if (m_queue) {
        arguments << QStringLiteral("--jobid=%1").arg(m_queue->allocation());
        if (!m_queue->stepProlog().isEmpty())
            arguments << QStringLiteral("--prolog=%1").arg(m_queue->stepProlog());
    }
    if (m_srunArgs.indexOf(cpus) < 0)
        arguments << QStringLiteral("--cpus-per-task=1");
    return arguments;
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

void SlurmRun::localProcessEnded(int exitCode, bool crashed)
{
    m_localRunning = false;
    m_signalled = !crashed && exitCode > kSignalledExit && exitCode < kSignalledExit + 65;
    // srun ends its job before it exits, unless a signal killed it (and its helper): under load
    // our last resort did, after Kill all now, while its job was still to be registered or
    // cancelled, and the job ran on with nobody to end it.
    m_mayOutliveSrun = crashed || m_killing;
    m_term.stop();
    m_graceTimer.stop();
    m_lastResortTimer.stop();
    m_cancelAgainTimer.stop();
    guardian::slurmJobEnded(m_treeId);
}

void SlurmRun::onSeen(const QString &name, const SlurmJobInfo &info)
{
    if (name != m_name)
        return;
    const bool differs
            = info.jobId != m_info.jobId || info.node != m_info.node || info.state != m_info.state;
    const bool firstId = m_info.jobId.isEmpty() && !info.jobId.isEmpty();
    m_info = info;
    if (firstId && m_killing && m_localRunning)
        scancel({}); // registered after the first scancel by name went
    if (firstId && m_wishBeforeId)
        m_suspend.request(*std::exchange(m_wishBeforeId, std::nullopt), m_info.jobId);
    if (differs)
        emit changed();
    if (m_whenSettled && settledBy(m_info))
        settle();
}

QString SlurmRun::cancelTarget() const
{
    return m_info.jobId.isEmpty() ? QStringLiteral("--name=%1").arg(m_name) : m_info.jobId;
}

void SlurmRun::scancel(const QStringList &options)
{
    if (m_step && m_info.jobId.isEmpty()) {
        // A step cannot be cancelled by its name: srun ends it (without a grace) on SIGTERM.
        if (m_localRunning && m_pgid > 1)
            ::kill(m_pgid, SIGTERM);
        return;
    }
    // Nothing here waits for it. Ours while it runs: without a cluster a scancel retries for a
    // minute, and a closed window must not leave them behind. One on its way already: this one
    // must go too (a TERM, then the cancel), and runs to its end on its own.
    const QStringList arguments
            = options + QStringList{QStringLiteral("--quiet"), cancelTarget()};
    if (m_cancel.isRunning())
        HelperProcess::startDetached(QStringLiteral("scancel"), arguments);
    else
        m_cancel.start(QStringLiteral("scancel"), arguments);
}

void SlurmRun::cancelAgain()
{
    // Once at a time: the next turn comes soon enough.
    if (!m_cancel.isRunning())
        scancel({});
    // A job squeue never named since srun died was never registered, or never will be.
    if (m_whenSettled && m_mayOutliveSrun && m_info.jobId.isEmpty()
        && m_sinceSrunEnded.isValid() && m_sinceSrunEnded.elapsed() >= kUnknownMs)
        settle();
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
    if (m_step && m_suspend.isSuspended()) {
        // A stopped step keeps the TERM pending until it is continued, in whichever order.
        scancel({QStringLiteral("--signal=TERM")});
        scancel({QStringLiteral("--signal=CONT")});
    } else if (!m_info.jobId.isEmpty() && m_term.needed()) {
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

void SlurmRun::requestSuspended(bool suspended)
{
    if (m_info.jobId.isEmpty() && m_localRunning && m_watching && m_queue) {
        // scontrol needs the id squeue has not told yet: asked as soon as it has (a refusal
        // would leave a Ctrl+Z right after the start undone).
        m_wishBeforeId = suspended;
        m_queue->askSoon();
        return;
    }
    m_suspend.request(suspended, m_info.jobId);
}

void SlurmRun::endOfGrace()
{
    m_term.stop();
    m_lastResortTimer.start();
    if (m_info.jobId.isEmpty() || m_finalCancel.isRunning()) {
        scancel({});
        return;
    }
    // A cancel gives the task SIGTERM and KillWait again, and srun waits for its step past
    // that: a 2 s timeout with a 1 s grace ended at 6.8 s. Once slurmctld has taken the cancel
    // of the job by its id, it ends the task whatever srun does: srun's group goes then.
    m_finalCancel.start(QStringLiteral("scancel"), {QStringLiteral("--quiet"), m_info.jobId});
}

void SlurmRun::killNow()
{
    m_term.stop();
    m_graceTimer.stop();
    scancel({});
    if (!m_localRunning)
        return;
    // Never SIGKILL to srun's group first: a job slurmctld registers after that scancel by name
    // would stay RUNNING with nobody to end it. The scancel goes again while srun is there, and
    // by id as soon as squeue names it; srun's group goes only as the last resort.
    m_killing = true;
    m_cancelAgainTimer.start();
    if (!m_lastResortTimer.isActive())
        m_lastResortTimer.start();
}

void SlurmRun::whenSettled(std::function<void()> then)
{
    // What a step's prolog told, read now (the last poll may have come before it), and before
    // m_whenSettled is set: seen() must not settle (and end this job) inside this call.
    if (m_step && m_queue && m_watching)
        m_queue->readStep(m_name);
    m_whenSettled = std::move(then);
    if (m_name.isEmpty() || !m_queue || !m_watching) {
        settle();
        return;
    }
    if (m_step) {
        // A step's end is srun's; one srun killed may have left it: cancelled once more.
        if (m_mayOutliveSrun && !m_info.jobId.isEmpty())
            scancel({});
        settle();
        return;
    }
    if (m_mayOutliveSrun && !m_info.ended()) {
        makeSureItEnded();
        return;
    }
    if (settledBy(m_info)) {
        settle();
        return;
    }
    m_queue->askSoon();
    m_settleTimer.start(kSettleMs);
}

void SlurmRun::makeSureItEnded()
{
    // Cancelled now and every kCancelAgainMs (by id once known, else by name) until squeue says
    // it ended or has not named it for kUnknownMs; the job (and procdeck-cli) ends only then.
    m_sinceSrunEnded.start();
    m_queue->askSoon();
    m_settleTimer.start(kMakeSureMs);
    cancelAgain();
    m_cancelAgainTimer.start();
}

bool SlurmRun::settledBy(const SlurmJobInfo &info) const
{
    // A step's srun is its task's exit status; squeue forgets the step as it ends: nothing to
    // wait for.
    if (m_step)
        return true;
    // A signalled task: the signal is only known from Slurm's word on the ended job; a job srun
    // may have left behind: only its end is.
    if (m_mayOutliveSrun)
        return info.ended();
    return !info.jobId.isEmpty() && (!m_signalled || info.ended());
}

QString SlurmRun::failureReason(int exitCode, const QString &stderrText) const
{
    if (exitCode == 0)
        return {};
    // srun's own errors (no allocation, a bad option), not its "task 0: Exited with …" report of
    // the task's end, which the state says already.
    static const QRegularExpression taskEnd(
        QStringLiteral("^srun: error: [^ ]+: tasks? [0-9,-]+: "));
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (it->startsWith(QLatin1String("srun: error: ")) && !taskEnd.match(*it).hasMatch())
            return it->trimmed();
    }
    return {};
}

void SlurmRun::settle()
{
    m_settleTimer.stop();
    m_cancelAgainTimer.stop();
    if (m_watching && m_queue) {
        m_queue->unwatch(m_name);
        m_watching = false;
    }
    auto then = std::exchange(m_whenSettled, nullptr);
    if (!then)
        return;
    // The state in Slurm's words (TIMEOUT, OUT_OF_MEMORY …) where it keeps accounting.
    m_accounting.ask(m_queue ? m_info.jobId : QString(),
                     m_queue ? m_queue->accountingMissing() : nullptr,
                     [this, then = std::move(then)](const QString &state) {
                         m_finalState = state;
                         then();
                     });
}

} // namespace procdeck
