#include "dependencytracker.h"

#include "process/job.h"

#include <QCoreApplication>

#include <algorithm>

namespace procdeck {

namespace {

bool hasSettled(const Job &job)
{
    return isTerminal(job.state()) && job.retriedAs() == 0;
}

QString nameOf(const Job &job)
{
    return job.spec().id.isEmpty()
            ? QStringLiteral("#%1").arg(job.firstSeq())
            : QStringLiteral("'%1' (#%2)").arg(job.spec().id).arg(job.firstSeq());
}

} // namespace

QString skippedBecause(const Job &prerequisite)
{
    const char *how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it did not succeed");
    switch (prerequisite.state()) {
    case JobState::Failed:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it failed");
        break;
    case JobState::TimedOut:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it timed out");
        break;
    case JobState::Killed:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it was killed");
        break;
    case JobState::Crashed:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it crashed");
        break;
    case JobState::FailedToStart:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it failed to start");
        break;
    case JobState::Cancelled:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it was cancelled");
        break;
    case JobState::Skipped:
        how = QT_TRANSLATE_NOOP("procdeck::DependencyTracker", "it was skipped");
        break;
    default: break;
    }
    //: %1 names the job it waited for ("#3" or "'build' (#3)"); %2 says how that job ended
    return QCoreApplication::translate("procdeck::DependencyTracker",
                                       "it was to run only if job %1 succeeded, and %2")
        .arg(nameOf(prerequisite),
             QCoreApplication::translate("procdeck::DependencyTracker", how));
}

QString DependencyTracker::add(Job *job, const QList<const Job *> &after,
                               const QList<const Job *> &afterSuccess)
{
    Waiter w;
    QList<int> all;
    for (const Job *p : after) {
        all << p->firstSeq();
        if (!hasSettled(*p))
            w.after.insert(p->firstSeq());
    }
    for (const Job *p : afterSuccess) {
        all << p->firstSeq();
        if (!hasSettled(*p))
            w.afterSuccess.insert(p->firstSeq());
        else if (!isSuccess(p->state()))
            return skippedBecause(*p);
    }
    JobLinks links = job->links();
    links.prerequisites = all;
    job->setLinks(links);
    if (w.after.isEmpty() && w.afterSuccess.isEmpty())
        return {};
    for (const int seq : w.after + w.afterSuccess)
        m_dependents[seq].append(job);
    m_waiting.insert(job, w);
    showWaiting(job, w);
    return {};
}

DependencyTracker::Outcome DependencyTracker::settled(const Job &prerequisite)
{
    Outcome out;
    const int seq = prerequisite.firstSeq();
    const QList<Job *> dependents = m_dependents.take(seq);
    for (Job *job : dependents) {
        auto it = m_waiting.find(job);
        if (it == m_waiting.end())
            continue; // already skipped for another prerequisite
        const bool neededSuccess = it->afterSuccess.remove(seq);
        it->after.remove(seq);
        if (neededSuccess && !isSuccess(prerequisite.state())) {
            forget(job);
            out.skipped.append({job, skippedBecause(prerequisite)});
        } else if (it->after.isEmpty() && it->afterSuccess.isEmpty()) {
            m_waiting.erase(it);
            showWaiting(job, {});
            out.ready.append(job);
        } else {
            showWaiting(job, *it);
        }
    }
    return out;
}

QList<Job *> DependencyTracker::waitingJobs() const
{
    QList<Job *> out;
    out.reserve(m_waiting.size());
    for (auto it = m_waiting.constBegin(); it != m_waiting.constEnd(); ++it)
        out << const_cast<Job *>(it.key());
    return out;
}

void DependencyTracker::forget(const Job *job)
{
    const auto it = m_waiting.constFind(job);
    if (it == m_waiting.constEnd())
        return;
    for (const int seq : it->after + it->afterSuccess) {
        auto d = m_dependents.find(seq);
        if (d != m_dependents.end()) {
            d->removeAll(const_cast<Job *>(job));
            if (d->isEmpty())
                m_dependents.erase(d);
        }
    }
    m_waiting.erase(it);
}

void DependencyTracker::showWaiting(Job *job, const Waiter &w) const
{
    QList<int> seqs = (w.after + w.afterSuccess).values();
    std::sort(seqs.begin(), seqs.end());
    JobLinks links = job->links();
    links.waitingFor = seqs;
    job->setLinks(links);
}

} // namespace procdeck
