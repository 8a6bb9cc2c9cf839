#include "steeringqueue.h"

#include "process/job.h"
#include "process/remoterun.h"
#include "jobdependencies.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <climits>

namespace procdeck {

namespace {

bool bySeq(const Job *a, const Job *b)
{
    return a->seq() < b->seq();
}

} // namespace

SteeringQueue::SteeringQueue(std::function<Job *(int)> jobBySeq, const QSet<const Job *> *running,
                             QObject *parent)
    : QObject(parent), m_jobBySeq(std::move(jobBySeq)), m_running(running)
{
}

void SteeringQueue::setHalt(int batchId, const HaltPolicy &policy, int total)
{
    BatchHalt h;
    h.policy = policy;
    h.total = total;
    m_halts.insert(batchId, h);
}

const BatchHalt *SteeringQueue::batchHalt(int batchId) const
{
    const auto it = m_halts.constFind(batchId);
    return it == m_halts.constEnd() ? nullptr : &it.value();
}

Job *SteeringQueue::lastTry(const Job *named) const
{
    // From the try named, forward: the first try may be gone (Remove ended) while its retry runs.
    Job *job = m_jobBySeq(named->seq());
    while (job && job->retriedAs() != 0) {
        Job *next = m_jobBySeq(job->retriedAs());
        if (!next)
            break;
        job = next;
    }
    return job;
}

void SteeringQueue::add(Job *job, const QHash<QString, Job *> &batchJobs)
{
    const JobSpec &spec = job->spec();
    if (spec.after.isEmpty() && spec.afterSuccess.isEmpty()) {
        m_order.push_back(job);
        return;
    }
    QStringList missing;
    const auto resolve = [&](const QStringList &refs) {
        QList<const Job *> out;
        for (const QString &ref : refs) {
            const Job *found = batchJobs.value(ref);
            int seq = 0;
            if (!found && jobdependencies::isJobNumber(ref, &seq))
                found = m_jobBySeq(seq);
            if (found)
                out << lastTry(found);
            else
                missing << ref;
        }
        out.removeAll(nullptr);
        return out;
    };
    const QList<const Job *> after = resolve(spec.after);
    missing.clear(); // a job to run after that is gone (removed from the table) has ended
    const QList<const Job *> afterSuccess = resolve(spec.afterSuccess);
    QString skip = m_dependencies.add(job, after, afterSuccess);
    if (skip.isEmpty() && !missing.isEmpty())
        skip = QCoreApplication::translate("procdeck::DependencyTracker",
                                           "it was to run only if job %1 succeeded, and there "
                                           "is no such job")
                   .arg(missing.join(QLatin1String(", ")));
    if (!skip.isEmpty()) {
        m_dependencies.forget(job);
        job->endUnstarted(JobState::Skipped, skip);
    } else if (!m_dependencies.isWaiting(job)) {
        m_order.push_back(job);
    }
}

Job *SteeringQueue::peekNext()
{
    while (!m_order.empty()) {
        Job *job = m_order.front();
        if (job->state() != JobState::Queued) { // cancelled while it waited: dropped here, in O(1)
            m_order.pop_front();
        } else if (const BatchHalt *h = batchHalt(job->batchId()); h && h->halted) {
            m_order.pop_front();
            job->endUnstarted(JobState::Cancelled,
                              QStringLiteral("not started: the batch %1").arg(h->reason));
        } else if (m_pausedBatches.contains(job->batchId())) { // held until its batch resumes
            m_order.pop_front();
            m_heldByBatch.insert(job);
        } else {
            return job;
        }
    }
    return nullptr;
}

void SteeringQueue::addRetry(Job *job, qint64 delayMs)
{
    if (delayMs <= 0) {
        putFirst({job}); // as GNU parallel: a failed job is tried again before the next one
        return;
    }
    m_delayed.insert(job);
    QTimer::singleShot(int(qMin<qint64>(delayMs, INT_MAX)), this, [this, seq = job->seq()] {
        Job *due = m_jobBySeq(seq);
        if (due && m_delayed.remove(due)) {
            putFirst({due});
            emit jobsReady();
        }
    });
}

void SteeringQueue::passOver()
{
    m_passedOver << m_order.front();
    m_order.pop_front();
}

void SteeringQueue::endTurn()
{
    m_order.insert(m_order.begin(), m_passedOver.cbegin(), m_passedOver.cend());
    m_passedOver.clear();
}

void SteeringQueue::forget(Job *job)
{
    m_delayed.remove(job);
    m_heldByBatch.remove(job);
    m_dependencies.forget(job);
}

void SteeringQueue::settle(const Job &job)
{
    const auto it = m_halts.find(job.batchId());
    if (it != m_halts.end() && it->count(job))
        halt(job.batchId());
    const DependencyTracker::Outcome outcome = m_dependencies.settled(job);
    if (!outcome.ready.isEmpty()) {
        putFirst(outcome.ready); // their turn has come: before jobs queued after them
        emit jobsReady();
    }
    m_toSkip.insert(m_toSkip.end(), outcome.skipped.cbegin(), outcome.skipped.cend());
    if (m_skipping)
        return; // the outer call ends them
    m_skipping = true;
    while (!m_toSkip.empty()) {
        const auto [skipped, reason] = m_toSkip.front();
        m_toSkip.pop_front();
        skipped->endUnstarted(JobState::Skipped, reason); // may settle, adding to m_toSkip
    }
    m_skipping = false;
}

void SteeringQueue::halt(int batchId)
{
    const BatchHalt h = m_halts.value(batchId);
    const QString reason = h.reason;
    for (Job *job : all())
        if (job->batchId() == batchId)
            job->endUnstarted(JobState::Cancelled,
                              QStringLiteral("not started: the batch %1").arg(reason));
    if (h.policy.when == HaltPolicy::When::Now)
        for (const Job *running : QSet<const Job *>(*m_running))
            if (running->batchId() == batchId)
                const_cast<Job *>(running)->kill(); // SIGTERM, SIGKILL after its grace period
    emit batchHalted(batchId, reason);
}

void SteeringQueue::dropEnded()
{
    m_order.erase(std::remove_if(m_order.begin(), m_order.end(),
                                 [](const Job *job) { return isTerminal(job->state()); }),
                  m_order.end());
}

void SteeringQueue::putFirst(QList<Job *> jobs)
{
    std::sort(jobs.begin(), jobs.end(), bySeq);
    m_order.insert(m_order.begin(), jobs.begin(), jobs.end());
}

QList<Job *> SteeringQueue::order() const
{
    QList<Job *> out;
    for (Job *job : m_passedOver)
        if (job->state() == JobState::Queued)
            out << job;
    for (Job *job : m_order)
        if (job->state() == JobState::Queued)
            out << job;
    return out;
}

QList<Job *> SteeringQueue::all() const
{
    QList<Job *> out = order();
    out += QList<Job *>(m_delayed.begin(), m_delayed.end());
    out += QList<Job *>(m_heldByBatch.begin(), m_heldByBatch.end());
    out += m_dependencies.waitingJobs();
    std::sort(out.begin(), out.end(), bySeq);
    return out;
}

void SteeringQueue::moveBefore(const QList<Job *> &jobs, const Job *target)
{
    const QSet<Job *> moving(jobs.begin(), jobs.end());
    std::deque<Job *> rest;
    QList<Job *> moved;
    for (Job *job : m_order) {
        if (job->state() != JobState::Queued)
            continue; // cancelled meanwhile: dropped now
        if (moving.contains(job))
            moved << job;
        else
            rest.push_back(job);
    }
    auto at = target ? std::find(rest.begin(), rest.end(), target) : rest.end();
    rest.insert(at, moved.begin(), moved.end());
    m_order = std::move(rest);
}

void SteeringQueue::moveToFront(const QList<Job *> &jobs)
{
    const QList<Job *> queued = order();
    moveBefore(jobs, queued.isEmpty() ? nullptr : queued.first());
    // One request a job: the last one asked ends at the front, so the first goes last.
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it)
        if (const RemoteRun *remote = (*it)->remote(); remote && remote->movableThere())
            remote->moveInQueueThere(true);
}

