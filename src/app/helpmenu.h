#pragma once

#include <QObject>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace procdeck::app {

/// Help → ProcDeck Handbook (the README's user guide, shipped in the program) and Keyboard
/// shortcuts (read off the window's own actions, so the list is never out of date).
class HelpMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpMenu)

public:
    /// Adds its entries at the top of `help`; dialogs open over `window`.
    HelpMenu(QMenu *help, QWidget *window);

    QAction *handbookAction() const { return m_handbook; }
    QAction *shortcutsAction() const { return m_shortcuts; }
    /// Opens the handbook (non-modal; it deletes itself when closed) and returns it.
    QDialog *showHandbook();
    QDialog *showShortcuts();

    /// The README's user guide: everything before its Performance section, without pictures.
    static QString handbookMarkdown();

private:
    QDialog *makeDialog(const QString &title, QWidget *content) const;
    QWidget *const m_window;
    QAction *m_handbook = nullptr;
    QAction *m_shortcuts = nullptr;
};

} // namespace procdeck::app
