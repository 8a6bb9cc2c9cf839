#include "jobplacer.h"

#include "hostsetup.h"

#include "process/job.h"
#include "types/jobstate.h"
#include "slurmrun.h"
#include "sshrun.h"
#include "workerlink.h"
#include "workerrun.h"

#include <limits>

namespace procdeck {

JobPlacer::JobPlacer(RunOn runOn, int slotsPerLogin, HostSlots *logins, QObject *parent)
    : QObject(parent),
      m_runOn(std::move(runOn)),
      m_perLogin(m_runOn.jobsPerLogin.value_or(JobsPerLogin::fromCount(slotsPerLogin))),
      m_hosts(m_runOn.where == RunOn::Where::SshHosts ? logins : nullptr)
{
    if (m_runOn.where == RunOn::Where::SlurmCluster)
        m_slurmQueue = std::make_unique<SlurmQueue>(m_runOn.slurmAllocation);
    if (!m_hosts)
        return;
    for (const SshLogin &login : std::as_const(m_runOn.sshLogins)) {
        const int index = m_hosts->use(login, m_perLogin);
        m_indexOf << index;
        if (!m_logins.contains(index)) // a login named twice is one login
            m_logins << index;
    }
    if (m_runOn.onAllLoginsAtOnce > 0 && m_runOn.onAllLoginsAtOnce < m_logins.size())
        m_turns = std::make_unique<LoginTurns>(m_runOn.onAllLoginsAtOnce,
                                               m_runOn.onAllJobsPerLogin);
    if (!m_runOn.baseFiles.transfer.isEmpty()) {
        m_setup = std::make_unique<HostSetup>(m_runOn.baseFiles);
        connect(m_setup.get(), &HostSetup::changed, this, &JobPlacer::roomChanged);
        connect(m_setup.get(), &HostSetup::changed, this, &JobPlacer::settled);
    }
}

void JobPlacer::renewLimits()
{
    if (m_hosts)
        for (const SshLogin &login : std::as_const(m_runOn.sshLogins))
            m_hosts->use(login, m_perLogin);
}

JobPlacer::~JobPlacer() = default;

Placement JobPlacer::place(Job *job)
{
    switch (m_runOn.where) {
    case RunOn::Where::ThisComputer:
        job->setRemote(nullptr);
        return Placement::Placed;
    case RunOn::Where::SlurmCluster:
        if (m_runOn.slurmWorkers)
            setRemote(job, std::make_unique<WorkerRun>(slurmWorker()));
        else
            setRemote(job, std::make_unique<SlurmRun>(m_runOn.slurmArgs, m_slurmQueue.get()));
        return Placement::Placed;
    case RunOn::Where::SshHosts:
        break;
    }
    if (m_setup) { // all at once, as parallel copies before its first job
        QList<SshLogin> logins;
        for (const int i : std::as_const(m_logins))
            logins << m_hosts->login(i);
        m_setup->prepare(logins);
    }
    const int index = m_hosts->acquire(candidates(job));
    if (index < 0)
        return noneFree(job);
    m_slotOf.insert(job, index);
    ++m_triesOn[job->firstSeq()][index];
    if (m_turns)
        m_turns->started(job->batchId(), job->spec().onLogin);
    const SshLogin &login = m_hosts->login(index);
    if (login.isLocal())
        setRemote(job, nullptr);
    else if (m_runOn.sshWorkers)
        setRemote(job, std::make_unique<WorkerRun>(workerLink(index)));
    else
        setRemote(job, std::make_unique<SshRun>(login));
    return Placement::Placed;
}

QList<int> JobPlacer::candidates(const Job *job) const
{
    QList<int> among;
    const int own = job->spec().onLogin;
    if (own >= 0 && own < m_indexOf.size()) {
        if (!m_turns || m_turns->mayStart(job->batchId(), own))
            among << m_indexOf.at(own);
    } else {
        // A retry is a new Job: its earlier tries are counted under the first try's number.
        // Like GNU parallel, it goes only to a login with the fewest of them (any, at the
        // first try).
        const QHash<int, int> tries = m_triesOn.value(job->firstSeq());
        int fewest = std::numeric_limits<int>::max();
        for (const int i : std::as_const(m_logins))
            fewest = qMin(fewest, tries.value(i));
        for (const int i : std::as_const(m_logins))
            if (tries.value(i) == fewest)
                among << i;
    }
    if (m_setup)
        among.removeIf([this](int i) {
            return m_setup->state(m_hosts->login(i)) != HostSetup::State::Ready;
        });
    return among;
}

Placement JobPlacer::noneFree(const Job *job)
{
    if (m_setup) {
        // Its login's copy failed (or, without a login of its own, every login's did).
        const int own = job->spec().onLogin;
        QList<int> logins = own >= 0 && own < m_indexOf.size() ? QList<int>{m_indexOf.at(own)}
                                                               : m_logins;
        logins.removeIf([this](int i) {
            return m_setup->state(m_hosts->login(i)) != HostSetup::State::Failed;
        });
        if (!logins.isEmpty() && logins.size() == (own >= 0 ? 1 : m_logins.size())) {
            m_failure = m_setup->failure(m_hosts->login(logins.first()));
            return Placement::Failed;
        }
    }
    return m_hosts->hasFree(m_logins) ? Placement::WaitsForLogin : Placement::NoSlot;
}

void JobPlacer::finishRun()
{
    if (m_setup)
        m_setup->finish();
}

bool JobPlacer::settingUp() const
{
    return m_setup && m_setup->busy();
}

std::shared_ptr<WorkerLink> JobPlacer::workerLink(int index)
{
    std::shared_ptr<WorkerLink> &link = m_workerLinks[index];
    if (!link)
        link = std::make_shared<WorkerLink>(m_hosts->login(index), m_runOn.workerCommand);
    return link;
}

std::shared_ptr<WorkerLink> JobPlacer::slurmWorker()
{
    if (m_slurmWorkers.isEmpty()) {
        // The allocation asked for (--slurm-allocate), or the one this runs in.
        const QString jobId = m_runOn.slurmAllocation.isEmpty()
                ? qEnvironmentVariable("SLURM_JOB_ID")
                : m_runOn.slurmAllocation;
        const int nodes = m_runOn.slurmNodes > 0
                ? m_runOn.slurmNodes
                : qEnvironmentVariableIntValue("SLURM_JOB_NUM_NODES");
        for (int node = 0; node < qMax(1, nodes); ++node)
            m_slurmWorkers << std::make_shared<WorkerLink>(jobId, node, m_runOn.workerCommand,
                                                           m_runOn.slurmArgs);
    }
    // The node with the fewest jobs running: a worker's step has all of its node's CPUs.
    std::shared_ptr<WorkerLink> least = m_slurmWorkers.first();
    for (const std::shared_ptr<WorkerLink> &link : std::as_const(m_slurmWorkers))
        if (link->running() < least->running())
            least = link;
    return least;
}

void JobPlacer::setRemote(Job *job, std::unique_ptr<RemoteRun> run)
{
    job->setRemote(std::move(run)); // its changes are announced as the job's state (Job)
}

bool JobPlacer::endTurnOf(const Job *job)
{
    // Called for every release: count each job's end once, and only its last try's.
    if (!m_turns || job->spec().onLogin < 0 || !isTerminal(job->state())
        || job->retriedAs() != 0 || m_turnEnded.contains(job))
        return false;
    m_turnEnded.insert(job);
    return m_turns->ended(job->batchId(), job->spec().onLogin);
}

void JobPlacer::release(const Job *job)
{
    const bool turnEnded = endTurnOf(job);
    const auto it = m_slotOf.constFind(job);
    if (it == m_slotOf.constEnd()) {
        if (turnEnded) // the next login may take its turn
            emit roomChanged();
        return;
    }
    const int index = it.value();
    m_slotOf.erase(it);
    m_hosts->release(index);
    emit roomChanged(); // for any place: the slot may be a login other places name too
}

void JobPlacer::forget(const Job *job)
{
    release(job);
    m_turnEnded.remove(job);
    if (job->retriedAs() == 0) // the last try: no later one will ask
        m_triesOn.remove(job->firstSeq());
}

} // namespace procdeck
