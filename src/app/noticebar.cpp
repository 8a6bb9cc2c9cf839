#include "noticebar.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace procdeck::app {

NoticeBar::NoticeBar(Kind kind, QWidget *parent) : QFrame(parent)
{
    setObjectName(kind == Kind::Error ? QStringLiteral("errorNotice")
                                      : QStringLiteral("warningNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Tinted from the palette's own text colour so that it reads on light and dark themes alike.
    QPalette p = palette();
    p.setColor(QPalette::Window, Theme::noticeTint(kind == Kind::Error, palette()));
    p.setColor(QPalette::WindowText, Theme::noticeText(palette()));
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
