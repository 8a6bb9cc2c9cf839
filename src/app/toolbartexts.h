#pragma once

#include <QObject>

class QToolBar;
class QWidget;

namespace procdeck::app {

/// A toolbar's button texts: its actions' names without their menu mnemonics ("새 작업(&N)"
/// shows as "새 작업"), beside the icons while the window is wide enough for all of them, and
/// icons only when the texts would push actions into the overflow menu (the names stay in the
/// tooltips).
class ToolBarTexts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolBarTexts)

public:
    /// Call once the toolbar has all its actions; follows `window`'s width from then on.
    ToolBarTexts(QToolBar *toolBar, QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit(int windowWidth);

    QToolBar *const m_toolBar;
    int m_fullWidth = 0; ///< the toolbar's width with its texts beside the icons
};

} // namespace procdeck::app
