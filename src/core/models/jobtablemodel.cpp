#include "jobtablemodel.h"

#include "jobidle.h"

#include "process/job.h"
#include "scheduling/scheduler.h"
#include "process/endreason.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace procdeck {

JobTableModel::JobTableModel(Scheduler *scheduler, QObject *parent)
    : QAbstractTableModel(parent), m_scheduler(scheduler)
{
    rebuildRowIndex();
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &JobTableModel::flushPendingChanges);

    connect(scheduler, &Scheduler::jobsAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(scheduler, &Scheduler::jobsInserted, this, [this](int first, int last) {
        for (int row = first; row <= last; ++row)
            m_rowOf.insert(m_scheduler->jobAt(row), row);
        endInsertRows();
    });
    connect(scheduler, &Scheduler::jobsAboutToBeRemoved, this, [this](int first, int last) {
        if (!m_dirty.isEmpty()) {
            for (int row = first; row <= last; ++row)
                m_dirty.remove(m_scheduler->jobAt(row));
        }
        beginRemoveRows({}, first, last);
    });
    connect(scheduler, &Scheduler::jobsRemoved, this, [this](int, int) {
        m_rowIndexStale = true; // rebuilt once, on next use, however many rows went
        endRemoveRows();
    });
    connect(scheduler, &Scheduler::jobStateChanged, this,
            [this](Job *job) { markChanged(job, StateChange); });
    connect(scheduler, &Scheduler::jobOutputChanged, this,
            [this](Job *job) { markChanged(job, OutputChange); });
    connect(scheduler, &Scheduler::jobUsageChanged, this,
            [this](Job *job) { markChanged(job, UsageChange); });
}

void JobTableModel::rebuildRowIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_scheduler->count());
    for (int row = 0; row < m_scheduler->count(); ++row)
        m_rowOf.insert(m_scheduler->jobAt(row), row);
    m_rowIndexStale = false;
}

void JobTableModel::markChanged(Job *job, int change)
{
    m_dirty[job] |= change;
    if (!m_refresh.isActive())
        m_refresh.start();
}

void JobTableModel::emitRanges(QList<int> rows, int firstColumn, int lastColumn,
                               const QList<int> &roles)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        emit dataChanged(index(rows[i], firstColumn), index(rows[j], lastColumn), roles);
        i = j + 1;
    }
}

void JobTableModel::flushPendingChanges()
{
    if (m_rowIndexStale)
        rebuildRowIndex();
    // The roles each kind of change touches: a view repaints (and a proxy re-sorts or re-filters)
    // only what did change.
    static const QList<int> outputRoles{Qt::DisplayRole, SortRole, SearchTextRole,
                                        Qt::ToolTipRole};
    static const QList<int> usageRoles{Qt::DisplayRole, SortRole, CpuHistoryRole, RssHistoryRole,
                                       Qt::ToolTipRole};
    static const QList<int> elapsedRoles{Qt::DisplayRole, SortRole, ElapsedMsRole};
    QList<int> stateRows;
    QList<int> outputRows;
    QList<int> usageRows;
    QList<int> elapsedRows;
    for (auto it = m_dirty.constBegin(); it != m_dirty.constEnd(); ++it) {
        const auto row = m_rowOf.constFind(it.key());
        if (row == m_rowOf.constEnd())
            continue;
        if (it.value() & StateChange) {
            stateRows << row.value(); // every column may follow from a state change
            continue;
        }
        if (it.value() & OutputChange)
            outputRows << row.value();
        if (it.value() & UsageChange)
            usageRows << row.value();
    }
    m_dirty.clear();
    // Running rows tick (elapsed) even when nothing else about them changed, the engine's
    // too: only they are visited, never every job.
    for (const auto *live : {&m_scheduler->runningJobs(), &m_scheduler->mirroredJobs()}) {
        for (const Job *job : *live) {
            const auto row = m_rowOf.constFind(job);
            // One the engine keeps queued shows no elapsed: a batch of 20,000 waits there.
            if (row != m_rowOf.constEnd() && !job->pendingOnCluster())
                elapsedRows << row.value();
        }
    }
    // A state change may touch every column but the job's number, which never changes: that
    // column hears of the roles a state changes, never SortRole, so that a proxy sorted by number
    // (the default) does not re-sort — a layout change of every row, at 100,000 rows — each time
    // a few jobs start or end.
    static const QList<int> numberRoles{Qt::DisplayRole, Qt::ToolTipRole, StateRole, TimedOutRole,
                                        ElapsedMsRole};
    emitRanges(stateRows, SeqColumn, SeqColumn, numberRoles);
    emitRanges(stateRows, SeqColumn + 1, ColumnCount - 1, {});
    emitRanges(outputRows, OutputColumn, OutputColumn, outputRoles);
    emitRanges(usageRows, CpuColumn, CpuTimeColumn, usageRoles);
    emitRanges(usageRows, IoReadColumn, IoWriteColumn, usageRoles);
    static const QList<int> idleRoles{IdleRole, Qt::ToolTipRole}; // the state cell's idle mark
    emitRanges(usageRows, StateColumn, StateColumn, idleRoles);
    emitRanges(elapsedRows, ElapsedColumn, ElapsedColumn, elapsedRoles);
    if (elapsedRows.isEmpty())
        m_refresh.stop();
}

int JobTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_scheduler->count();
}

int JobTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Job *JobTableModel::jobAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_scheduler->count())
        return nullptr;
    return m_scheduler->jobAt(index.row());
}

QModelIndex JobTableModel::indexOf(const Job *job, int column) const
{
    if (m_rowIndexStale)
        const_cast<JobTableModel *>(this)->rebuildRowIndex();
    const auto it = m_rowOf.constFind(job);
    return it == m_rowOf.constEnd() ? QModelIndex() : index(it.value(), column);
}

QString JobTableModel::formatElapsed(qint64 ms, bool running)
{
    const QLocale locale;
    if (ms < 60'000) {
        return running ? tr("%1 s").arg(locale.toString(double(ms / 100) / 10.0, 'f', 1))
                       : tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 3));
    }
    const qint64 minutes = ms / 60'000;
    const qint64 restMs = ms % 60'000;
    const QString seconds = running ? locale.toString(double(restMs / 100) / 10.0, 'f', 1)
                                    : locale.toString(double(restMs) / 1000.0, 'f', 3);
    const QString padded = restMs < 10'000 ? QStringLiteral("0") + seconds : seconds;
    if (minutes < 60)
        return QStringLiteral("%1:%2").arg(minutes).arg(padded);
    return QStringLiteral("%1:%2:%3")
            .arg(minutes / 60)
            .arg(minutes % 60, 2, 10, QLatin1Char('0'))
            .arg(padded);
}

QString JobTableModel::formatKb(qint64 kb)
{
    return QLocale().formattedDataSize(kb * 1024, 1, QLocale::DataSizeTraditionalFormat);
}

QString JobTableModel::formatIo(qint64 bytes, double bytesPerSecond, bool live)
{
    if (bytes < 0)
        return {};
    const QLocale locale;
    const QString total = locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    if (!live)
        return total;
    //: bytes read or written so far · the rate now ("120 MiB · 4.5 MiB/s")
    return tr("%1 · %2/s").arg(total, locale.formattedDataSize(qint64(bytesPerSecond), 1,
                                                              QLocale::DataSizeTraditionalFormat));
}

QString JobTableModel::formatOutputSize(qint64 bytes, qint64 lines)
{
    const QLocale locale;
    return tr("%1 · %n line(s)", nullptr, int(qMin<qint64>(lines, INT_MAX)))
        .arg(locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat));
}

QString JobTableModel::valueText(const Job &job)
{
    return job.spec().values.join(QLatin1Char(' '));
}

QString JobTableModel::workingText()
{
    //: shown while a job runs, as in the notes' polling loop (Korean: 작업 중…)
    return tr("working…");
}

QString JobTableModel::pendingOnClusterText()
{
    //: a job Slurm has accepted but not started yet (its own queue, apart from ProcDeck's
    //: "Queued")
    return tr("Pending on the cluster");
}

QString JobTableModel::pendingText(const Job &job)
{
    //: a job the user's engine runs for the window and keeps in its queue for now
    return job.remote() && job.remote()->engineJob() > 0 ? tr("Queued in the engine")
                                                         : pendingOnClusterText();
}

QString JobTableModel::stateText(JobState state, bool timedOut)
{
    return EndReason::stateWord(state, timedOut); // one wording with the reports
}

QString JobTableModel::stateLine(const Job &job)
{
    QString text = stateText(job.state(), job.timedOut());
    if (job.state() == JobState::Queued && !job.waitingFor().isEmpty()) {
        QStringList seqs;
        for (const int seq : job.waitingFor())
            seqs << QStringLiteral("#%1").arg(seq);
        //: a queued job that starts once the jobs numbered so have ended ("Waiting for #3, #5")
        text = tr("Waiting for %1").arg(seqs.join(QLatin1String(", ")));
    } else if (job.state() == JobState::Queued && !job.links().heldBy.isEmpty()) {
        //: a queued job held back by --load or --memfree; %2 says why, in the engine's words
        //: ("waiting: load 3 ≥ 2 (--load)")
        text = tr("%1 — %2").arg(text, job.links().heldBy);
    }
    if (job.retriedAs() != 0)
        return tr("%1 (tried again as #%2)").arg(text).arg(job.retriedAs());
    if (job.spec().retries > 1 && (job.attempt() > 1 || !isTerminal(job.state())))
        return tr("%1 (attempt %2 of %3)").arg(text).arg(job.attempt()).arg(job.spec().retries);
    return text;
}

