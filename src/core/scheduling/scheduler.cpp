#include "scheduler.h"

#include "process/fdbudget.h"
#include "process/jobstart.h"
#include "retrypolicy.h"

#include <QThread>

#include <algorithm>

namespace procdeck {

namespace {
/// The longest the start loop runs before it gives the event loop a turn.
constexpr qint64 kStartSliceMs = 20;
}

Scheduler::Scheduler(QObject *parent)
    : QObject(parent), m_queue([this](int seq) { return jobBySeq(seq); }, &m_runningJobs)
{
    m_maxParallel = qMax(1, QThread::idealThreadCount());
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Scheduler::startWhatFits);
    connect(&m_queue, &SteeringQueue::jobsReady, this, &Scheduler::scheduleSoon);
    connect(&m_queue, &SteeringQueue::batchHalted, this, &Scheduler::batchHalted);
    connect(&m_placements, &JobPlacements::roomChanged, this, &Scheduler::scheduleSoon);
    connect(&m_placements, &JobPlacements::settled, this, [this] { if (isIdle()) emit idle(); });
    connect(&m_placements, &JobPlacements::busyChanged, this, &Scheduler::hostSlotsChanged);
    connect(&m_resources, &ResourcePolicy::mayStartMore, this, &Scheduler::scheduleSoon);
}

Scheduler::~Scheduler()
{
    killAllNow();
    for (auto &job : m_jobs)
        job->setOwner(nullptr);
}

void Scheduler::onJobEvent(Job *job, JobEvent event, const QString &detail)
{
    switch (event) {
    case JobEvent::StateChanged: emit jobStateChanged(job); emit jobChanged(job); break;
    case JobEvent::OutputChanged: emit jobOutputChanged(job); emit jobChanged(job); break;
    case JobEvent::UsageChanged: emit jobUsageChanged(job); emit jobChanged(job); break;
    case JobEvent::Started: emit jobStarted(job); break;
    case JobEvent::Ended: onJobEnded(job); break;
    case JobEvent::Requeued: onJobRequeued(job); break;
    case JobEvent::SteeringRefused: emit steeringRefused(job, detail); break;
    }
}

void Scheduler::setMaxParallel(int n)
{
    if (std::exchange(m_maxParallel, qMax(1, n)) != qMax(1, n))
        emit maxParallelChanged(m_maxParallel);
    scheduleSoon();
}

void Scheduler::setPaused(bool paused)
{
    if (std::exchange(m_paused, paused) == paused)
        return;
    if (!paused)
        scheduleSoon();
    emit pausedChanged(paused);
}

Job *Scheduler::queueRetry(Job *job)
{
    const int row = count();
    emit jobsAboutToBeInserted(row, row);
    Job *next = createJob(job->spec(), job->batchId(), false); // counted as the ended try was
    next->setLinks({job->attempt() + 1, job->firstSeq(), 0, job->prerequisites(), {}, {}});
    next->setSlot(job->slot());
    m_placements.assignLike(next, job); // where the first try went: its placer knows the logins
    emit jobsInserted(row, row);
    JobLinks links = job->links();
    links.retriedAs = next->seq();
    job->setLinks(links);
    m_queue.addRetry(next,
                     retrypolicy::jitteredDelayMs(job->spec().retryDelaySeconds, next->attempt()));
    return next;
}

Job *Scheduler::createJob(JobSpec spec, int batchId, bool counted)
{
    auto job = std::make_unique<Job>(m_nextSeq++, std::move(spec), m_outputDir, m_tailLimit);
    job->setBatchId(batchId);
    Job *raw = job.get();
    raw->setOwner(this);
    m_jobs.push_back(std::move(job));
    ++m_queuedCount;
    if (counted)
        m_tallies.added(batchId);
    return raw;
}

Job *Scheduler::add(const JobSpec &spec, const std::optional<RunOn> &runOn)
{
    const int row = count();
    emit jobsAboutToBeInserted(row, row);
    Job *job = createJob(spec, 0);
    if (runOn)
        m_placements.assign(job, *runOn);
    emit jobsInserted(row, row);
    m_queue.add(job, {});
    scheduleSoon();
    return job;
}

int Scheduler::addBatch(const QList<JobSpec> &specs, const HaltPolicy &halt,
                        const std::optional<RunOn> &runOn)
{
    const int batchId = m_nextBatchId++;
    if (specs.isEmpty())
        return batchId;
    if (halt.isActive())
        m_queue.setHalt(batchId, halt, int(specs.size()));
    const int first = count();
    const int last = first + int(specs.size()) - 1;
    emit jobsAboutToBeInserted(first, last);
    m_jobs.reserve(m_jobs.size() + size_t(specs.size()));
    QList<Job *> created;
    QHash<QString, Job *> byId; // "after" names ids of the same batch
    for (const JobSpec &spec : specs) {
        created << createJob(spec, batchId);
        if (runOn)
            m_placements.assign(created.last(), *runOn);
        if (!spec.id.isEmpty())
            byId.insert(spec.id, created.last());
    }
    emit jobsInserted(first, last);
    for (Job *job : std::as_const(created))
        m_queue.add(job, byId);
    scheduleSoon();
    return batchId;
}

