#include "helpmenu.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace procdeck::app {

HelpMenu::HelpMenu(QMenu *help, QWidget *window) : QObject(window), m_window(window)
{
    m_handbook = new QAction(tr("ProcDeck &Handbook"), this);
    m_handbook->setObjectName(QStringLiteral("actionHandbook"));
    m_handbook->setShortcut(QKeySequence::HelpContents);
    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    QAction *first = help->actions().value(0);
    help->insertAction(first, m_handbook);
    help->insertAction(first, m_shortcuts);
    help->insertSeparator(first);
    window->addAction(m_handbook); // F1 works wherever the focus is
    connect(m_handbook, &QAction::triggered, this, &HelpMenu::showHandbook);
    connect(m_shortcuts, &QAction::triggered, this, &HelpMenu::showShortcuts);
}

QString HelpMenu::handbookMarkdown()
{
    QFile file(QStringLiteral(":/handbook.md")); // the README, built into the program's resources
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    // The user's part: what follows (performance, building, the source layout) is for developers.
    const qsizetype end = text.indexOf(QLatin1String("\n## Performance"));
    if (end > 0)
        text.truncate(end + 1);
    // Pictures are files beside the README, not in the program: their table rows go.
    static const QRegularExpression pictures(QStringLiteral(R"(^.*!\[[^\]]*\]\([^)]*\).*\n)"),
                                             QRegularExpression::MultilineOption);
    return text.remove(pictures);
}

QDialog *HelpMenu::makeDialog(const QString &title, QWidget *content) const
{
    auto *dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Within the window, whatever the screen: an 800×600 one included.
    dialog->resize(QSize(760, 640).boundedTo(m_window->size() * 9 / 10));
    dialog->show();
    return dialog;
}

QDialog *HelpMenu::showHandbook()
{
    auto *browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("handbookBrowser"));
    browser->setOpenExternalLinks(true);
    browser->setMarkdown(handbookMarkdown());
    return makeDialog(tr("ProcDeck Handbook"), browser);
}

QDialog *HelpMenu::showShortcuts()
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QString what = action->text();
        what.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        const QPair<QString, QString> row{what, keys};
        if (!rows.contains(row))
            rows << row;
    }
    auto *table = new QTableWidget(int(rows.size()), 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    return makeDialog(tr("Keyboard Shortcuts"), table);
}

} // namespace procdeck::app