QVariant JobTableModel::toolTip(const Job &job, int column)
{
    switch (column) {
    case CommandColumn: return job.commandLine();
    case ValueColumn: // a long value is cut in its cell
        return job.spec().values.isEmpty() ? QVariant() : QVariant(valueText(job));
    case StateColumn: {
        const QString idle = jobidle::toolTip(job);
        if (!idle.isEmpty())
            return job.error().isEmpty() ? idle : job.error() + QLatin1Char('\n') + idle;
        return job.error().isEmpty() ? QVariant() : QVariant(job.error());
    }
    default: return {};
    }
}

QVariant JobTableModel::data(const QModelIndex &index, int role) const
{
    const Job *job = jobAt(index);
    if (!job)
        return {};
    switch (role) {
    case JobPointerRole: return QVariant::fromValue(quintptr(job));
    case SeqRole: return job->seq();
    case StateRole: return int(job->state());
    case TimedOutRole: return job->timedOut();
    case PendingOnClusterRole: return job->pendingOnCluster();
    case IdleRole: return jobidle::idleMs(*job);
    case ElapsedMsRole: return job->elapsedMs();
    case BatchRole: return job->batchId();
    case CpuHistoryRole: return QVariant::fromValue(job->usage().cpuHistory);
    case RssHistoryRole: return QVariant::fromValue(job->usage().rssHistory);
    case SearchTextRole:
        return job->displayName() + QLatin1Char('\n') + valueText(*job) + QLatin1Char('\n')
            + job->stdoutText() + QLatin1Char('\n') + job->stderrText();
    case Qt::ToolTipRole:
        return toolTip(*job, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SeqColumn: case ElapsedColumn: case ExitColumn: case PidColumn: case OutputColumn:
        case CpuColumn: case RssColumn: case PeakRssColumn: case CpuTimeColumn:
        case IoReadColumn: case IoWriteColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case SortRole:
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    return jobCell(*job, index.column(), role == SortRole, *m_scheduler);
}

QList<double> JobTableModel::sortKeys(int column) const
{
    QList<double> keys;
    if (column == CommandColumn || column == HostColumn || column == ValueColumn)
        return keys;
    keys.reserve(m_scheduler->count());
    for (int row = 0; row < m_scheduler->count(); ++row)
        keys << jobSortKey(m_scheduler->jobAt(row), column);
    return keys;
}

bool JobTableModel::lessThan(int column, int leftRow, int rightRow) const
{
    // The rows are in seq order (Scheduler::jobBySeq() relies on it too): the default sort
    // reads no job (two a comparison: millions when an attach inserts 100,000 rows).
    if (column == SeqColumn)
        return leftRow < rightRow;
    const Job *a = m_scheduler->jobAt(leftRow);
    const Job *b = m_scheduler->jobAt(rightRow);
    if (column == CommandColumn)
        return a->sortName() < b->sortName();
    if (column == HostColumn)
        return RemoteRun::hostOf(a->remote()) < RemoteRun::hostOf(b->remote());
    if (column == ValueColumn)
        return valueLessThan(a->spec().values, b->spec().values);
    return jobSortKey(a, column) < jobSortKey(b, column);
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case SeqColumn: return tr("#");
    case CommandColumn: return tr("Command");
    case StateColumn: return tr("State");
    case ElapsedColumn: return tr("Elapsed");
    //: the exit status of a process (Korean: 종료 상태)
    case ExitColumn: return tr("Exit");
    case PidColumn: return tr("PID");
    case CpuColumn: return tr("CPU");
    case RssColumn: return tr("Memory");
    case PeakRssColumn: return tr("Peak memory");
    case CpuTimeColumn: return tr("CPU time");
    case OutputColumn: return tr("Output");
    case StartedColumn: return tr("Started");
    //: the computer a job runs on: this one, an ssh host or a Slurm node
    case HostColumn: return tr("Host");
    //: the value a batch job got in place of {} (GNU parallel's arguments); Korean: 값
    case ValueColumn: return tr("Value");
    //: bytes the job's processes read from storage (disks), and how fast
    case IoReadColumn: return tr("Read");
    //: bytes the job's processes wrote to storage (disks), and how fast
    case IoWriteColumn: return tr("Written");
    case ColumnCount: break;
    }
    return {};
}

QHash<int, QByteArray> JobTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(StateRole, "state");
    names.insert(TimedOutRole, "timedOut");
    names.insert(ElapsedMsRole, "elapsedMs");
    return names;
}

} // namespace procdeck
