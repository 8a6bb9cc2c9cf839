#include "resourcepolicy.h"

#include "process/job.h"

#include <algorithm>
#include <utility>

namespace procdeck {

namespace {

/// A load or a limit of one: "3", "1.5".
QString number(double value)
{
    return QString::number(value, 'g', 4);
}

} // namespace

ResourcePolicy::ResourcePolicy(const QSet<const Job *> *running, QObject *parent)
    : QObject(parent), m_running(running)
{
}

QString ResourcePolicy::sizeText(qint64 bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (std::abs(value) >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    const QString text = QString::number(value, 'f', value < 10 && unit > 0 ? 1 : 0);
    return (text.endsWith(QLatin1String(".0")) ? text.chopped(2) : text) + QLatin1Char(' ')
            + QLatin1String(units[unit]);
}

void ResourcePolicy::setLimits(const ResourceLimits &limits)
{
    m_limits = limits;
    if (!active())
        setHeld(nullptr, {});
}

QString ResourcePolicy::holdReason() const
{
    if (m_limits.maxLoad > 0) {
        if (m_figures.load < 0)
            return QStringLiteral("waiting: the load is not known yet");
        if (m_figures.load >= m_limits.maxLoad)
            return QStringLiteral("waiting: load %1 ≥ %2 (--load)")
                    .arg(number(m_figures.load), number(m_limits.maxLoad));
    }
    const qint64 need = m_limits.memFree + m_limits.memSuspend; // parallel's $Global::memlimit
    if (need > 0) {
        if (m_figures.freeBytes < 0)
            return QStringLiteral("waiting: free memory is not known yet");
        if (m_figures.freeBytes < need)
            return QStringLiteral("waiting: free memory %1 < %2 (%3)")
                    .arg(sizeText(m_figures.freeBytes), sizeText(need),
                         m_limits.memFree > 0 && m_limits.memSuspend > 0
                                 ? QStringLiteral("--memfree + --memsuspend")
                                 : m_limits.memFree > 0 ? QStringLiteral("--memfree")
                                                        : QStringLiteral("--memsuspend"));
    }
    return QString();
}

bool ResourcePolicy::holds(Job *job)
{
    if (!active())
        return false;
    const QString reason = holdReason();
    setHeld(reason.isEmpty() ? nullptr : job, reason);
    return !reason.isEmpty();
}

void ResourcePolicy::setHeld(Job *job, const QString &reason)
{
    if (m_held && m_held != job && m_held->state() == JobState::Queued) {
        JobLinks links = m_held->links();
        links.heldBy.clear();
        m_held->setLinks(links);
    }
    m_held = job;
    if (job) {
        JobLinks links = job->links();
        links.heldBy = reason;
        job->setLinks(links);
    }
}

void ResourcePolicy::setFigures(const SystemFigures &figures)
{
    m_figures = figures;
    if (!active())
        return;
    if (m_limits.memFree > 0)
        killYoungestIfShort();
    if (m_limits.memSuspend > 0)
        suspendIfShort();
    const QString reason = holdReason();
    if (reason.isEmpty()) {
        setHeld(nullptr, {});
        emit mayStartMore();
    } else if (m_held) {
        setHeld(m_held, reason); // the figures of now in its words
    }
}

QList<Job *> ResourcePolicy::steerable() const
{
    QList<Job *> jobs;
    for (const Job *job : *m_running)
        if (!job->remote() && job->pid() > 0 && isAlive(job->state()))
            jobs << const_cast<Job *>(job); // the scheduler's own jobs, which it lets us steer
    std::sort(jobs.begin(), jobs.end(), [](Job *a, Job *b) { return a->seq() < b->seq(); });
    return jobs;
}

void ResourcePolicy::killYoungestIfShort()
{
    if (m_killing && isAlive(m_killing->state()))
        return; // one at a time, as parallel waits for its end before it reads again
    const double half = double(m_limits.memFree) * 0.5;
    if (m_figures.freeBytes < 0 || double(m_figures.freeBytes) >= half)
        return;
    const QList<Job *> jobs = steerable();
    if (jobs.isEmpty())
        return;
    Job *youngest = jobs.last();
    youngest->addNote(QStringLiteral("killed: free memory %1 < %2, half of --memfree %3")
                              .arg(sizeText(m_figures.freeBytes), sizeText(qint64(half)),
                                   sizeText(m_limits.memFree)));
    m_killed.insert(youngest->seq());
    m_killing = youngest;
    youngest->kill();
}

bool ResourcePolicy::wantsAnotherTry(const Job &job) const
{
    return m_killed.contains(job.seq()) && job.attempt() < job.spec().retries;
}

void ResourcePolicy::suspendIfShort()
{
    QList<Job *> jobs;
    for (Job *job : steerable())
        if (job->state() == JobState::Running || m_paused.contains(job))
            jobs << job;
    m_paused.intersect(QSet<const Job *>(jobs.cbegin(), jobs.cend())); // ended ones forgotten
    const double free = double(m_figures.freeBytes);
    const double limit = double(m_limits.memSuspend);
    if (free < 0 || jobs.isEmpty())
        return;
    if (free >= 2 * limit) { // one paused job back at each reading, the oldest first
        for (Job *job : jobs)
            if (m_paused.remove(job)) {
                job->resume();
                break;
            }
        return;
    }
    // parallel's count: the oldest int(1 / (2 - free/limit)) + 1 run, the rest are paused.
    const int run = std::min<int>(int(1.0 / (2.0 - free / limit)), int(jobs.size()) - 1);
    for (int i = 0; i < jobs.size(); ++i) {
        Job *job = jobs.at(i);
        if (i <= run && m_paused.remove(job)) {
            job->resume();
        } else if (i > run && !m_paused.contains(job) && job->pause()) {
            m_paused.insert(job);
            if (!std::exchange(m_notedPause[job->seq()], true)) // once: it may come and go
                job->addNote(QStringLiteral("paused: free memory %1 < %2, twice --memsuspend %3")
                                     .arg(sizeText(qint64(free)), sizeText(qint64(2 * limit)),
                                          sizeText(m_limits.memSuspend)));
        }
    }
}

} // namespace procdeck
