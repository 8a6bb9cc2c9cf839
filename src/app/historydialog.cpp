#include "historydialog.h"
#include "keptoutputdialog.h"
#include "theme.h"


#include "ui_historydialog.h"

#include "core/history/history.h"
#include "core/models/jobtablemodel.h"
#include "core/process/processgroup.h"

#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTimer>

namespace procdeck::app {

namespace {
constexpr int kSpecRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;
constexpr int kExecutorRole
        = Qt::UserRole + 3; ///< where it ran, for Run again (the host is the Host column's)
constexpr int kStdoutRole = Qt::UserRole + 4;   ///< its kept output's files, for Show output
constexpr int kStderrRole = Qt::UserRole + 5;
enum Column {
    StartedColumn,
    StateColumn,
    ExitColumn,
    DurationColumn,
    HostColumn,
    CommandColumn,
    ColumnCount
};

QStandardItem *item(const QString &text, const QVariant &sortKey)
{
    auto *it = new QStandardItem(text);
    it->setData(sortKey, kSortRole);
    it->setEditable(false);
    return it;
}

QString stateWords(const HistoryEntry &e)
{
    if (e.stateKey == History::interruptedKey())
        //: a job whose ProcDeck ended (crashed, was killed) while it ran
        return HistoryDialog::tr("Interrupted");
    return JobTableModel::stateText(e.record.state, e.record.timedOut);
}
} // namespace

HistoryDialog::HistoryDialog(History *history, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::HistoryDialog>()), m_history(history)
{
    m_ui->setupUi(this);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
            { tr("Started"), tr("State"), tr("Exit"), tr("Duration"), tr("Host"), tr("Command") });
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_ui->table->setModel(m_proxy);
    m_ui->table->horizontalHeader()->setStretchLastSection(true);
    m_ui->table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    // Widths for what the columns hold, so that the command keeps the rest.
    const QFontMetrics fm = fontMetrics();
    m_ui->table->setColumnWidth(StartedColumn,
                                fm.horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + 16);
    int stateWidth = fm.horizontalAdvance(tr("Interrupted"));
    for (int state = 0; state <= int(JobState::Skipped); ++state)
        stateWidth = qMax(stateWidth,
                          fm.horizontalAdvance(JobTableModel::stateText(JobState(state), false)));
    m_ui->table->setColumnWidth(StateColumn, stateWidth + 16);
    m_ui->table->setColumnWidth(ExitColumn, fm.horizontalAdvance(QStringLiteral("SIGKILL")) + 16);
    m_ui->table->setColumnWidth(DurationColumn,
                                fm.horizontalAdvance(QStringLiteral("00:00.000")) + 16);
    m_ui->table->setColumnWidth(HostColumn,
                                fm.horizontalAdvance(QStringLiteral("build-node-01")) + 16);

    // Searching asks the database (it may hold far more than is shown), a moment after typing.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(debounce, &QTimer::timeout, this, &HistoryDialog::reload);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_ui->runAgainButton, &QPushButton::clicked, this, &HistoryDialog::runSelected);
    connect(m_ui->table, &QTableView::doubleClicked, this, &HistoryDialog::runSelected);
    connect(m_ui->showOutputButton, &QPushButton::clicked, this,
            &HistoryDialog::showSelectedOutput);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryDialog::updateButtons);
    m_ui->runAgainButton->setEnabled(false);
    m_ui->showOutputButton->setEnabled(false);
    if (m_history) {
        connect(m_history, &History::recentFetched, this, &HistoryDialog::showEntries);
        connect(m_history, &History::keptOutputBytesFetched, this,
                [this](quint64 ticket, qint64 bytes) {
                    if (ticket != m_keptTicket)
                        return;
                    m_keptBytes = bytes;
                    showInfo();
                });
    }
    reload();
    m_ui->table->sortByColumn(StartedColumn, Qt::DescendingOrder);
}

HistoryDialog::~HistoryDialog() = default;

int HistoryDialog::rowCount() const
{
    return m_proxy->rowCount();
}

void HistoryDialog::setSearch(const QString &text)
{
    m_ui->searchEdit->setText(text);
    reload();
}

void HistoryDialog::reload()
{
    if (!m_history || (!m_history->isOpen() && !m_history->isOpening())) {
        m_model->removeRows(0, m_model->rowCount());
        m_ui->infoLabel->setText(tr("No history: the database could not be opened."));
        m_ui->runAgainButton->setEnabled(false);
        return;
    }
    if (m_history->isOpening()) { // asked again once it is open
        m_ui->infoLabel->setText(tr("Reading the history…"));
        connect(m_history, &History::opened, this, &HistoryDialog::reload, Qt::UniqueConnection);
        return;
    }
    if (m_keptBytes < 0 && m_keptTicket == 0)
        m_keptTicket = m_history->fetchKeptOutputBytes(); // stats every kept file: once a dialog
    m_entriesTicket = m_history->fetchRecent(kShownJobs, m_ui->searchEdit->text().trimmed());
}

