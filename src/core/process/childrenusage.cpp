#include "childrenusage.h"

#include "types/jobusage.h"

#include <QtGlobal>

#include <sys/resource.h>

namespace procdeck {

namespace {

struct Reading {
    double cpuSeconds = -1;
    qint64 maxRssKb = 0;
};

Reading read(int who = RUSAGE_CHILDREN)
{
    rusage usage{};
    ::getrusage(who, &usage);
    return {double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
            qint64(usage.ru_maxrss)};
}

Reading s_seen; ///< the reading at the last job's end; the GUI (main) thread ends every job

} // namespace

void ChildrenUsage::takeBaseline()
{
    if (s_seen.cpuSeconds < 0)
        s_seen = read();
}

void ChildrenUsage::attributeTo(JobUsage &usage)
{
    const Reading collected = read();
    if (s_seen.cpuSeconds >= 0 && collected.cpuSeconds >= s_seen.cpuSeconds)
        usage.cpuSeconds = qMax(usage.cpuSeconds, collected.cpuSeconds - s_seen.cpuSeconds);
    // A child QProcess starts shares our memory (clone with CLONE_VM) until its exec, and the
    // kernel carries that memory's high-water mark into the child's ru_maxrss: up to our own
    // peak, a figure is as likely ours as the job's. Above it, and a new high, it is the leader's.
    if (collected.maxRssKb > s_seen.maxRssKb && collected.maxRssKb > read(RUSAGE_SELF).maxRssKb)
        usage.peakRssKb = qMax(usage.peakRssKb, collected.maxRssKb);
    s_seen = collected;
}

} // namespace procdeck
