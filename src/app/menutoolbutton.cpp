#include "menutoolbutton.h"

#include <QMenu>
#include <QStyle>
#include <QStyleOptionToolButton>

namespace procdeck::app {

MenuToolButton::MenuToolButton(QWidget *parent) : QToolButton(parent)
{
    setPopupMode(QToolButton::InstantPopup);
    setMenu(new QMenu(this));
}

QSize MenuToolButton::sizeHint() const
{
    QStyleOptionToolButton option;
    initStyleOption(&option);
    // The style draws the arrow inside the button's right edge, over whatever is there.
    const int arrow = style()->pixelMetric(QStyle::PM_MenuButtonIndicator, &option, this);
    return QToolButton::sizeHint() + QSize(arrow, 0);
}

} // namespace procdeck::app
