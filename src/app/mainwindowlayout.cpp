// MainWindow's layout as the window's size and content change: columns and toolbar texts that
// give way on a small screen, and the hint over an empty table.
#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "core/jobtablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QToolBar>
#include <QVBoxLayout>

namespace procdeck::app {

namespace {
/// The columns that give way, first to last, when the table is too narrow for all of them.
constexpr JobTableModel::Column kYieldingColumns[] = {JobTableModel::PidColumn, JobTableModel::CpuTimeColumn,
                                                      JobTableModel::PeakRssColumn, JobTableModel::StartedColumn};
/// The command column keeps at least this many digits' width.
constexpr int kMinCommandDigits = 22;
} // namespace

void MainWindow::setUpEmptyHint()
{
    auto *hint = new QLabel(m_ui->jobTable->viewport());
    hint->setObjectName(QStringLiteral("emptyHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::RichText);
    hint->setText(tr("<p><b>No jobs yet.</b></p><p><b>New job</b> (Ctrl+N) runs one command; <b>New batch</b> (Ctrl+B) "
                     "runs a template over many values in parallel.<br>Each job's output, CPU and memory show below.</p>"));
    QPalette p = hint->palette();
    p.setColor(QPalette::WindowText, palette().color(QPalette::Disabled, QPalette::WindowText));
    hint->setPalette(p);
    auto *layout = new QVBoxLayout(m_ui->jobTable->viewport());
    layout->addWidget(hint);
    m_emptyHint = hint;
    auto update = [this] { m_emptyHint->setVisible(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, update);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    update();
}

void MainWindow::setUpToolBarTexts()
{
    // "새 작업(&N)": a menu's mnemonic, which a toolbar shows as a stray "(N)". Toolbar buttons
    // have no mnemonics, so they get the text without it.
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)|&(?=.)"));
    for (QAction *action : m_ui->mainToolBar->actions()) {
        QString text = action->text();
        text.remove(mnemonic);
        text.remove(QStringLiteral("…"));
        text.remove(QStringLiteral("..."));
        action->setIconText(text.trimmed());
    }
    m_toolBarFullWidth = m_ui->mainToolBar->sizeHint().width();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    adaptToWidth();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->jobTable->viewport() && event->type() == QEvent::Resize)
        adaptToWidth();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::adaptToWidth()
{
    // The toolbar shows icons only when its texts would push actions (Preferences) into the
    // overflow menu; the names stay in the tooltips.
    const bool roomForTexts = m_toolBarFullWidth + 16 <= width();
    m_ui->mainToolBar->setToolButtonStyle(roomForTexts ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);

    // Columns give way in a fixed order until the rest fit beside a readable command column.
    QTableView *table = m_ui->jobTable;
    QHeaderView *header = table->horizontalHeader();
    const int available = table->viewport()->width();
    if (available <= 0)
        return;
    int needed = table->fontMetrics().horizontalAdvance(QLatin1Char('0')) * kMinCommandDigits;
    for (int column = 0; column < JobTableModel::ColumnCount; ++column) {
        const bool yielding = std::find(std::begin(kYieldingColumns), std::end(kYieldingColumns), column) != std::end(kYieldingColumns);
        if (column != JobTableModel::CommandColumn && !yielding && !header->isSectionHidden(column))
            needed += header->sectionSize(column);
    }
    for (const JobTableModel::Column column : kYieldingColumns) {
        if (!header->isSectionHidden(column))
            m_yieldedWidths[column] = header->sectionSize(column); // a hidden section's size reads 0
        const int size = m_yieldedWidths.value(column, header->defaultSectionSize());
        const bool fits = needed + size <= available;
        header->setSectionHidden(column, !fits);
        if (fits)
            needed += size;
    }
}

} // namespace procdeck::app
