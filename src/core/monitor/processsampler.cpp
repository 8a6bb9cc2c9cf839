#include "processsampler.h"

#include "process/job.h"
#include "process/remoterun.h"
#include "procreader.h"
#include "systemfigures.h"
#include "scheduling/scheduler.h"

#include <QFile>

#include <memory>
#include <utility>


namespace procdeck {

namespace {

constexpr int kDefaultIntervalMs = 500;

/// A sample from the tree's totals and the job's last ones (which it updates): the CPU % and
/// the I/O rates over the time between them.
UsageSample sampleOf(const GroupTotals &t, ProcessSampler::Last &last, qint64 now)
{
    UsageSample sample;
    sample.rssKb = t.rssKb;
    sample.cpuSeconds = t.cpuSeconds;
    sample.processes = t.processes;
    sample.idleMs = t.idleMs;
    sample.waits = t.waits;
    if (t.ioReadable > 0) {
        sample.ioReadBytes = t.ioReadBytes;
        sample.ioWriteBytes = t.ioWriteBytes;
    }
    if (last.ms >= 0 && now > last.ms) {
        const double seconds = double(now - last.ms) / 1000.0;
        sample.cpuPercent = qMax(0.0, (t.cpuSeconds - last.cpuSeconds) * 100.0 / seconds);
        // A member that ended uncollected takes its bytes away for a while: never a negative rate.
        if (t.ioReadable > 0) {
            sample.ioReadRate = double(qMax<qint64>(0, t.ioReadBytes - last.ioReadBytes)) / seconds;
            sample.ioWriteRate
                    = double(qMax<qint64>(0, t.ioWriteBytes - last.ioWriteBytes)) / seconds;
        }
    }
    last = {now, t.cpuSeconds, qMax(last.ioReadBytes, t.ioReadBytes),
            qMax(last.ioWriteBytes, t.ioWriteBytes)};
    return sample;
}

} // namespace

ProcessSampler::ProcessSampler(Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_scheduler(scheduler)
{
    qRegisterMetaType<procdeck::SampleTargets>();
    qRegisterMetaType<QHash<int, procdeck::GroupTotals>>();
    qRegisterMetaType<procdeck::ProcessRows>();
    auto reader = std::make_unique<ProcReader>();
    reader->moveToThread(&m_thread);
    m_reader = reader.release(); // owned by its thread from here: deleted when it finishes
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(this, &ProcessSampler::sampleWanted, m_reader, &ProcReader::readAndReport);
    connect(m_reader, &ProcReader::sampled, this, [this](const QHash<int, GroupTotals> &bySeq) {
        m_inFlight = false;
        apply(bySeq);
    });
    connect(m_reader, &ProcReader::processesSampled, this, &ProcessSampler::processesSampled);
    m_thread.setObjectName(QStringLiteral("procdeck-sampler"));
    // Small: it reads /proc with a few KiB of buffers, and the default 8 MiB of address space
    // matters to a procdeck-cli run under `ulimit -v`.
    m_thread.setStackSize(256 * 1024);
    m_thread.start();

    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProcessSampler::onTick);
    m_clock.start();
    m_timer.start();
    connect(scheduler, &Scheduler::jobsAboutToBeRemoved, this, [this](int first, int last) {
        if (m_last.isEmpty())
            return;
        for (int row = first; row <= last; ++row)
            m_last.remove(m_scheduler->jobAt(row));
    });
    connect(scheduler, &Scheduler::jobStarted, this, [this](Job *) {
        if (!m_timer.isActive())
            m_timer.start();
    });
    // Jobs held back by --load or --memfree start only once the figures say so.
    connect(scheduler, &Scheduler::jobsInserted, this, [this] {
        if (!m_scheduler->resources().active())
            return;
        readSystemFigures(); // the first job need not wait a whole interval
        if (!m_timer.isActive())
            m_timer.start();
    });
}

ProcessSampler::~ProcessSampler()
{
    m_thread.quit();
    m_thread.wait();
}

qint64 ProcessSampler::residentKb(qint64 pid)
{
    QFile status(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid)
                         : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

void ProcessSampler::setIdleAfterMs(qint64 ms)
{
    m_reader->setIdleAfterMs(qMax<qint64>(0, ms)); // an atomic: read on the worker's thread
    if (m_localReader)
        m_localReader->setIdleAfterMs(qMax<qint64>(0, ms));
    m_idleAfterMs = qMax<qint64>(0, ms);
}

void ProcessSampler::setInterval(int ms)
{
    m_timer.setInterval(qMax(50, ms));
}

void ProcessSampler::onTick()
{
    const bool system = m_scheduler->resources().active() && !m_scheduler->isIdle();
    if (system)
        readSystemFigures();
    if (m_inFlight)
        return; // the last one is still being read: a slow /proc must not queue up work
    const Targets targets = runningTargets();
    if (targets.isEmpty()) {
        // Restarted by the next job's start; a job the engine keeps queued has started here
        // already and is sampled once it runs there, with nothing else to say so.
        if (!system && m_scheduler->mirroredCount() == 0)
            m_timer.stop();
        return;
    }
    m_inFlight = true;
    emit sampleWanted(targets, m_detailSeq);
}

void ProcessSampler::readSystemFigures()
{
    if (std::exchange(m_systemInFlight, true))
        return;
    QMetaObject::invokeMethod(m_reader, [this] {
        const SystemFigures figures = systemfigures::read(); // on the worker's thread
        QMetaObject::invokeMethod(this, [this, figures] {
            m_systemInFlight = false;
            m_scheduler->setSystemFigures(figures);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

ProcessSampler::Targets ProcessSampler::runningTargets() const
{
    Targets targets;
    targets.reserve(m_scheduler->runningCount());
    for (const Job *job : m_scheduler->runningJobs())
        if (job->pid() > 0)
            targets.append({job->seq(), job->pid(), job->treeId(),
                            job->state() == JobState::Paused});
    // The engine's jobs shown here: their groups (the engine's markers are not this window's,
    // so an escapee of theirs is the engine's to count).
    for (const Job *job : m_scheduler->mirroredJobs())
        if (const qint64 pid = job->remote() ? job->remote()->leaderPidHere() : 0; pid > 0)
            targets.append({job->seq(), pid, 0, job->state() == JobState::Paused});
    return targets;
}

void ProcessSampler::sampleNow()
{
    if (!m_localReader) {
        m_localReader = std::make_unique<ProcReader>();
        m_localReader->setIdleAfterMs(m_idleAfterMs);
    }
    ProcessRows rows;
    apply(m_localReader->read(runningTargets(), m_detailSeq, &rows));
    if (m_detailSeq > 0)
        emit processesSampled(m_detailSeq, rows);
}

void ProcessSampler::apply(const QHash<int, GroupTotals> &bySeq)
{
    const qint64 now = m_clock.elapsed();
    for (auto it = bySeq.constBegin(); it != bySeq.constEnd(); ++it) {
        // The job may have ended (or been removed) while the worker read: look it up afresh.
        Job *job = m_scheduler->jobBySeq(it.key());
        if (!job || job->state() != JobState::Running)
            continue;
        const GroupTotals &t = it.value();
        if (t.processes == 0)
            continue;
        job->addUsageSample(sampleOf(t, m_last[job], now));
    }
}

} // namespace procdeck
