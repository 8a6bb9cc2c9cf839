// What each of JobTableModel's columns shows of a job, and sorts it by.
#include "jobtablemodel.h"
#include "process/job.h"
#include "process/processgroup.h"
#include "scheduling/scheduler.h"

#include <QCoreApplication>
#include <QLocale>

namespace procdeck {

namespace {

// The words here are the model's, translated in its context ("procdeck::JobTableModel").

QVariant elapsedCell(const Job &job, bool sorting)
{
    const JobState state = job.state();
    // A job waiting on a Slurm cluster or in the engine's queue has not started either.
    if (state == JobState::Queued || state == JobState::Cancelled
        || state == JobState::FailedToStart || state == JobState::Skipped
        || job.pendingOnCluster())
        return sorting ? QVariant(qint64(-1)) : QVariant();
    const qint64 ms = job.elapsedMs();
    if (state == JobState::Paused && !sorting)
        //: how long a paused job has been paused so far
        return QCoreApplication::translate("procdeck::JobTableModel", "paused %1")
                .arg(JobTableModel::formatElapsed(job.currentPauseMs(), true));
    return sorting ? QVariant(ms)
                   : QVariant(JobTableModel::formatElapsed(ms, state == JobState::Running));
}

QVariant exitCell(const Job &job, bool sorting)
{
    if (job.signal() > 0)
        return sorting ? QVariant(1000 + job.signal())
                       : QVariant(processgroup::signalName(job.signal()));
    if (job.exitCode() >= 0)
        return sorting ? QVariant(job.exitCode()) : QVariant(QString::number(job.exitCode()));
    return sorting ? QVariant(-1) : QVariant();
}

/// CPU, memory, peak memory and CPU time.
QVariant usageCell(const Job &job, int column, bool sorting)
{
    const JobUsage &u = job.usage();
    const bool live = job.state() == JobState::Running && u.samples > 0;
    switch (column) {
    case JobTableModel::CpuColumn:
        if (sorting)
            return live ? u.cpuPercent : -1.0;
        return live ? QVariant(QLocale().toString(u.cpuPercent, 'f', 1) + QStringLiteral(" %"))
                    : QVariant();
    case JobTableModel::RssColumn:
        if (sorting)
            return live ? u.rssKb : qint64(-1);
        return live ? QVariant(JobTableModel::formatKb(u.rssKb)) : QVariant();
    case JobTableModel::PeakRssColumn:
        // Shown whenever measured (sampled, or the leader's own figure at its end), as exported.
        if (sorting)
            return u.peakRssKb;
        return u.peakRssKb > 0 ? QVariant(JobTableModel::formatKb(u.peakRssKb)) : QVariant();
    default: // CPU time
        if (sorting)
            return u.cpuSeconds;
        return u.samples > 0
                ? QVariant(QCoreApplication::translate("procdeck::JobTableModel", "%1 s")
                                   .arg(QLocale().toString(u.cpuSeconds, 'f', 2)))
                : QVariant();
    }
}

/// Bytes read or written: the total, with the rate while it runs.
QVariant ioCell(const Job &job, int column, bool sorting)
{
    const JobUsage &u = job.usage();
    const bool read = column == JobTableModel::IoReadColumn;
    const qint64 bytes = read ? u.ioReadBytes : u.ioWriteBytes;
    if (sorting)
        return bytes;
    const bool live = job.state() == JobState::Running && u.samples > 0;
    return JobTableModel::formatIo(bytes, read ? u.ioReadRate : u.ioWriteRate, live);
}

QVariant outputCell(const Job &job, bool sorting)
{
    // A row made ended whose output is not fetched yet says what the engine counted.
    const bool countedThere = job.outputBytesThere() >= 0;
    const qint64 bytes = countedThere ? job.outputBytesThere()
                                      : job.stdoutLog().totalBytes() + job.stderrLog().totalBytes();
    if (sorting)
        return bytes;
    if (job.state() == JobState::Queued)
        return {};
    return JobTableModel::formatOutputSize(
            bytes, countedThere ? job.outputLinesThere()
                                : job.stdoutLog().lineCount() + job.stderrLog().lineCount());
}

QVariant startedCell(const Job &job, bool sorting)
{
    // Waiting on a Slurm cluster or in the engine's queue, it has not started there yet.
    const QDateTime started = job.pendingOnCluster() ? QDateTime() : job.startedAt();
    if (sorting)
        return started.isValid() ? started.toMSecsSinceEpoch() : qint64(0);
    if (!started.isValid())
        return QString();
    return QLocale().toString(started.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
}

} // namespace

QVariant jobCell(const Job &job, int column, bool sorting, const Scheduler &scheduler)
{
    switch (JobTableModel::Column(column)) {
    case JobTableModel::SeqColumn:
        return sorting ? QVariant(job.seq()) : QVariant(QString::number(job.seq()));
    case JobTableModel::CommandColumn:
        return sorting ? job.sortName() : job.displayName();
    case JobTableModel::StateColumn:
        if (sorting)
            return int(job.state());
        return job.pendingOnCluster() ? JobTableModel::pendingText(job)
                                      : JobTableModel::stateLine(job);
    case JobTableModel::ElapsedColumn:
        return elapsedCell(job, sorting);
    case JobTableModel::ExitColumn:
        return exitCell(job, sorting);
    case JobTableModel::PidColumn:
        if (job.shownPid() <= 0)
            return sorting ? QVariant(qint64(0)) : QVariant();
        return sorting ? QVariant(job.shownPid()) : QVariant(QString::number(job.shownPid()));
    case JobTableModel::CpuColumn:
    case JobTableModel::RssColumn:
    case JobTableModel::PeakRssColumn:
    case JobTableModel::CpuTimeColumn:
        return usageCell(job, column, sorting);
    case JobTableModel::OutputColumn:
        return outputCell(job, sorting);
    case JobTableModel::StartedColumn:
        return startedCell(job, sorting);
    // Where it runs, or goes: a Slurm job's row says so before it has a node.
    case JobTableModel::HostColumn:
        return RemoteRun::placeOf(job.remote(), scheduler.runOnOf(&job));
    case JobTableModel::ValueColumn:
        return JobTableModel::valueText(job);
    case JobTableModel::IoReadColumn:
    case JobTableModel::IoWriteColumn:
        return ioCell(job, column, sorting);
    case JobTableModel::ColumnCount:
        break;
    }
    return {};
}

} // namespace procdeck
