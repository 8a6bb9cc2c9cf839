#include "procreader.h"

#include "procfiles.h"

#include "process/proctable.h"
#include "process/session.h"

#include <QSet>

#include <unistd.h>

namespace procdeck {

namespace {

void addTo(GroupTotals *t, const proctable::ProcessInfo &p)
{
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    static const long pageKb = ::sysconf(_SC_PAGESIZE) / 1024;
    t->rssKb += p.rssPages * pageKb;
    const long long ticks = static_cast<long long>(p.userTicks + p.systemTicks)
                            + qMax(0LL, p.childUserTicks) + qMax(0LL, p.childSystemTicks);
    t->cpuSeconds += double(ticks) / double(ticksPerSecond);
    ++t->processes;
    qint64 read = 0, written = 0;
    if (procfiles::readIo(p.pid, &read, &written)) {
        t->ioReadBytes += read;
        t->ioWriteBytes += written;
        ++t->ioReadable;
    }
}

/// Calls `visit(info)` for every process that has not ended, as proctable reads it.
template<typename Visit>
void forEachLiving(Visit &visit)
{
    proctable::forEachProcess(
            [](const proctable::ProcessInfo &info, void *context) {
                if (info.state != 'Z')
                    (*static_cast<Visit *>(context))(info);
            },
            &visit);
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
    const long id = proctable::environNumberAfter(pid_t(pid), m_markerPrefix.constData(),
                                                  size_t(m_markerPrefix.size()));
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
    auto visit = [&](const proctable::ProcessInfo &p) {
        alive.insert(p.pid);
        if (const auto group = seqOfGroup.constFind(p.pgrp); group != seqOfGroup.constEnd()) {
            addTo(&bySeq[group.value()], p);
            return;
        }
        // Outside every job's group: an escapee, if it carries one of our markers.
        const auto tree = seqOfTree.constFind(markedTree(p.pid, p.startTime));
        if (tree != seqOfTree.constEnd())
            addTo(&bySeq[tree.value()], p);
    };
    forEachLiving(visit);
    for (auto it = m_markers.begin(); it != m_markers.end();) // forget the pids that are gone
        it = alive.contains(it.key()) ? std::next(it) : m_markers.erase(it);
    return bySeq;
}

void ProcReader::readAndReport(const SampleTargets &targets)
{
    emit sampled(read(targets));
}

} // namespace procdeck