void SteeringQueue::moveToBack(const QList<Job *> &jobs)
{
    moveBefore(jobs, nullptr);
    for (Job *job : jobs)
        if (const RemoteRun *remote = job->remote(); remote && remote->movableThere())
            remote->moveInQueueThere(false);
}

void SteeringQueue::pauseBatch(int batchId, const QSet<const Job *> &running)
{
    m_pausedBatches.insert(batchId);
    for (const Job *job : running)
        if (job->batchId() == batchId)
            const_cast<Job *>(job)->pause();
}

void SteeringQueue::killBatch(int batchId, const QSet<const Job *> &running)
{
    if (batchId <= 0)
        return; // jobs added one by one are no batch
    // Held like a paused batch's while its jobs end, so that none of them starts meanwhile.
    const bool wasPaused = m_pausedBatches.contains(batchId);
    m_pausedBatches.insert(batchId);
    for (Job *job : all())
        if (job->batchId() == batchId)
            job->kill();
    for (const Job *job : QSet<const Job *>(running)) // a kill may end a job at once
        if (job->batchId() == batchId)
            const_cast<Job *>(job)->kill();
    if (!wasPaused)
        m_pausedBatches.remove(batchId);
}

void SteeringQueue::resumeBatch(int batchId, const QSet<const Job *> &running)
{
    if (!m_pausedBatches.remove(batchId))
        return;
    for (const Job *job : running)
        if (job->batchId() == batchId)
            const_cast<Job *>(job)->resume();
    QList<Job *> held;
    for (Job *job : std::as_const(m_heldByBatch))
        if (job->batchId() == batchId)
            held << job;
    for (Job *job : std::as_const(held))
        m_heldByBatch.remove(job);
    putFirst(held);
    emit jobsReady();
}

int SteeringQueue::pauseAll(const QSet<const Job *> &running)
{
    int paused = 0;
    for (const Job *job : running)
        paused += int(const_cast<Job *>(job)->pause());
    return paused;
}

void SteeringQueue::resumeAll(const QSet<const Job *> &running)
{
    for (const Job *job : running)
        const_cast<Job *>(job)->resume();
}

} // namespace procdeck
