#include "procreader.h"

#include "process/proctable.h"
#include "process/session.h"

#include <QSet>

#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace procdeck {

namespace {

/// Reads /proc/<pid>/stat into `buffer`; the fields after the command name start at the return
/// value (nullptr when the process is gone).
const char *readStat(const char *pid, char *buffer, size_t size)
{
    char path[300]; // "/proc/" + a d_name (at most 255) + "/stat"
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    const ssize_t n = ::read(fd, buffer, size - 1);
    ::close(fd);
    if (n <= 0)
        return nullptr;
    buffer[n] = '\0';
    const char *close = std::strrchr(buffer, ')'); // the name may hold spaces and parentheses
    return close && close[1] == ' ' ? close + 2 : nullptr;
}

struct StatFields {
    char state = 0;
    long long pgrp = 0;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    long long cutime = 0;
    long long cstime = 0;
    unsigned long long startTime = 0;
    long long rss = 0;
};

bool parseStat(const char *fields, StatFields *out)
{
    // Fields after the name (man 5 proc): state(3) ppid(4) pgrp(5) … utime(14) stime(15)
    // cutime(16) cstime(17) … starttime(22) vsize(23) rss(24). `fields` starts at field 3.
    return std::sscanf(fields, "%c %*d %lld %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld %*d %*d %*d %*d %llu %*u %lld",
                       &out->state, &out->pgrp, &out->utime, &out->stime, &out->cutime, &out->cstime, &out->startTime,
                       &out->rss) == 8;
}

void addTo(GroupTotals *t, const StatFields &f)
{
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    static const long pageKb = ::sysconf(_SC_PAGESIZE) / 1024;
    t->rssKb += f.rss * pageKb;
    t->cpuSeconds += double(f.utime + f.stime + qMax(0LL, f.cutime) + qMax(0LL, f.cstime)) / double(ticksPerSecond);
    ++t->processes;
}

template<typename Visit>
void forEachStat(Visit visit)
{
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return;
    char buffer[1024];
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        const char *fields = readStat(entry->d_name, buffer, sizeof buffer);
        StatFields f;
        if (fields && parseStat(fields, &f) && f.state != 'Z')
            visit(std::atoll(entry->d_name), f);
    }
    ::closedir(proc);
}

} // namespace

ProcReader::ProcReader(QObject *parent) : QObject(parent), m_markerPrefix(session::markerPrefix())
{
}

int ProcReader::markedTree(qint64 pid, unsigned long long startTime)
{
    const auto it = m_markers.constFind(pid);
    if (it != m_markers.constEnd() && it->startTime == startTime)
        return it->treeId;
    const long id = proctable::environNumberAfter(pid_t(pid), m_markerPrefix.constData(), size_t(m_markerPrefix.size()));
    m_markers.insert(pid, {startTime, int(id)});
    return int(id);
}

QHash<int, GroupTotals> ProcReader::read(const SampleTargets &targets)
{
    QHash<int, GroupTotals> bySeq;
    if (targets.isEmpty())
        return bySeq;
    QHash<qint64, int> seqOfGroup;
    QHash<int, int> seqOfTree;
    for (const SampleTarget &target : targets) {
        seqOfGroup.insert(target.pgid, target.seq);
        seqOfTree.insert(target.treeId, target.seq);
    }
    QSet<qint64> alive;
    forEachStat([&](qint64 pid, const StatFields &f) {
        alive.insert(pid);
        if (const auto group = seqOfGroup.constFind(f.pgrp); group != seqOfGroup.constEnd()) {
            addTo(&bySeq[group.value()], f);
            return;
        }
        // Outside every job's group: an escapee, if it carries one of our markers.
        if (const auto tree = seqOfTree.constFind(markedTree(pid, f.startTime)); tree != seqOfTree.constEnd())
            addTo(&bySeq[tree.value()], f);
    });
    for (auto it = m_markers.begin(); it != m_markers.end();) // forget the pids that are gone
        it = alive.contains(it.key()) ? std::next(it) : m_markers.erase(it);
    return bySeq;
}

void ProcReader::readAndReport(const SampleTargets &targets)
{
    emit sampled(read(targets));
}

} // namespace procdeck
