#pragma once

#include <QToolButton>

namespace procdeck::app {

/// A text tool button that opens its menu at once (InstantPopup) and leaves room for the arrow
/// the style draws in its corner: QToolButton's own size hint does not, so the arrow covered
/// the text's last letters ("Open complete output").
class MenuToolButton final : public QToolButton
{
public:
    explicit MenuToolButton(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
};

} // namespace procdeck::app
