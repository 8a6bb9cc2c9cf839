#include "jobtablepanel.h"

#include "columnchooser.h"
#include "jobitemdelegate.h"

#include "core/process/job.h"
#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "core/process/outputsearch.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace procdeck::app {

namespace {
/// The command column keeps at least this many digits' width (an 800-pixel window still shows
/// the batch value beside it).
constexpr int kMinCommandDigits = 16;
} // namespace

JobTablePanel::JobTablePanel(QTableView *table, QComboBox *stateFilter, QLineEdit *textFilter,
                             JobTableModel *model, JobFilterProxy *proxy, QObject *parent)
    : QObject(parent), m_table(table), m_model(model), m_proxy(proxy)
{
    setUpColumns();
    setUpFilters(stateFilter, textFilter);
    setUpEmptyHint();
    watchValues();
    table->viewport()->installEventFilter(
            this); // its resizes (the splitter, the first layout) re-fit the columns
}

void JobTablePanel::setUpColumns()
{
    QTableView *table = m_table;
    table->setModel(m_proxy);
    m_delegate = new JobItemDelegate(table);
    table->setItemDelegate(m_delegate);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(JobTableModel::CommandColumn, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(40);
    // A batch's commands differ in their values, often at the end: cut them in the middle.
    // (The State column draws its own text, cut at the end; the figures fit their columns.)
    table->setTextElideMode(Qt::ElideMiddle);
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // Widths for the figures they hold; the command takes what is left.
    table->setColumnWidth(JobTableModel::SeqColumn, digit * 5);
    // Room for "Queued in the engine" (in the person's language) beside the state's icon; the
    // longest, "Timed out (still running)", elides and its tooltip says all.
    const int queuedThere =
            table->fontMetrics().horizontalAdvance(JobTableModel::tr("Queued in the engine"));
    table->setColumnWidth(JobTableModel::StateColumn, qMax(digit * 16, queuedThere + 40));
    // Room for a paused job's "paused 59:59.9", in the person's language.
    const QString paused =
        JobTableModel::tr("paused %1").arg(JobTableModel::formatElapsed(3'599'900, true));
    table->setColumnWidth(JobTableModel::ElapsedColumn,
                          qMax(digit * 10, table->fontMetrics().horizontalAdvance(paused) + 16));
    table->setColumnWidth(JobTableModel::ExitColumn, digit * 9);
    table->setColumnWidth(JobTableModel::PidColumn, digit * 7);
    // CPU and memory have room for a sparkline beside the figure.
    table->setColumnWidth(JobTableModel::CpuColumn, digit * 11);
    table->setColumnWidth(JobTableModel::RssColumn, digit * 13);
    table->setColumnWidth(JobTableModel::PeakRssColumn, digit * 11);
    table->setColumnWidth(JobTableModel::CpuTimeColumn, digit * 9);
    // Wide enough for a large output's figures ("99.9 MB · 999999 lines", in the person's
    // language).
    table->setColumnWidth(JobTableModel::OutputColumn,
                          table->fontMetrics().horizontalAdvance(
                                  JobTableModel::formatOutputSize(99'900'000, 999'999))
                                  + 16);
    table->setColumnWidth(JobTableModel::StartedColumn, digit * 9);
    // The value tells a batch's rows apart: it stands beside the command (a remembered header
    // state, restored later, keeps the person's own order).
    table->setColumnWidth(JobTableModel::ValueColumn, digit * 12);
    header->moveSection(header->visualIndex(JobTableModel::ValueColumn),
                        header->visualIndex(JobTableModel::CommandColumn) + 1);
    table->sortByColumn(JobTableModel::SeqColumn, Qt::AscendingOrder);
    m_columns = new ColumnChooser(table, digit * kMinCommandDigits);
}

void JobTablePanel::setUpFilters(QComboBox *states, QLineEdit *textFilter)
{
    states->addItem(tr("All jobs"), int(JobFilterProxy::StateFilter::All));
    states->addItem(tr("Active (running or queued)"), int(JobFilterProxy::StateFilter::Active));
    states->addItem(tr("Running"), int(JobFilterProxy::StateFilter::Running));
    states->addItem(tr("Paused"), int(JobFilterProxy::StateFilter::Paused));
    states->addItem(tr("Queued"), int(JobFilterProxy::StateFilter::Queued));
    states->addItem(tr("Succeeded"), int(JobFilterProxy::StateFilter::Succeeded));
    states->addItem(tr("Failed (any kind)"), int(JobFilterProxy::StateFilter::Failed));
    states->addItem(tr("Timed out"), int(JobFilterProxy::StateFilter::TimedOut));
    connect(states, &QComboBox::currentIndexChanged, this, [this, states] {
        m_proxy->setStateFilter(JobFilterProxy::StateFilter(states->currentData().toInt()));
    });
    connect(textFilter, &QLineEdit::textChanged, m_proxy, &JobFilterProxy::setText);
    setUpSearchStatus(textFilter);
}

void JobTablePanel::setUpSearchStatus(QLineEdit *textFilter)
{
    // Memory holds each stream's last MiB: the rest is searched on disk, and this says so.
    auto *status = new QLabel(textFilter->parentWidget());
    status->setObjectName(QStringLiteral("searchStatus"));
    status->hide();
    auto *row = textFilter->parentWidget()->findChild<QBoxLayout *>(QStringLiteral("filterRow"));
    if (row)
        row->insertWidget(row->indexOf(textFilter) + 1, status);
    const OutputSearch *search = m_proxy->outputSearch();
    connect(textFilter, &QLineEdit::textChanged, status, &QWidget::hide);
    connect(search, &OutputSearch::started, status, [status](int jobs, qint64 bytes) {
        status->setText(tr("Searching the complete output of %n job(s) (%1)…", nullptr, jobs)
                            .arg(QLocale().formattedDataSize(bytes)));
        status->show();
    });
    connect(search, &OutputSearch::progress, status, [status](qint64 read, qint64 total) {
        if (read < total)
            status->setText(tr("Searching the complete output: %1 %")
                                .arg(read * 100 / qMax<qint64>(1, total)));
    });
    connect(search, &OutputSearch::finished, status, [status](int searched, int missing) {
        status->setText(missing == 0
                            ? tr("Complete output searched (%n job(s) on disk).", nullptr, searched)
                            : tr("%n job(s)' complete output is gone: only their last lines "
                                 "were searched.", nullptr, missing));
    });
}

void JobTablePanel::setUpEmptyHint()
{
    auto *hint = new QLabel(m_table->viewport());
    hint->setObjectName(QStringLiteral("emptyHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::RichText);
    hint->setText(tr("<p><b>No jobs yet.</b></p><p><b>New job</b> (Ctrl+N) runs one command; "
                     "<b>New batch</b> (Ctrl+B) "
                     "runs a template over many values in parallel.<br>Each job's output, CPU and "
                     "memory show below.</p>"));
    QPalette p = hint->palette();
    p.setColor(QPalette::WindowText,
               m_table->palette().color(QPalette::Disabled, QPalette::WindowText));
    hint->setPalette(p);
    auto *layout = new QVBoxLayout(m_table->viewport());
    layout->addWidget(hint);
    auto update = [this, hint] { hint->setVisible(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, update);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    update();
}

void JobTablePanel::watchValues()
{
    // The Value column shows once a job has a value: a table of single jobs keeps its room for
    // the command. Rows are looked at as they come (a removal, rare, looks again at what is left).
    const auto anyValue = [this](int first, int last) {
        for (int row = first; row <= last; ++row) {
            const Job *job = m_model->jobAt(m_model->index(row, 0));
            if (job && !job->spec().values.isEmpty())
                return true;
        }
        return false;
    };
    const auto recheck = [this, anyValue] {
        m_columns->setEmpty(JobTableModel::ValueColumn, !anyValue(0, m_model->rowCount() - 1));
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this, anyValue](const QModelIndex &, int first, int last) {
                if (anyValue(first, last))
                    m_columns->setEmpty(JobTableModel::ValueColumn, false);
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, recheck);
    connect(m_model, &QAbstractItemModel::modelReset, this, recheck);
    recheck();
}

bool JobTablePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_columns->fit();
    return QObject::eventFilter(watched, event);
}

QList<Job *> JobTablePanel::selectedJobs() const
{
    QList<Job *> jobs;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        if (Job *job = m_model->jobAt(m_proxy->mapToSource(row)))
            jobs << job;
    std::sort(jobs.begin(), jobs.end(),
              [](const Job *a, const Job *b) { return a->seq() < b->seq(); });
    return jobs;
}

Job *JobTablePanel::shownJob() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid()
        && m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return m_model->jobAt(m_proxy->mapToSource(current));
    const QList<Job *> selected = selectedJobs();
    return selected.isEmpty() ? nullptr : selected.first();
}

void JobTablePanel::selectJob(const Job *job)
{
    const QModelIndex row = m_proxy->mapFromSource(job ? m_model->indexOf(job) : QModelIndex());
    if (!row.isValid())
        return;
    m_table->selectRow(row.row());
    m_table->scrollTo(row);
}

void JobTablePanel::repaintRow(const Job *job)
{
    const QModelIndex row = m_proxy->mapFromSource(m_model->indexOf(job));
    if (row.isValid())
        m_table->viewport()->update(QRect(0, m_table->rowViewportPosition(row.row()),
                                          m_table->viewport()->width(),
                                          m_table->rowHeight(row.row())));
}

void JobTablePanel::advanceAnimation()
{
    m_delegate->advanceAnimation();
    const int x = m_table->columnViewportPosition(JobTableModel::StateColumn);
    m_table->viewport()->update(QRect(x, 0, m_table->columnWidth(JobTableModel::StateColumn),
                                      m_table->viewport()->height()));
}

} // namespace procdeck::app
