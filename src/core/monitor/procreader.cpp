#include "procreader.h"

#include "procfiles.h"

#include "process/proctable.h"
#include "process/session.h"

#include <QSet>

#include <unistd.h>

namespace procdeck {

namespace {

/// The CPU time of a process and of the children it collected, in clock ticks.
qint64 ticksOf(const proctable::ProcessInfo &p)
{
    return static_cast<qint64>(p.userTicks + p.systemTicks) + qMax(0LL, p.childUserTicks)
            + qMax(0LL, p.childSystemTicks);
}

double secondsOf(const proctable::ProcessInfo &p)
{
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    return double(ticksOf(p)) / double(ticksPerSecond);
}

qint64 residentKbOf(const proctable::ProcessInfo &p)
{
    static const long pageKb = ::sysconf(_SC_PAGESIZE) / 1024;
    return p.rssPages * pageKb;
}

/// Adds a living member to its tree's totals, with its /proc/PID/io figures `io` (-1: unread).
void addTo(GroupTotals *t, const proctable::ProcessInfo &p, const qint64 io[2])
{
    t->rssKb += residentKbOf(p);
    t->cpuSeconds += secondsOf(p);
    t->ticks += ticksOf(p);
    ++t->processes;
    if (io[0] >= 0) {
        t->ioReadBytes += io[0];
        t->ioWriteBytes += io[1];
        ++t->ioReadable;
    }
}

/// Forced re-reads of a process's io file, at the latest every this many samples.
constexpr int kIoRereadEvery = 8;

/// Calls `visit(info)` for every process, zombies included, as proctable reads it.
template<typename Visit>
void forEach(Visit &visit)
{
    proctable::forEachProcess(
            [](const proctable::ProcessInfo &info, void *context) {
                (*static_cast<Visit *>(context))(info);
            },
            &visit);
}

} // namespace

ProcReader::ProcReader(QObject *parent) : QObject(parent), m_markerPrefix(session::markerPrefix())
{
    m_clock.start();
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

QHash<int, GroupTotals> ProcReader::read(const SampleTargets &targets, int detailSeq,
                                         ProcessRows *rows)
{
    QHash<int, GroupTotals> bySeq;
    if (targets.isEmpty())
        return bySeq;
    QHash<qint64, int> seqOfGroup;
    QHash<int, int> seqOfTree;
    for (const SampleTarget &target : targets) {
        seqOfGroup.insert(target.pgid, target.seq);
        if (target.treeId > 0) // 0: a group alone (the engine's job); unmarked processes say 0
            seqOfTree.insert(target.treeId, target.seq);
    }
    const qint64 now = m_clock.elapsed();
    m_idle.begin(targets, now);
    QSet<qint64> alive;
    auto visit = [&](const proctable::ProcessInfo &p) {
        alive.insert(p.pid);
        int seq = seqOfGroup.value(p.pgrp, 0);
        if (seq == 0 && p.state != 'Z') // outside every group: an escapee, if it is marked
            seq = seqOfTree.value(markedTree(p.pid, p.startTime), 0);
        if (seq == 0)
            return;
        qint64 io[2] = {-1, -1};
        if (p.state != 'Z') { // an ended member's figures are its parent's once collected
            readIo(p, seq == detailSeq, io);
            addTo(&bySeq[seq], p, io);
            m_idle.see(seq, p);
        }
        if (seq != detailSeq || !rows)
            return;
        ProcessRow row;
        row.pid = p.pid;
        row.ppid = p.ppid;
        row.startTime = p.startTime;
        row.state = p.state;
        row.rssKb = residentKbOf(p);
        row.ioReadBytes = io[0];
        row.ioWriteBytes = io[1];
        completeRow(&row, p, now);
        rows->append(row);
    };
    forEach(visit);
    for (auto it = bySeq.begin(); it != bySeq.end(); ++it)
        m_idle.end(it.key(), &it.value());
    for (auto it = m_markers.begin(); it != m_markers.end();) // forget the pids that are gone
        it = alive.contains(it.key()) ? std::next(it) : m_markers.erase(it);
    for (auto it = m_io.begin(); it != m_io.end();)
        it = alive.contains(it.key()) ? std::next(it) : m_io.erase(it);
    QSet<qint64> listed;
    if (rows)
        for (const ProcessRow &row : *rows)
            listed.insert(row.pid);
    for (auto it = m_before.begin(); it != m_before.end();)
        it = listed.contains(it.key()) ? std::next(it) : m_before.erase(it);
    return bySeq;
}

void ProcReader::readIo(const proctable::ProcessInfo &p, bool fresh, qint64 io[2])
{
    // A process that has not run since its io file was read cannot have moved its counters
    // much (I/O is accounted as it issues it): the figures read then stand, for at most
    // kIoRereadEvery samples. They are totals, so a later read loses nothing; the job's end
    // total comes from its leader's collection anyway. A third of a sample's cost saved.
    const auto ticks = static_cast<unsigned long long>(ticksOf(p));
    IoSeen &seen = m_io[p.pid];
    if (!fresh && seen.startTime == p.startTime && seen.ticks == ticks && seen.readBytes >= 0
        && ++seen.reused < kIoRereadEvery) {
        io[0] = seen.readBytes;
        io[1] = seen.writeBytes;
        return;
    }
    if (!procfiles::readIo(p.pid, &io[0], &io[1]))
        io[0] = io[1] = -1;
    seen = {p.startTime, ticks, io[0], io[1], 0};
}

void ProcReader::completeRow(ProcessRow *row, const proctable::ProcessInfo &p, qint64 now)
{
    const double cpuSeconds = secondsOf(p);
    const auto ticks = static_cast<unsigned long long>(ticksOf(p));
    const auto before = m_before.constFind(row->pid);
    const bool same = before != m_before.constEnd() && before->startTime == row->startTime;
    // A process that has not run since its command line, threads and descriptors were read has
    // not changed them (an exec, a thread, an open all take CPU): those stand, re-read at the
    // latest every kIoRereadEvery samples. Three files of four a process, at 1,000 processes
    // a third of the sampler's cost.
    const bool reused = same && before->ticks == ticks && before->state == row->state
            && before->reused + 1 < kIoRereadEvery;
    if (reused) {
        row->command = before->command;
        row->threads = before->threads;
        row->descriptors = before->descriptors;
    } else if (row->state != 'Z') {
        row->command = QString::fromLocal8Bit(procfiles::commandLine(row->pid));
        row->threads = procfiles::threads(row->pid);
        row->descriptors = procfiles::openDescriptors(row->pid);
    }
    if (row->command.isEmpty()) // a zombie or a kernel thread: its name, as ps writes it
        row->command = QLatin1Char('[') + QString::fromLocal8Bit(procfiles::name(row->pid))
                + QLatin1Char(']');
    if (same && now > before->ms) {
        const double seconds = double(now - before->ms) / 1000.0;
        row->cpuPercent = qMax(0.0, (cpuSeconds - before->cpuSeconds) * 100.0 / seconds);
        if (row->ioReadBytes >= 0) {
            row->ioReadRate = double(qMax<qint64>(0, row->ioReadBytes - before->ioReadBytes))
                    / seconds;
            row->ioWriteRate = double(qMax<qint64>(0, row->ioWriteBytes - before->ioWriteBytes))
                    / seconds;
        }
    }
    m_before.insert(row->pid, {row->startTime, now, cpuSeconds, qMax<qint64>(0, row->ioReadBytes),
                               qMax<qint64>(0, row->ioWriteBytes), ticks, row->state,
                               reused ? before->reused + 1 : 0, row->command, row->threads,
                               row->descriptors});
}

void ProcReader::readAndReport(const SampleTargets &targets, int detailSeq)
{
    ProcessRows rows;
    emit sampled(read(targets, detailSeq, &rows));
    if (detailSeq > 0)
        emit processesSampled(detailSeq, rows);
}

} // namespace procdeck
