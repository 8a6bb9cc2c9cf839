#include "process/job.h"
#include "jobtablemodel.h"

namespace procdeck {

double jobSortKey(const Job *j, int column)
{
    const JobUsage &u = j->usage();
    const bool live = j->state() == JobState::Running && u.samples > 0;
    const JobState s = j->state();
    switch (JobTableModel::Column(column)) {
    case JobTableModel::SeqColumn: return j->seq();
    case JobTableModel::StateColumn: return int(s);
    case JobTableModel::ElapsedColumn:
        return s == JobState::Queued || s == JobState::Cancelled || s == JobState::FailedToStart || s == JobState::Skipped ? -1.0 : double(j->elapsedMs());
    case JobTableModel::ExitColumn: return j->signal() > 0 ? 1000 + j->signal() : j->exitCode();
    case JobTableModel::PidColumn: return double(j->pid());
    case JobTableModel::CpuColumn: return live ? u.cpuPercent : -1.0;
    case JobTableModel::RssColumn: return live ? double(u.rssKb) : -1.0;
    case JobTableModel::PeakRssColumn: return double(u.peakRssKb);
    case JobTableModel::CpuTimeColumn: return u.cpuSeconds;
    case JobTableModel::OutputColumn: return double(j->stdoutLog().totalBytes() + j->stderrLog().totalBytes());
    case JobTableModel::StartedColumn: return j->startedAt().isValid() ? double(j->startedAt().toMSecsSinceEpoch()) : 0.0;
    case JobTableModel::CommandColumn:
    case JobTableModel::HostColumn:
    case JobTableModel::ColumnCount: break;
    }
    return j->seq();
}

} // namespace procdeck
