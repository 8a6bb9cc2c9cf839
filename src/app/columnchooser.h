#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class QMenu;
class QTableView;
class QWidget;

namespace procdeck::app {

/// The job table's columns: which show. The person chooses with the header's context menu
/// (remembered in the settings); a column they have not chosen for gives way when the table is
/// too narrow, in a fixed order, and comes back when there is room again (a wider window, or a
/// narrower column beside it).
class ColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    /// A child of `table`'s header; `minCommandWidth`: what the command column keeps at least
    /// (and a quarter of the table where that is more).
    ColumnChooser(QTableView *table, int minCommandWidth);

    /// The header's menu: a checkable entry per column, and one to forget the choices.
    QMenu *makeMenu(QWidget *parent);
    /// The person's choice: `column` always shown, or always hidden; remembered.
    void choose(int column, bool shown);
    /// Forgets every choice: the columns show as they fit.
    void forgetChoices();
    /// Whether `column` has nothing to show in any row (the Value column before any batch): an
    /// empty column the person has not chosen for stays hidden, whatever the room.
    void setEmpty(int column, bool empty);
    /// Shows and hides the columns for the table's width now.
    void fit();

private:
    void save() const;

    QTableView *const m_table;
    const int m_minCommandWidth;
    QHash<int, bool> m_chosen;      ///< column → shown, for the columns the person chose for
    QSet<int> m_empty;              ///< columns with nothing to show
    QHash<int, int> m_yieldedWidths; ///< widths of the columns that give way, kept while hidden
    bool m_fitting = false;
    bool m_fitSoon = false; ///< a fit is queued
};

} // namespace procdeck::app
