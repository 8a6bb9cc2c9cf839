#include "jobfilterproxy.h"

#include "jobtablemodel.h"
#include "scheduling/scheduler.h"
#include "process/outputsearch.h"

#include <QMimeData>

namespace procdeck {

namespace {

/// How long the typing must pause before the disk is searched.
constexpr int kSearchDelayMs = 300;

const QString &kJobsMimeType()
{
    static const QString type = QStringLiteral("application/x-procdeck-job-numbers");
    return type;
}

QList<int> seqsIn(const QMimeData *data)
{
    QList<int> seqs;
    if (!data || !data->hasFormat(kJobsMimeType()))
        return seqs;
    for (const QByteArray &word : data->data(kJobsMimeType()).split(' ')) {
        bool ok = false;
        const int seq = word.toInt(&ok);
        if (ok)
            seqs << seq;
    }
    return seqs;
}

} // namespace

JobFilterProxy::JobFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(JobTableModel::SortRole);
    setDynamicSortFilter(true);
    // Case-insensitive through the model's case-folded sort keys: comparing plain strings is
    // what keeps a sort of 100,000 rows fast.
    setSortCaseSensitivity(Qt::CaseSensitive);
    m_search = new OutputSearch(this);
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &JobFilterProxy::searchDisk);
    connect(m_search, &OutputSearch::found, this, [this](int seq) {
        m_diskMatches.insert(seq);
        invalidateRowsFilter();
    });
}

void JobFilterProxy::searchDisk()
{
    const auto *model = qobject_cast<const JobTableModel *>(sourceModel());
    if (!model || m_text.isEmpty())
        return;
    QList<const Job *> jobs;
    const Scheduler *scheduler = model->scheduler();
    for (int i = 0; i < scheduler->count(); ++i)
        jobs << scheduler->jobAt(i);
    m_search->start(m_text, jobs);
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
    m_diskMatches.clear();
    m_search->cancel();
    invalidateFilter();
    if (text.isEmpty())
        m_searchDelay.stop();
    else
        m_searchDelay.start(); // restarted by each key: the disk is searched once typing pauses
}

bool JobFilterProxy::accepts(StateFilter filter, JobState state, bool timedOut)
{
    switch (filter) {
    case StateFilter::All: return true;
    case StateFilter::Active: return !isTerminal(state);
    case StateFilter::Running: return state == JobState::Running;
    case StateFilter::Paused: return state == JobState::Paused;
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
    if (const auto *model = qobject_cast<const JobTableModel *>(sourceModel());
        model && sortRole() == JobTableModel::SortRole)
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
    const QString memory = index.data(JobTableModel::SearchTextRole).toString();
    return memory.contains(m_text, Qt::CaseInsensitive)
        || m_diskMatches.contains(index.data(JobTableModel::SeqRole).toInt());
}


Job *JobFilterProxy::jobAt(const QModelIndex &index) const
{
    const auto *model = qobject_cast<const JobTableModel *>(sourceModel());
    return model ? model->jobAt(mapToSource(index)) : nullptr;
}

Qt::ItemFlags JobFilterProxy::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QSortFilterProxyModel::flags(index);
    if (const Job *job = jobAt(index); job && job->state() == JobState::Queued)
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return f;
}

QStringList JobFilterProxy::mimeTypes() const
{
    return {kJobsMimeType()};
}

QMimeData *JobFilterProxy::mimeData(const QModelIndexList &indexes) const
{
    QList<int> seqs;
    for (const QModelIndex &index : indexes)
        if (const Job *job = jobAt(index);
            job && job->state() == JobState::Queued && !seqs.contains(job->seq()))
            seqs << job->seq();
    if (seqs.isEmpty())
        return nullptr;
    QByteArray bytes;
    for (const int seq : std::as_const(seqs))
        bytes += QByteArray::number(seq) + ' ';
    auto *data = new QMimeData;
    data->setData(kJobsMimeType(), bytes.trimmed());
    return data;
}

bool JobFilterProxy::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                     int column, const QModelIndex &parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    const Job *target = jobAt(parent);
    return action == Qt::MoveAction && !seqsIn(data).isEmpty()
            && (!target || target->state() == JobState::Queued);
}

bool JobFilterProxy::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                 const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const auto *model = qobject_cast<const JobTableModel *>(sourceModel());
    if (!model)
        return false;
    QList<Job *> jobs;
    for (const int seq : seqsIn(data))
        if (Job *job = model->scheduler()->jobBySeq(seq))
            jobs << job;
    // Dropped on a row: before that job; between rows: before the row below; below the last: the
    // end.
    const Job *target = parent.isValid()   ? jobAt(parent)
            : row >= 0 && row < rowCount() ? jobAt(index(row, 0))
                                           : nullptr;
    if (target && jobs.contains(const_cast<Job *>(target)))
        return false;
    model->scheduler()->moveBefore(jobs, target);
    return false; // the rows themselves stay where they are: the view must remove nothing
}

} // namespace procdeck
