#include "jobplacer.h"

#include "job.h"
#include "slurmrun.h"
#include "sshrun.h"

namespace procdeck {

JobPlacer::JobPlacer(RunOn runOn, int slotsPerLogin, QObject *parent) : QObject(parent), m_runOn(std::move(runOn))
{
    switch (m_runOn.where) {
    case RunOn::Where::ThisComputer:
        break;
    case RunOn::Where::SshHosts:
        m_hosts = std::make_unique<HostSlots>(m_runOn.sshLogins, slotsPerLogin);
        connect(m_hosts.get(), &HostSlots::slotsChanged, this, &JobPlacer::roomChanged);
        connect(m_hosts.get(), &HostSlots::busyChanged, this, &JobPlacer::busyChanged);
        break;
    case RunOn::Where::SlurmCluster:
        m_slurmQueue = std::make_unique<SlurmQueue>();
        break;
    }
}

JobPlacer::~JobPlacer() = default;

bool JobPlacer::place(Job *job)
{
    switch (m_runOn.where) {
    case RunOn::Where::ThisComputer:
        job->setRemote(nullptr);
        return true;
    case RunOn::Where::SlurmCluster:
        setRemote(job, std::make_unique<SlurmRun>(m_runOn.slurmArgs, m_slurmQueue.get()));
        return true;
    case RunOn::Where::SshHosts:
        break;
    }
    // A retry is a new Job: what its earlier tries ran on is kept under the first try's number.
    const int index = m_hosts->acquire(m_triedOn.value(job->firstSeq()));
    if (index < 0)
        return false;
    m_slotOf.insert(job, index);
    m_triedOn[job->firstSeq()].insert(index);
    const SshLogin &login = m_hosts->login(index);
    setRemote(job, login.isLocal() ? nullptr : std::make_unique<SshRun>(login));
    return true;
}

void JobPlacer::setRemote(Job *job, std::unique_ptr<RemoteRun> run)
{
    // "Pending on the cluster", the node, the job id: shown and sorted as the job's state is.
    if (run)
        connect(run.get(), &RemoteRun::changed, job, [job] { emit job->stateChanged(job); });
    job->setRemote(std::move(run));
}

void JobPlacer::release(const Job *job)
{
    const auto it = m_slotOf.constFind(job);
    if (it == m_slotOf.constEnd())
        return;
    const int index = it.value();
    m_slotOf.erase(it);
    m_hosts->release(index);
    emit roomChanged();
}

void JobPlacer::forget(const Job *job)
{
    release(job);
    if (job->retriedAs() == 0) // the last try: no later one will ask
        m_triedOn.remove(job->firstSeq());
}

} // namespace procdeck
