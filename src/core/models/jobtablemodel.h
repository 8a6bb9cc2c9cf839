#pragma once

#include "types/jobstate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace procdeck {

class Job;
class Scheduler;

/// The scheduler's jobs as a table. Live changes are coalesced: whatever the jobs do, the model
/// emits at most one dataChanged per run of adjacent changed rows every kRefreshMs, and rows
/// that run are refreshed at that pace so their elapsed time ticks.
class JobTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTableModel)

public:
    enum Column { SeqColumn, CommandColumn, StateColumn, ElapsedColumn, ExitColumn, PidColumn,
                  CpuColumn, RssColumn, PeakRssColumn, CpuTimeColumn, OutputColumn, StartedColumn,
                  HostColumn,
                  /// The batch value (GNU parallel's arguments) the job got; last in number so
                  /// that remembered column choices keep theirs, shown beside the command.
                  ValueColumn,
                  IoReadColumn,  ///< storage bytes the tree read, and the rate while it runs
                  IoWriteColumn, ///< and wrote
                  ColumnCount };
    enum Role {
        JobPointerRole = Qt::UserRole, ///< Job* (as quintptr), for views that act on the job
        SeqRole,            ///< int
        StateRole,          ///< int (JobState)
        TimedOutRole,       ///< bool
        SortRole,           ///< a number or plain text per column, never display text
        SearchTextRole,     ///< command line and decoded output tails, for the free-text filter
        ElapsedMsRole,      ///< qint64
        BatchRole,          ///< int
        CpuHistoryRole,     ///< QList<float>: CPU % samples, oldest first (the sparkline)
        RssHistoryRole,     ///< QList<qint64>: RSS KiB samples, oldest first
        PendingOnClusterRole, ///< bool: running as far as ProcDeck goes, queued by Slurm
        IdleRole,           ///< qint64: ms without CPU or I/O, when over the setting; else 0
    };
    static constexpr int kRefreshMs = 250;

    explicit JobTableModel(Scheduler *scheduler, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Job *jobAt(const QModelIndex &index) const;
    Scheduler *scheduler() const { return m_scheduler; }
    QModelIndex indexOf(const Job *job, int column = 0) const;

    /// "4.2 s", "1:03.5" while running; exact to the millisecond once ended ("4.213 s").
    static QString formatElapsed(qint64 ms, bool running);
    /// "45.6 MiB" for a size in KiB.
    static QString formatKb(qint64 kb);
    /// "120 MiB", and while it runs "120 MiB · 4.5 MiB/s"; empty when never measured.
    static QString formatIo(qint64 bytes, double bytesPerSecond, bool live);
    /// "1.2 KiB · 3 lines".
    static QString formatOutputSize(qint64 bytes, qint64 lines);
    /// The words of a state for a person ("Timed out", "Running"), translated.
    static QString stateText(JobState state, bool timedOut);
    /// The state column's text for one job: its state, what it waits for ("Waiting for #3"),
    /// and which try it is ("attempt 2 of 3").
    static QString stateLine(const Job &job);

    /// A job's batch value(s) as one line: GNU parallel's arguments joined by spaces, as in `{}`.
    static QString valueText(const Job &job);

    /// The words beside a running job's spinner ("working…"; in Korean, the notes' "작업 중…").
    static QString workingText();
    /// The words for a job that Slurm still holds in its own queue, apart from ProcDeck's Queued.
    static QString pendingOnClusterText();
    /// What a job pending elsewhere says (Job::pendingOnCluster()): on the cluster, or queued
    /// in the user's engine (a job the window mirrors).
    static QString pendingText(const Job &job);

    /// The order SortRole gives, worked out from the jobs directly: a proxy sorting 100,000 rows
    /// calls it millions of times, and building two QVariants a call is what made sorting slow.
    bool lessThan(int column, int leftRow, int rightRow) const;
    /// Every row's sort key for a numeric column, in one pass (empty for the command column):
    /// comparing keys in one array is what keeps a sort of 100,000 jobs scattered in memory fast.
    QList<double> sortKeys(int column) const;

    /// Emits the coalesced changes now (tests use it instead of waiting for the timer).
    void flushPendingChanges();

private:
    /// What changed of a job since the last flush: each kind names only its own columns and roles.
    enum Change { StateChange = 1, OutputChange = 2, UsageChange = 4 };
    void markChanged(Job *job, int change);
    void emitRanges(QList<int> rows, int firstColumn, int lastColumn, const QList<int> &roles);
    void rebuildRowIndex();
    static QVariant toolTip(const Job &job, int column);

    Scheduler *m_scheduler;
    QHash<const Job *, int> m_rowOf;
    bool m_rowIndexStale = false;
    QHash<const Job *, int> m_dirty; ///< job → Change flags
    QTimer m_refresh;
};

/// The numeric sort key of a job in a column, the same order as SortRole (the text columns,
/// command and host, fall back to the job's number: they sort on text). In jobsortkey.cpp.
double jobSortKey(const Job *job, int column);
/// The Value column's order: value by value, numbers as numbers (2 before 10), other text
/// without regard to case; a job without values first. In jobsortkey.cpp.
bool valueLessThan(const QStringList &a, const QStringList &b);
/// What a job's cell shows in `column` (DisplayRole), or what it sorts by (`sorting`, SortRole:
/// a number or plain text, never display text). In jobcells.cpp.
QVariant jobCell(const Job &job, int column, bool sorting, const Scheduler &scheduler);

} // namespace procdeck
