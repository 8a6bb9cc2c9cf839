#pragma once

#include "types/jobstate.h"

#include <QAbstractTableModel>
#include <QCborMap>
#include <QDateTime>
#include <QTimer>

#include <vector>

namespace procdeck {

/// The jobs of the user's engine as a "watch" shows them (docs/protocol.md): fed the watch's
/// messages (apply()), whichever connection brings them. A job is a row, in the engine's order
/// (its number); a change updates its row, a new job is inserted, nothing is ever reset but by
/// clear(). The elapsed time of running jobs ticks here, from their start, with no message.
class EngineJobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineJobsModel)

public:
    enum Column { NumberColumn, CommandColumn, StateColumn, ElapsedColumn, ExitColumn,
                  OutputColumn, StartedColumn, ColumnCount };
    enum Role {
        NumberRole = Qt::UserRole, ///< int: the engine's job number
        StateRole,                 ///< int (JobState)
        ElapsedMsRole,             ///< qint64, -1 for a job that never ran
        ExitCodeRole,              ///< int, -1 when none
        OutputBytesRole,           ///< qint64: stdout and stderr
        StartedRole,               ///< qint64: ms since the epoch, 0 when not started
    };

    /// One job as the engine's record says.
    struct Row {
        int number = 0;
        QString command;
        JobState state = JobState::Queued;
        bool timedOut = false;
        int exitCode = -1;
        int signal = 0;
        qint64 startedMs = 0;  ///< ms since the epoch; 0: not started
        qint64 durationMs = 0; ///< as of the record
        qint64 pausedMs = 0;
        qint64 outputBytes = 0;
        qint64 outputLines = 0;
    };

    explicit EngineJobsModel(QObject *parent = nullptr);
    ~EngineJobsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// A message of the watch: "jobs" and "changed" add or update rows, "end" says the first
    /// listing is whole (listed()); any other is not the model's and is left alone.
    void apply(const QCborMap &message);
    /// Forgets every row (another engine: its numbers are not the last one's).
    void clear();
    /// The watch that listed them went (the engine did): the rows stay as last seen, and
    /// isListed() is false until the next watch's listing is whole.
    void watchEnded() { m_listed = false; }
    /// The row of job `number`, -1 when there is none.
    int rowOf(int number) const;
    /// The jobs queued, running or paused, as last seen (a walk of the rows: for a question
    /// asked once, such as the window's close, not for every change).
    int unendedCount() const;
    const Row &rowAt(int row) const { return m_rows.at(size_t(row)); }
    /// Whether the first listing of the current watch is whole.
    bool isListed() const { return m_listed; }

    /// One record's fields (the JSON Lines export's keys) as a row.
    static Row rowFromRecord(const QCborMap &record);
    static constexpr int kTickMs = 250;

signals:
    /// The first listing of a watch is whole ("end").
    void listed();

private:
    void applyRecords(const QCborArray &records);
    void update(int row, Row value);
    void tick();
    qint64 elapsedMs(const Row &r) const;
    QVariant display(const Row &r, int column) const;

    std::vector<Row> m_rows; ///< by number, ascending
    QList<int> m_running;    ///< numbers of the rows whose elapsed ticks
    QTimer m_ticker;
    bool m_listed = false;
};

} // namespace procdeck
