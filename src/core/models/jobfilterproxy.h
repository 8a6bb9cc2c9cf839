#pragma once

#include "types/jobstate.h"

#include <QSortFilterProxyModel>

namespace procdeck {

class Job;

/// Sorts a JobTableModel on its typed SortRole and filters it by free text (command and output)
/// and by a state category.
class JobFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterProxy)

public:
    enum class StateFilter { All, Active, Running, Queued, Succeeded, Failed, TimedOut };
    Q_ENUM(StateFilter)

    explicit JobFilterProxy(QObject *parent = nullptr);

    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_stateFilter; }
    /// Case-insensitive text to find in a job's command or output; empty shows everything.
    void setText(const QString &text);

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
    Job *jobAt(const QModelIndex &index) const; ///< of this proxy's index; null without a JobTableModel
    StateFilter m_stateFilter = StateFilter::All;
    QList<double> m_sortKeys; ///< only while sort() runs
    QString m_text;
};

} // namespace procdeck
