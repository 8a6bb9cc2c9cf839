#include "jobpriority.h"

#include "escapeesweep.h"
#include "job.h"
#include "types/errnotext.h"

#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace procdeck {

namespace {

// linux/ioprio.h's values; glibc has no wrapper for the call.
constexpr int kIoprioWhoPgrp = 2;
constexpr int kIoprioClassShift = 13;
constexpr int kIoprioClassBestEffort = 2;
constexpr int kIoprioClassIdle = 3;

int ioprioValue(JobPriority::IoClass io, int level)
{
    return io == JobPriority::IoClass::Idle
            ? kIoprioClassIdle << kIoprioClassShift
            : (kIoprioClassBestEffort << kIoprioClassShift) | qBound(0, level, 7);
}

} // namespace

QString JobPriority::apply(Job *job, const Request &request, Refused later)
{
    if (!isAlive(job->state()) || (job->pid() <= 0 && !job->remote()))
        return tr("Job %1 is not running: it has no processes to give a priority.")
                .arg(job->seq());
    if (request.nice < -20 || request.nice > 19)
        return tr("Niceness %1 is out of range: -20 (first) to 19 (last).").arg(request.nice);
    if (job->remote()) {
        // The engine sets it for a job it runs here, by this same policy there.
        if (job->remote()->forwardPriority(request, std::move(later))) {
            job->noteNice(request.nice);
            return {};
        }
        return tr("Job %1 runs on %2: ProcDeck sets the priority of jobs that run here only.")
                .arg(job->seq())
                .arg(job->remote()->host());
    }
    const id_t group = id_t(job->pid());
    if (::setpriority(PRIO_PGRP, group, request.nice) != 0) {
        const int err = errno;
        if (err == EACCES || err == EPERM)
            return tr("Job %1 keeps its priority: niceness %2 was refused — %3. A niceness "
                      "below what its processes have needs the CAP_SYS_NICE privilege or a "
                      "higher RLIMIT_NICE (ulimit -e).")
                    .arg(job->seq())
                    .arg(request.nice)
                    .arg(errnoText(err));
        return tr("Job %1 keeps its priority: %2.").arg(job->seq()).arg(errnoText(err));
    }
    job->noteNice(request.nice);
    const int ioprio = request.io == IoClass::Unchanged ? -1
                                                        : ioprioValue(request.io, request.ioLevel);
    // Marked processes outside the group (setsid, double forks) in the sweep's next pass: the
    // group's answer above is the one said, an escapee that refuses keeps its priority.
    escapeesweep::renice(job->treeId(), request.nice, ioprio);
    if (ioprio >= 0 && ::syscall(SYS_ioprio_set, kIoprioWhoPgrp, group, ioprio) != 0)
        return tr("Job %1 has niceness %2 now, but its I/O priority was refused — %3.")
                .arg(job->seq())
                .arg(request.nice)
                .arg(errnoText(errno));
    return {};
}

int JobPriority::currentNice(const Job &job)
{
    errno = 0;
    const qint64 leader = job.shownPid(); // the engine's job's leader runs here too
    const int nice = leader > 0 && isAlive(job.state())
            ? ::getpriority(PRIO_PROCESS, id_t(leader))
            : job.record().nice;
    return errno == 0 ? nice : job.record().nice;
}

} // namespace procdeck
