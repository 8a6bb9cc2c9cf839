#pragma once

#include "core/jobspec.h"

#include <QDialog>

#include <memory>

class QStandardItemModel;
class QSortFilterProxyModel;
namespace Ui {
class HistoryDialog;
}
namespace procdeck {
class History;
}

namespace procdeck::app {

/// Earlier runs from the history database, newest first, with search and "run again".
class HistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDialog)

public:
    static constexpr int kShownJobs = 2000;

    HistoryDialog(procdeck::History *history, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    int rowCount() const;
    void setSearch(const QString &text);
    /// Selects the row and runs it again (what the button does).
    void runAgainRow(int row);

signals:
    void runAgain(const procdeck::JobSpec &spec);

private:
    void reload();
    void runSelected();
    std::unique_ptr<Ui::HistoryDialog> m_ui;
    procdeck::History *m_history;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace procdeck::app
