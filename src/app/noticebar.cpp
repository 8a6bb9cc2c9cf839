#include "noticebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace procdeck::app {

NoticeBar::NoticeBar(Kind kind, QWidget *parent) : QFrame(parent)
{
    setObjectName(kind == Kind::Error ? QStringLiteral("errorNotice") : QStringLiteral("warningNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Tinted from the palette's own text colour so that it reads on light and dark themes alike.
    QPalette p = palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    const QColor tint = kind == Kind::Error ? QColor(dark ? "#5c1f1f" : "#fde2e1") : QColor(dark ? "#4d3b12" : "#fff3cd");
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::WindowText, dark ? QColor("#f5f5f5") : QColor("#212121"));
    setPalette(p);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);
    hide();
}

void NoticeBar::showText(const QString &text)
{
    m_label->setText(text);
    show();
}

QString NoticeBar::text() const
{
    return m_label->text();
}

QPushButton *NoticeBar::setButton(const QString &text)
{
    if (!m_button) {
        m_button = new QPushButton(this);
        layout()->addWidget(m_button);
    }
    m_button->setText(text);
    m_button->setVisible(!text.isEmpty());
    return m_button;
}

} // namespace procdeck::app
