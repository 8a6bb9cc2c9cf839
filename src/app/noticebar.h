#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace procdeck::app {

/// A strip across the top of the window that says something the person must know now, without
/// a dialog in the way: the quit countdown, a history that cannot be written. Hidden until told.
class NoticeBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticeBar)

public:
    enum class Kind { Warning, Error };

    explicit NoticeBar(Kind kind, QWidget *parent = nullptr);

    /// Shows the bar with this text (plain text; it wraps).
    void showText(const QString &text);
    QString text() const;
    /// A button at the bar's end (empty text: none). The bar keeps it.
    QPushButton *setButton(const QString &text);
    QPushButton *button() const { return m_button; }

private:
    QLabel *m_label = nullptr;
    QPushButton *m_button = nullptr;
};

} // namespace procdeck::app