void HistoryDialog::showEntries(quint64 ticket, const QList<HistoryEntry> &entries)
{
    if (ticket != m_entriesTicket)
        return; // an earlier search's answer
    m_entriesTicket = 0;
    m_model->removeRows(0, m_model->rowCount());
    for (const HistoryEntry &e : entries) {
        const JobRecord &r = e.record;
        const QDateTime when = (r.startedAt.isValid() ? r.startedAt : r.queuedAt).toLocalTime();
        const QString exit = r.signal > 0
                ? processgroup::signalName(r.signal)
                : (r.exitCode >= 0 ? QString::number(r.exitCode) : QString());
        QList<QStandardItem *> row = {
            // One date form for every language: the short locale forms read "26. 11. 26." in
            // Korean.
            item(when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), when.toMSecsSinceEpoch()),
            item(stateWords(e), e.stateKey),
            item(exit, r.signal > 0 ? 1000 + r.signal : r.exitCode),
            item(JobTableModel::formatElapsed(r.durationMs, false), r.durationMs),
            item(r.host, r.host),
            item(r.label.isEmpty() ? r.command : r.label, r.command),
        };
        row[CommandColumn]->setToolTip(r.command);
        //: how a job in the history ran: "ssh", "slurm" (with its Slurm job id) or "local"
        row[HostColumn]->setToolTip(r.slurmJobId.isEmpty()
                                            ? r.executor
                                            : tr("%1, job %2").arg(r.executor, r.slurmJobId));
        const bool interrupted = e.stateKey == History::interruptedKey();
        if (r.state != JobState::Finished || interrupted)
            row[StateColumn]->setForeground(Theme::stateColor(
                    interrupted ? JobState::Crashed : r.state, r.timedOut, palette()));
        if (!r.notes.isEmpty() || !r.error.isEmpty())
            row[StateColumn]->setToolTip(
                    QStringList { r.error, r.notes }.join(QLatin1Char('\n')).trimmed());
        row[ExitColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row[DurationColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row[0]->setData(QVariant::fromValue(e.spec), kSpecRole);
        row[0]->setData(r.executor, kExecutorRole);
        row[0]->setData(r.stdoutPath, kStdoutRole);
        row[0]->setData(r.stderrPath, kStderrRole);
        m_model->appendRow(row);
    }
    m_shown = int(entries.size());
    m_ui->runAgainButton->setEnabled(!entries.isEmpty());
    updateButtons();
    showInfo();
}

void HistoryDialog::showInfo()
{
    if (m_shown < 0)
        return;
    const QString kept = m_keptBytes < 0
            ? QStringLiteral("…")
            : QLocale().formattedDataSize(m_keptBytes, 1, QLocale::DataSizeTraditionalFormat);
    m_ui->infoLabel->setText(
            tr("%n job(s) shown · kept output takes %1", nullptr, m_shown).arg(kept));
}

void HistoryDialog::runAgainRow(int row)
{
    m_ui->table->selectRow(row);
    runSelected();
}

void HistoryDialog::runSelected()
{
    const QModelIndexList rows = m_ui->table->selectionModel()->selectedRows(StartedColumn);
    for (const QModelIndex &index : rows)
        emit runAgain(index.data(kSpecRole).value<JobSpec>(), index.data(kExecutorRole).toString(),
                      index.siblingAtColumn(HostColumn).data().toString());
}

QModelIndex HistoryDialog::currentRow() const
{
    return m_ui->table->selectionModel()->currentIndex().siblingAtColumn(StartedColumn);
}

void HistoryDialog::updateButtons()
{
    const QModelIndex row = currentRow();
    m_ui->showOutputButton->setEnabled(row.isValid()
                                       && !(row.data(kStdoutRole).toString().isEmpty()
                                            && row.data(kStderrRole).toString().isEmpty()));
}

KeptOutputDialog *HistoryDialog::showOutputRow(int row)
{
    m_ui->table->selectRow(row);
    return showSelectedOutput();
}

KeptOutputDialog *HistoryDialog::showSelectedOutput()
{
    const QModelIndex index = currentRow();
    const QString out = index.data(kStdoutRole).toString();
    const QString err = index.data(kStderrRole).toString();
    if (!index.isValid() || (out.isEmpty() && err.isEmpty()))
        return nullptr;
    const JobSpec spec = index.data(kSpecRole).value<JobSpec>();
    //: the title of a past job's output window; %1 is its command
    const QString command = index.siblingAtColumn(CommandColumn).data().toString();
    const QString title = tr("Output of %1").arg(command);
    auto *dialog = new KeptOutputDialog(title, out, err, spec.encoding, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void HistoryDialog::showProblem(const QString &text)
{
    m_ui->infoLabel->setText(text);
}

} // namespace procdeck::app
