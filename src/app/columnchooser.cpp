#include "columnchooser.h"

#include "appsettings.h"

#include "core/models/jobtablemodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

#include <algorithm>
#include <utility>

namespace procdeck::app {

namespace {
/// The columns that give way when the table is too narrow for all of them: each in turn takes
/// its room while there is some, so the last ones give way first. The value a batch's job got
/// is what tells its rows apart: it comes first; then the live figures, then the output's size
/// (the output pane says it too). #, State, Elapsed and Exit always show.
constexpr JobTableModel::Column kYieldingColumns[] = {
    JobTableModel::ValueColumn,   JobTableModel::CpuColumn,     JobTableModel::RssColumn,
    JobTableModel::OutputColumn,  JobTableModel::PidColumn,     JobTableModel::CpuTimeColumn,
    JobTableModel::PeakRssColumn, JobTableModel::StartedColumn, JobTableModel::HostColumn,
    JobTableModel::IoReadColumn,  JobTableModel::IoWriteColumn};
const QString kShownKey = QStringLiteral("columns/shown");
const QString kHiddenKey = QStringLiteral("columns/hidden");

bool yields(int column)
{
    return std::find(std::begin(kYieldingColumns), std::end(kYieldingColumns), column)
        != std::end(kYieldingColumns);
}
} // namespace

ColumnChooser::ColumnChooser(QTableView *table, int minCommandWidth)
    : QObject(table->horizontalHeader()), m_table(table), m_minCommandWidth(minCommandWidth)
{
    setObjectName(QStringLiteral("columnChooser"));
    const auto s = AppSettings::open();
    for (const QVariant &c : s->value(kShownKey).toList())
        m_chosen.insert(c.toInt(), true);
    for (const QVariant &c : s->value(kHiddenKey).toList())
        m_chosen.insert(c.toInt(), false);
    QHeaderView *header = table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &at) {
        QMenu *menu = makeMenu(header);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(at));
    });
    // A column made wider or narrower by hand changes what fits beside the command: looked at
    // once the header has settled (a drag resizes many times; the stretched command follows).
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column == JobTableModel::CommandColumn || m_fitting || std::exchange(m_fitSoon, true))
            return;
        QMetaObject::invokeMethod(this, [this] {
            m_fitSoon = false;
            fit();
        }, Qt::QueuedConnection);
    });
}

QMenu *ColumnChooser::makeMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const QHeaderView *header = m_table->horizontalHeader();
    for (int column = 0; column < JobTableModel::ColumnCount; ++column) {
        if (column == JobTableModel::CommandColumn)
            continue; // the one column that always shows
        const QString name = m_table->model()->headerData(column, Qt::Horizontal).toString();
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setData(column);
        connect(action, &QAction::toggled, this, [this, column](bool on) { choose(column, on); });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Show the columns that fit"));
    reset->setEnabled(!m_chosen.isEmpty());
    connect(reset, &QAction::triggered, this, &ColumnChooser::forgetChoices);
    return menu;
}

void ColumnChooser::choose(int column, bool shown)
{
    m_chosen.insert(column, shown);
    save();
    fit();
}

void ColumnChooser::forgetChoices()
{
    m_chosen.clear();
    save();
    fit();
}

void ColumnChooser::setEmpty(int column, bool empty)
{
    if (m_empty.contains(column) == empty)
        return;
    if (empty)
        m_empty.insert(column);
    else
        m_empty.remove(column);
    fit();
}

void ColumnChooser::save() const
{
    QVariantList shown;
    QVariantList hidden;
    for (auto it = m_chosen.cbegin(); it != m_chosen.cend(); ++it)
        (it.value() ? shown : hidden) << it.key();
    const auto s = AppSettings::open();
    s->setValue(kShownKey, shown);
    s->setValue(kHiddenKey, hidden);
}

void ColumnChooser::fit()
{
    // The person's choices first; then the columns nobody chose for give way in a fixed order
    // until the rest fit beside a readable command column.
    QHeaderView *header = m_table->horizontalHeader();
    const int available = m_table->viewport()->width();
    if (available <= 0 || std::exchange(m_fitting, true))
        return;
    // The command keeps a quarter of the table, at least its minimum: on a wide screen a column
    // more is worth less than a command that can be read.
    int needed = qMax(m_minCommandWidth, available / 4);
    for (int column = 0; column < JobTableModel::ColumnCount; ++column) {
        if (column == JobTableModel::CommandColumn)
            continue;
        if (!header->isSectionHidden(column))
            m_yieldedWidths[column] = header->sectionSize(column); // a hidden one's reads 0
        const bool chosen = m_chosen.contains(column);
        if (chosen || !yields(column)) {
            const bool shown = m_chosen.value(column, true);
            header->setSectionHidden(column, !shown);
            if (shown)
                needed += m_yieldedWidths.value(column, header->defaultSectionSize());
        }
    }
    for (const JobTableModel::Column column : kYieldingColumns) {
        if (m_chosen.contains(column))
            continue;
        const int size = m_yieldedWidths.value(column, header->defaultSectionSize());
        const bool fits = !m_empty.contains(column) && needed + size <= available;
        header->setSectionHidden(column, !fits);
        if (fits)
            needed += size;
    }
    m_fitting = false;
}

} // namespace procdeck::app
