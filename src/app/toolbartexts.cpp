#include "toolbartexts.h"

#include <QAction>
#include <QEvent>
#include <QRegularExpression>
#include <QToolBar>

namespace procdeck::app {

ToolBarTexts::ToolBarTexts(QToolBar *toolBar, QWidget *window) : QObject(window), m_toolBar(toolBar)
{
    // Toolbar buttons have no mnemonics: a menu's "(&N)" would show as a stray "(N)".
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)|&(?=.)"));
    for (QAction *action : m_toolBar->actions()) {
        QString text = action->text();
        text.remove(mnemonic);
        text.remove(QStringLiteral("…"));
        text.remove(QStringLiteral("..."));
        action->setIconText(text.trimmed());
    }
    m_fullWidth = m_toolBar->sizeHint().width();
    window->installEventFilter(this);
    fit(window->width());
}

bool ToolBarTexts::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        fit(static_cast<QWidget *>(watched)->width());
    return QObject::eventFilter(watched, event);
}

void ToolBarTexts::fit(int windowWidth)
{
    const bool roomForTexts = m_fullWidth + 16 <= windowWidth;
    m_toolBar->setToolButtonStyle(roomForTexts ? Qt::ToolButtonTextBesideIcon
                                               : Qt::ToolButtonIconOnly);
}

} // namespace procdeck::app
