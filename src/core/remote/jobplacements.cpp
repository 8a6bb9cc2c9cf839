#include "jobplacements.h"

#include "process/job.h"

#include <algorithm>

namespace procdeck {

JobPlacements::JobPlacements(QObject *parent)
    : QObject(parent), m_hosts(std::make_unique<HostSlots>())
{
    connect(m_hosts.get(), &HostSlots::slotsChanged, this, &JobPlacements::roomChanged);
    connect(m_hosts.get(), &HostSlots::busyChanged, this, &JobPlacements::busyChanged);
}

JobPlacements::~JobPlacements() = default;

JobPlacer *JobPlacements::placerFor(const RunOn &runOn, int slotsPerLogin)
{
    if (runOn.where == RunOn::Where::ThisComputer)
        return nullptr;
    for (const Place &place : m_places) {
        if (place.runOn == runOn && place.slotsPerLogin == slotsPerLogin) {
            place.placer->renewLimits(); // named again: its limits are the latest word
            return place.placer.get();
        }
    }
    auto placer = std::make_unique<JobPlacer>(runOn, slotsPerLogin, m_hosts.get());
    connect(placer.get(), &JobPlacer::roomChanged, this, &JobPlacements::roomChanged);
    connect(placer.get(), &JobPlacer::settled, this, &JobPlacements::settled);
    m_places.push_back({runOn, slotsPerLogin, std::move(placer)});
    return m_places.back().placer.get();
}

JobPlacer *JobPlacements::placerOf(const Job *job) const
{
    const auto it = m_placerOf.constFind(job);
    return it != m_placerOf.constEnd() ? it.value() : m_default;
}

void JobPlacements::setDefault(const RunOn &runOn, int slotsPerLogin)
{
    m_default = placerFor(runOn, slotsPerLogin);
}

RunOn JobPlacements::defaultRunOn() const
{
    return m_default ? m_default->runOn() : RunOn{};
}

void JobPlacements::assign(const Job *job, const RunOn &runOn, int slotsPerLogin)
{
    m_placerOf.insert(job, placerFor(runOn, slotsPerLogin));
}

void JobPlacements::assignLike(const Job *job, const Job *like)
{
    m_placerOf.insert(job, placerOf(like));
}

RunOn JobPlacements::runOnOf(const Job *job) const
{
    const JobPlacer *placer = placerOf(job);
    return placer ? placer->runOn() : RunOn{};
}

bool JobPlacements::decidesParallelism(const Job *job) const
{
    const JobPlacer *placer = placerOf(job);
    return placer && placer->decidesParallelism();
}

int JobPlacements::slotHolders() const
{
    int holders = 0;
    for (const Place &place : m_places)
        holders += place.placer->slotHolders();
    return holders;
}

Placement JobPlacements::place(Job *job)
{
    JobPlacer *placer = placerOf(job);
    if (!placer) {
        job->setRemote(nullptr);
        return Placement::Placed;
    }
    m_placerOf.insert(job, placer); // the default as it stands now: kept for the job's life
    return placer->place(job);
}

void JobPlacements::release(const Job *job)
{
    if (JobPlacer *placer = placerOf(job))
        placer->release(job);
}

void JobPlacements::forget(const Job *job)
{
    if (JobPlacer *placer = placerOf(job))
        placer->forget(job);
    m_placerOf.remove(job);
}

QString JobPlacements::failure(const Job *job) const
{
    const JobPlacer *placer = placerOf(job);
    return placer ? placer->failure() : QString();
}

bool JobPlacements::settleRun()
{
    for (Place &place : m_places)
        place.placer->finishRun();
    return !settingUp();
}

bool JobPlacements::settingUp() const
{
    return std::any_of(m_places.cbegin(), m_places.cend(),
                       [](const Place &place) { return place.placer->settingUp(); });
}

} // namespace procdeck