int Scheduler::addMirrored(QList<JobSpec> specs, const MirrorRun &runOf, int wanted)
{
    const int batchId = wanted >= 0 ? wanted : specs.size() > 1 ? m_nextBatchId++ : 0;
    const int first = count();
    const int last = first + int(specs.size()) - 1;
    emit jobsAboutToBeInserted(first, last);
    QList<Job *> created;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        Job *job = createJob(std::move(specs[i]), batchId); // 100,000 at an attach: no copy
        job->setRemote(runOf(int(i))); // before anyone hears of it (the history)
        if (!JobStart::adoptEnded(*job)) { // else it ended there before it was mirrored
            created << job;
            continue;
        }
        --m_queuedCount; // a row as it ended, counted at once; no start, no end to tell
        m_tallies.endedBefore(*job);
    }
    emit jobsInserted(first, last);
    // Started at once, outside the queue and -j: the other side decides when each runs.
    for (Job *job : std::as_const(created)) {
        if (JobStart::run(*job) != Job::StartResult::Started)
            continue; // it has ended (onJobEnded counted it)
        m_mirrored.insert(job);
        --m_queuedCount;
        m_tallies.started(*job);
    }
    return batchId;
}

int Scheduler::indexOf(const Job *job) const
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(),
                                 [job](const auto &j) { return j.get() == job; });
    return it == m_jobs.end() ? -1 : int(it - m_jobs.begin());
}

Job *Scheduler::jobBySeq(int seq) const
{
    // Jobs are appended in seq order and removal keeps that order: binary search.
    const auto it = std::lower_bound(m_jobs.begin(), m_jobs.end(), seq,
                                     [](const auto &j, int s) { return j->seq() < s; });
    return it != m_jobs.end() && (*it)->seq() == seq ? it->get() : nullptr;
}

void Scheduler::setBatchMaxParallel(int batchId, int n)
{
    m_slots.setLimit(batchId, n);
    scheduleSoon();
}

void Scheduler::scheduleSoon()
{
    if (m_startPending)
        return;
    m_startPending = true;
    QMetaObject::invokeMethod(this, [this] {
        m_startPending = false;
        startWhatFits();
    }, Qt::QueuedConnection);
}

void Scheduler::startWhatFits()
{
    if (m_killingAll)
        return;
    m_inStartLoop = true;
    m_endedInStartLoop = false;
    QElapsedTimer slice;
    slice.start();
    while (!m_paused) {
        if (slice.elapsed() >= kStartSliceMs) {
            // Hundreds of starts take a while: let timeouts, ends and the window have their turn
            // (a 1 s timeout must fire at 1 s, not after the last of 1000 starts).
            scheduleSoon();
            break;
        }
        if (runningCount() > 0 && !fdbudget::allowsAnotherStart(runningCount()))
            break; // a running job's end calls us again
        Job *job = nextStartable();
        if (!job)
            break;
        // -j counts the jobs run here and on Slurm; an ssh login's slots, the jobs run there.
        if (!m_placements.decidesParallelism(job)
            && runningCount() - m_placements.slotHolders() >= m_maxParallel)
            break;
        if (m_startDelayMs > 0 && m_lastStart.isValid() && m_lastStart.elapsed() < m_startDelayMs) {
            if (!m_retryTimer.isActive())
                m_retryTimer.start(int(m_startDelayMs - m_lastStart.elapsed()));
            break;
        }
        if (m_resources.active() && runOnOf(job).where == RunOn::Where::ThisComputer
            && m_resources.holds(job))
            break; // its figures call us again when they allow a start
        if (const Placement placed = m_placements.place(job); placed != Placement::Placed) {
            if (placed == Placement::NoSlot)
                break; // no free slot on its logins: an end or a login's CPU count calls us again
            if (placed == Placement::Failed) // it ends, and leaves the queue (onJobEnded)
                job->failBeforeStart(m_placements.failure(job));
            else // a retry waits for another login: those behind may take the slot
                m_queue.passOver();
            continue;
        }
        m_queue.takeFront();
        if (job->slot() == 0) // a retry, or a start that fell short, keeps the one it has
            job->setSlot(m_slots.take(job->batchId()));
        const Job::StartResult result = JobStart::run(*job);
        if (result != Job::StartResult::Started)
            m_placements.release(job);
        if (result == Job::StartResult::Started) {
            onStarted(job);
        } else if (result == Job::StartResult::NoResources) {
            m_queue.putFront(job);
            backOff(job->startErrno());
            break;
        } // Failed: it has ended as FailedToStart; onJobEnded did the bookkeeping
    }
    m_queue.endTurn();
    m_inStartLoop = false;
    if (m_endedInStartLoop && isIdle() && m_placements.settleRun())
        emit idle();
}

