#include "jobfilterproxy.h"

#include "jobtablemodel.h"

namespace procdeck {

JobFilterProxy::JobFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(JobTableModel::SortRole);
    setDynamicSortFilter(true);
    // Case-insensitive through the model's case-folded sort keys: comparing plain strings is
    // what keeps a sort of 100,000 rows fast.
    setSortCaseSensitivity(Qt::CaseSensitive);
}

void JobFilterProxy::setStateFilter(StateFilter filter)
{
    if (m_stateFilter == filter)
        return;
    m_stateFilter = filter;
    invalidateFilter();
}

void JobFilterProxy::setText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

bool JobFilterProxy::accepts(StateFilter filter, JobState state, bool timedOut)
{
    switch (filter) {
    case StateFilter::All: return true;
    case StateFilter::Active: return !isTerminal(state);
    case StateFilter::Running: return state == JobState::Running;
    case StateFilter::Queued: return state == JobState::Queued;
    case StateFilter::Succeeded: return state == JobState::Finished;
    case StateFilter::Failed: return isTerminal(state) && state != JobState::Finished;
    case StateFilter::TimedOut: return timedOut;
    }
    return true;
}

void JobFilterProxy::sort(int column, Qt::SortOrder order)
{
    const auto *model = qobject_cast<const JobTableModel *>(sourceModel());
    if (model && column >= 0 && sortRole() == JobTableModel::SortRole)
        m_sortKeys = model->sortKeys(column);
    QSortFilterProxyModel::sort(column, order);
    m_sortKeys.clear(); // later re-sorts of a few changed rows compare the jobs directly
}

bool JobFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_sortKeys.isEmpty() && left.row() < m_sortKeys.size() && right.row() < m_sortKeys.size())
        return m_sortKeys[left.row()] < m_sortKeys[right.row()];
    if (const auto *model = qobject_cast<const JobTableModel *>(sourceModel()); model && sortRole() == JobTableModel::SortRole)
        return model->lessThan(left.column(), left.row(), right.row());
    return QSortFilterProxyModel::lessThan(left, right);
}

bool JobFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = JobState(index.data(JobTableModel::StateRole).toInt());
    if (!accepts(m_stateFilter, state, index.data(JobTableModel::TimedOutRole).toBool()))
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(JobTableModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace procdeck
