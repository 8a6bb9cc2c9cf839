#include "childrenusage.h"

#include "types/jobusage.h"

#include <QtGlobal>

#include <sys/resource.h>

namespace procdeck {

namespace {

struct Reading {
    double cpuSeconds = -1;
    qint64 maxRssKb = 0;
    qint64 inBlocks = 0;  ///< read_bytes / 512 of every collected child (Linux's ru_inblock)
    qint64 outBlocks = 0; ///< write_bytes / 512 (ru_oublock)
};

/// ru_inblock and ru_oublock count in 512-byte units (the kernel's read_bytes >> 9).
constexpr qint64 kBlockBytes = 512;

Reading read(int who = RUSAGE_CHILDREN)
{
    rusage usage{};
    ::getrusage(who, &usage);
    return {double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
            qint64(usage.ru_maxrss), qint64(usage.ru_inblock), qint64(usage.ru_oublock)};
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
    // The leader's /proc/PID/io as it was collected, with all it had collected itself: the tree's
    // exact storage I/O (to 512 bytes a process), whatever the last sample saw.
    if (s_seen.cpuSeconds >= 0)
        usage.raiseIo(qMax<qint64>(0, collected.inBlocks - s_seen.inBlocks) * kBlockBytes,
                      qMax<qint64>(0, collected.outBlocks - s_seen.outBlocks) * kBlockBytes);
    s_seen = collected;
}

} // namespace procdeck