Job *Scheduler::nextStartable()
{
    // Jobs of batches at their own limit wait where they are while those behind them start; the
    // walk ends once every queued job left is of such a batch.
    QSet<int> full;
    int othersLeft = m_queuedCount;
    while (Job *job = m_queue.peekNext()) { // jobs that ended, or wait for their batch, set aside
        const int batchId = job->batchId();
        if (m_slots.hasRoom(batchId, m_tallies.running(batchId)))
            return job;
        if (!full.contains(batchId)) {
            full.insert(batchId);
            othersLeft -= m_tallies.batch(batchId)->stats().queued;
        }
        if (othersLeft <= 0)
            return nullptr;
        m_queue.passOver();
    }
    return nullptr;
}

void Scheduler::onStarted(Job *job)
{
    m_runningJobs.insert(job);
    --m_queuedCount;
    m_tallies.started(*job);
    m_lastStart.start();
    m_backOff.reset();
}

void Scheduler::backOff(int errnoValue)
{
    if (m_retryTimer.isActive())
        return;
    const int delayMs = m_backOff.next(errnoValue, runningCount());
    if (delayMs < 0) {
        // Deferred: we may be inside the start loop, and failing jobs emits.
        QMetaObject::invokeMethod(
            this, [this, errnoValue] { failQueuedForWant(errnoValue); }, Qt::QueuedConnection);
        return;
    }
    // Running jobs wake us as they end; the timer covers what they do not free (processes and
    // memory held by others) and the case where nothing runs at all.
    m_retryTimer.start(delayMs);
}

void Scheduler::failQueuedForWant(int errnoValue)
{
    if (runningCount() > 0)
        return; // something started meanwhile: keep waiting for it
    const QString reason = ShortageBackOff::reason(errnoValue);
    m_killingAll = true; // start nothing while the queue is failed
    for (Job *job : m_queue.order())
        job->failBeforeStart(reason);
    m_killingAll = false;
    m_backOff.reset();
}

void Scheduler::onJobRequeued(Job *job)
{
    m_runningJobs.remove(job);
    m_placements.release(job);
    m_queue.putFront(job);
    ++m_queuedCount;
    m_tallies.requeued(*job);
    backOff(job->startErrno());
}

void Scheduler::onJobEnded(Job *job)
{
    // Not running: it ended from the queue (cancelled, or failed to start). A cancelled job stays
    // in m_queue until the start loop skips it.
    const bool mirrored = m_mirrored.remove(job); // its retries are the other side's
    const bool wasRunning = m_runningJobs.remove(job) || mirrored;
    if (!wasRunning) {
        --m_queuedCount;
        m_queue.forget(job);
    }
    // The next try is in place before anyone hears of this one's end (it has retriedAs()).
    const BatchHalt *halt = m_queue.batchHalt(job->batchId());
    const bool retried = !(halt && halt->halted) && !m_killingAll && !mirrored
            && (retrypolicy::wantsAnotherTry(*job) || m_resources.wantsAnotherTry(*job))
            && queueRetry(job);
    m_tallies.ended(*job, wasRunning, retried);
    if (!retried) // a retry keeps its slot, as in GNU parallel
        m_slots.release(job->batchId(), job->slot());
    m_placements.release(job);
    emit jobEnded(job);
    if (!retried)
        m_queue.settle(*job);
    m_endedKeep.applyTo(job);
    if (m_inStartLoop) {
        m_endedInStartLoop = true; // the loop goes on by itself
        return;
    }
    startWhatFits();
    if (isIdle() && !m_endedInStartLoop && m_placements.settleRun())
        emit idle();
}

void Scheduler::endEvery(void (Job::*endRunning)())
{
    // Cancel the queue first and start nothing meanwhile, so that no job starts as others end.
    m_killingAll = true;
    for (Job *job : m_queue.all())
        job->kill();
    for (const Job *running : QSet<const Job *>(m_runningJobs))
        (const_cast<Job *>(running)->*endRunning)();
    m_killingAll = false;
}

void Scheduler::killMirrored()
{
    for (const Job *mirrored : QSet<const Job *>(m_mirrored)) // a kill may end one at once
        const_cast<Job *>(mirrored)->kill();
}

void Scheduler::removeEnded()
{
    // The queue must not keep pointers to the jobs about to go.
    m_queue.dropEnded();
    // Runs of adjacent ended rows, the last first: the rows before a run keep their numbers, and
    // a view hears of 100,000 rows going in a few ranges, not one by one.
    for (int last = count() - 1; last >= 0; --last) {
        if (!isTerminal(m_jobs[size_t(last)]->state()))
            continue;
        int first = last;
        while (first > 0 && isTerminal(m_jobs[size_t(first - 1)]->state()))
            --first;
        emit jobsAboutToBeRemoved(first, last);
        for (int row = first; row <= last; ++row)
            m_placements.forget(m_jobs[size_t(row)].get());
        m_jobs.erase(m_jobs.begin() + first, m_jobs.begin() + last + 1);
        emit jobsRemoved(first, last);
        last = first;
    }
    m_tallies.recount(m_jobs);
}

} // namespace procdeck
