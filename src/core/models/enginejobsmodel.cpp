#include "enginejobsmodel.h"

#include "jobtablemodel.h"
#include "protocol/protocol.h"
#include "protocol/recordfields.h"
#include "types/isotime.h"

#include <QCborArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace procdeck {

namespace {

qint64 millis(const QCborValue &seconds)
{
    return qint64(std::llround(seconds.toDouble() * 1000.0));
}

bool ticks(JobState state)
{
    return state == JobState::Running;
}

} // namespace

EngineJobsModel::EngineJobsModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &EngineJobsModel::tick);
}

EngineJobsModel::~EngineJobsModel() = default;

int EngineJobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EngineJobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

EngineJobsModel::Row EngineJobsModel::rowFromRecord(const QCborMap &map)
{
    // The keys are the protocol's contract (docs/protocol.md), taken in one walk of the record.
    using F = RecordFields;
    const RecordFields record(map);
    Row row;
    row.number = int(record.integer(F::Seq, 0));
    row.command = record[F::Command].toString();
    stateFromKey(record[F::State].toString(), &row.state);
    row.timedOut = record[F::TimedOut].toBool();
    row.exitCode = int(record.integer(F::ExitCode, -1));
    row.signal = int(record.integer(F::SignalNumber, 0));
    row.startedMs = isotime::epochMs(record[F::Started].toString());
    row.durationMs = millis(record[F::DurationS]);
    row.pausedMs = millis(record[F::PausedS]);
    row.outputBytes = record.integer(F::StdoutBytes, 0) + record.integer(F::StderrBytes, 0);
    row.outputLines = record.integer(F::StdoutLines, 0) + record.integer(F::StderrLines, 0);
    return row;
}

int EngineJobsModel::rowOf(int number) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), number,
                                     [](const Row &r, int n) { return r.number < n; });
    return it != m_rows.end() && it->number == number ? int(it - m_rows.begin()) : -1;
}

int EngineJobsModel::unendedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [](const Row &r) { return !isTerminal(r.state); }));
}

void EngineJobsModel::apply(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    if (type == protocol::type::jobs || type == protocol::type::changed) {
        applyRecords(message.value(QStringLiteral("jobs")).toArray());
    } else if (type == protocol::type::end) {
        m_listed = true;
        emit listed();
    }
}

void EngineJobsModel::applyRecords(const QCborArray &records)
{
    std::vector<Row> appended;
    for (const QCborValue &record : records) {
        Row row = rowFromRecord(record.toMap());
        if (row.number <= 0)
            continue;
        const int at = rowOf(row.number);
        if (at >= 0) {
            update(at, std::move(row));
        } else if (m_rows.empty() && appended.empty()) {
            appended.push_back(std::move(row));
        } else if (row.number > (appended.empty() ? m_rows.back() : appended.back()).number) {
            appended.push_back(std::move(row));
        } else { // not in the engine's order: in its place, alone
            const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), row.number,
                                             [](const Row &r, int n) { return r.number < n; });
            const int place = int(it - m_rows.begin());
            if (ticks(row.state))
                m_running << row.number;
            beginInsertRows({}, place, place);
            m_rows.insert(it, std::move(row));
            endInsertRows();
        }
    }
    if (appended.empty())
        return;
    // New jobs come last, in order: one insertion for all of them.
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(appended.size()) - 1);
    for (Row &row : appended) {
        if (ticks(row.state))
            m_running << row.number;
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
    if (!m_running.isEmpty() && !m_ticker.isActive())
        m_ticker.start();
}

void EngineJobsModel::update(int row, Row value)
{
    const bool wasTicking = ticks(m_rows[size_t(row)].state);
    m_rows[size_t(row)] = std::move(value);
    const Row &r = m_rows[size_t(row)];
    if (ticks(r.state) && !wasTicking)
        m_running << r.number;
    else if (!ticks(r.state) && wasTicking)
        m_running.removeOne(r.number);
    if (!m_running.isEmpty() && !m_ticker.isActive())
        m_ticker.start();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void EngineJobsModel::tick()
{
    if (m_running.isEmpty()) {
        m_ticker.stop();
        return;
    }
    // One range over the running rows' elapsed cells: the view repaints what it shows of it.
    int first = INT_MAX;
    int last = -1;
    for (int number : std::as_const(m_running)) {
        const int row = rowOf(number);
        first = qMin(first, row);
        last = qMax(last, row);
    }
    if (last >= 0)
        emit dataChanged(index(first, ElapsedColumn), index(last, ElapsedColumn),
                         {Qt::DisplayRole, ElapsedMsRole});
}

void EngineJobsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_running.clear();
    m_listed = false;
    endResetModel();
    m_ticker.stop();
}

qint64 EngineJobsModel::elapsedMs(const Row &r) const
{
    if (r.startedMs <= 0)
        return -1;
    if (ticks(r.state)) // from its start, as the engine counts, less its pauses so far
        return qMax<qint64>(0, QDateTime::currentMSecsSinceEpoch() - r.startedMs - r.pausedMs);
    return r.durationMs;
}

QVariant EngineJobsModel::display(const Row &r, int column) const
{
    switch (column) {
    case NumberColumn: return QString::number(r.number);
    case CommandColumn: return r.command;
    case StateColumn:
        return r.state == JobState::Running ? JobTableModel::workingText()
                                            : JobTableModel::stateText(r.state, r.timedOut);
    case ElapsedColumn: {
        const qint64 ms = elapsedMs(r);
        return ms < 0 ? QVariant() : QVariant(JobTableModel::formatElapsed(ms, ticks(r.state)));
    }
    case ExitColumn:
        return r.exitCode >= 0 ? QVariant(QString::number(r.exitCode)) : QVariant();
    case OutputColumn:
        return r.state == JobState::Queued
                ? QVariant()
                : QVariant(JobTableModel::formatOutputSize(r.outputBytes, r.outputLines));
    case StartedColumn:
        return r.startedMs <= 0 ? QVariant()
                                : QVariant(QLocale().toString(
                                          QDateTime::fromMSecsSinceEpoch(r.startedMs).time(),
                                          QStringLiteral("HH:mm:ss")));
    default: return {};
    }
}

QVariant EngineJobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommandColumn ? QVariant(r.command) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == CommandColumn || index.column() == StateColumn
                ? QVariant()
                : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case NumberRole: return r.number;
    case StateRole: return int(r.state);
    case ElapsedMsRole: return elapsedMs(r);
    case ExitCodeRole: return r.exitCode;
    case OutputBytesRole: return r.outputBytes;
    case StartedRole: return r.startedMs;
    default: return {};
    }
}

QVariant EngineJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn: return tr("#");
    case CommandColumn: return tr("Command");
    case StateColumn: return tr("State");
    case ElapsedColumn: return tr("Elapsed");
    case ExitColumn: return tr("Exit");
    case OutputColumn: return tr("Output");
    case StartedColumn: return tr("Started");
    default: return {};
    }
}

} // namespace procdeck
