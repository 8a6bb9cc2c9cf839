#include "process/job.h"
#include "jobtablemodel.h"

namespace procdeck {

namespace {
/// <0, 0, >0 as `a` sorts before, with or after `b`.
int compareValue(const QString &a, const QString &b)
{
    bool aNumber = false;
    bool bNumber = false;
    const double x = a.toDouble(&aNumber);
    const double y = b.toDouble(&bNumber);
    if (aNumber && bNumber)
        return x < y ? -1 : (y < x ? 1 : 0);
    if (aNumber != bNumber)
        return aNumber ? -1 : 1; // numbers before words
    return a.compare(b, Qt::CaseInsensitive);
}
} // namespace

bool valueLessThan(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i) {
        if (const int c = compareValue(a.at(i), b.at(i)); c != 0)
            return c < 0;
    }
    return a.size() < b.size();
}

double jobSortKey(const Job *j, int column)
{
    const JobUsage &u = j->usage();
    const bool live = j->state() == JobState::Running && u.samples > 0;
    const JobState s = j->state();
    switch (JobTableModel::Column(column)) {
    case JobTableModel::SeqColumn: return j->seq();
    case JobTableModel::StateColumn: return int(s);
    case JobTableModel::ElapsedColumn:
        return s == JobState::Queued || s == JobState::Cancelled || s == JobState::FailedToStart
                        || s == JobState::Skipped
                ? -1.0
                : double(j->elapsedMs());
    case JobTableModel::ExitColumn: return j->signal() > 0 ? 1000 + j->signal() : j->exitCode();
    case JobTableModel::PidColumn: return double(j->shownPid());
    case JobTableModel::CpuColumn: return live ? u.cpuPercent : -1.0;
    case JobTableModel::RssColumn: return live ? double(u.rssKb) : -1.0;
    case JobTableModel::PeakRssColumn: return double(u.peakRssKb);
    case JobTableModel::CpuTimeColumn: return u.cpuSeconds;
    case JobTableModel::IoReadColumn: return double(u.ioReadBytes);
    case JobTableModel::IoWriteColumn: return double(u.ioWriteBytes);
    case JobTableModel::OutputColumn:
        return double(j->stdoutLog().totalBytes() + j->stderrLog().totalBytes());
    case JobTableModel::StartedColumn:
        return j->startedAt().isValid() ? double(j->startedAt().toMSecsSinceEpoch()) : 0.0;
    case JobTableModel::CommandColumn:
    case JobTableModel::HostColumn:
    case JobTableModel::ValueColumn:
    case JobTableModel::ColumnCount: break;
    }
    return j->seq();
}

} // namespace procdeck
