#pragma once

#include "types/jobstate.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace procdeck {

class Job;
class OutputSearch;

/// Sorts a JobTableModel on its typed SortRole and filters it by free text (command and output)
/// and by a state category. The text is looked for in what memory holds of each job's output at
/// once, and in the complete output on disk of the jobs whose output outgrew memory by an
/// OutputSearch started a moment after the typing stops; what it finds is added as it comes.
class JobFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterProxy)

public:
    enum class StateFilter { All, Active, Running, Paused, Queued, Succeeded, Failed, TimedOut };
    Q_ENUM(StateFilter)

    explicit JobFilterProxy(QObject *parent = nullptr);

    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_stateFilter; }
    /// Case-insensitive text to find in a job's command or output; empty shows everything.
    void setText(const QString &text);
    /// The search of complete output on disk (its progress and end are its signals).
    OutputSearch *outputSearch() const { return m_search; }

    /// Whether a job in `state` passes `filter`.
    static bool accepts(StateFilter filter, JobState state, bool timedOut);

    /// Sorts with every row's key worked out once beforehand (see JobTableModel::sortKeys).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Queued rows can be dragged and dropped on another queued row (or between rows): the
    /// dragged jobs move before it in the scheduler's queue. The rows themselves stay in place.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    /// With a JobTableModel underneath and SortRole sorting, compares the jobs directly (same
    /// order as SortRole, without a QVariant per call); otherwise as QSortFilterProxyModel does.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    Job *
    jobAt(const QModelIndex &index) const; ///< of this proxy's index; null without a JobTableModel
    StateFilter m_stateFilter = StateFilter::All;
    QList<double> m_sortKeys; ///< only while sort() runs
    void searchDisk();
    QString m_text;
    OutputSearch *m_search = nullptr;
    QTimer m_searchDelay;   ///< the disk is searched once the typing pauses
    QSet<int> m_diskMatches; ///< jobs whose complete output holds m_text
};

} // namespace procdeck
