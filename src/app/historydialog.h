#pragma once

#include "core/types/jobspec.h"

#include <QDialog>
#include <QModelIndex>

#include <memory>

class QStandardItemModel;
class QSortFilterProxyModel;
namespace Ui {
class HistoryDialog;
}
namespace procdeck {
class History;
struct HistoryEntry;
}

namespace procdeck::app {

class KeptOutputDialog;

/// Earlier runs from the history database, newest first, with search and "run again". The
/// history reads them on its thread; the dialog shows them when they come.
class HistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDialog)

public:
    static constexpr int kShownJobs = 2000;

    HistoryDialog(procdeck::History *history, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    /// The rows shown: 0 until the history has answered.
    int rowCount() const;
    /// The history has answered the last search.
    bool isLoaded() const { return m_entriesTicket == 0 && m_shown >= 0; }
    void setSearch(const QString &text);
    /// Selects the row and runs it again (what the button does).
    void runAgainRow(int row);
    /// Selects the row and opens its kept output (what Show output does); null when it kept none.
    KeptOutputDialog *showOutputRow(int row);
    /// Says in the dialog's own line why a run again did not happen.
    void showProblem(const QString &text);

signals:
    /// Run `spec` again; it ran with `executor` ("local", "ssh", "slurm") on `host`.
    void runAgain(const procdeck::JobSpec &spec, const QString &executor, const QString &host);

private:
    /// Asks the history for the jobs matching the search (the answer comes to showEntries).
    void reload();
    void showEntries(quint64 ticket, const QList<procdeck::HistoryEntry> &entries);
    void showInfo();
    void runSelected();
    KeptOutputDialog *showSelectedOutput();
    void updateButtons();
    QModelIndex currentRow() const; ///< the current row's first cell
    std::unique_ptr<Ui::HistoryDialog> m_ui;
    procdeck::History *const m_history;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    quint64 m_entriesTicket = 0; ///< the fetch whose answer is awaited (a newer search wins)
    quint64 m_keptTicket = 0;
    int m_shown = -1;            ///< -1: not answered yet
    qint64 m_keptBytes = -1;     ///< likewise
};

} // namespace procdeck::app
