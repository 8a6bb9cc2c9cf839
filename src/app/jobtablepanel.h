#pragma once

#include <QList>
#include <QObject>

class QComboBox;
class QLineEdit;
class QTableView;

namespace procdeck {
class Job;
class JobFilterProxy;
class JobTableModel;
} // namespace procdeck

namespace procdeck::app {

class ColumnChooser;
class JobItemDelegate;

/// The job table: its columns and their widths, the state filter and the text filter over the
/// proxy, the hint over an empty table, the columns that give way when it is narrow, the
/// selection, and the repaints the live rows need between the model's coalesced updates.
class JobTablePanel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTablePanel)

public:
    /// Sets `table` up over `proxy` (whose source is `model`); the filters drive the proxy.
    JobTablePanel(QTableView *table, QComboBox *stateFilter, QLineEdit *textFilter,
                  procdeck::JobTableModel *model, procdeck::JobFilterProxy *proxy, QObject *parent);

    QTableView *table() const { return m_table; }
    /// The selected rows' jobs, in the order they were added.
    QList<procdeck::Job *> selectedJobs() const;
    /// The job of the current row when it is selected, else the first selected one; null if none.
    procdeck::Job *shownJob() const;
    /// Selects the job's row and scrolls to it; nothing if it is filtered out or gone.
    void selectJob(const procdeck::Job *job);
    /// Repaints the job's row now (its end shows at once, not with the next coalesced update).
    void repaintRow(const procdeck::Job *job);
    /// Moves every running row's "working…" spinner one step.
    void advanceAnimation();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUpColumns();
    void setUpFilters(QComboBox *stateFilter, QLineEdit *textFilter);
    void setUpSearchStatus(QLineEdit *textFilter);
    void setUpEmptyHint();
    void watchValues();

    QTableView *const m_table;
    procdeck::JobTableModel *const m_model;
    procdeck::JobFilterProxy *const m_proxy;
    JobItemDelegate *m_delegate = nullptr;
    ColumnChooser *m_columns = nullptr; ///< which columns show: the person's choice, the width
};

} // namespace procdeck::app
