#include "jobtitlelabel.h"

#include "formhelpers.h"

#include <QResizeEvent>

namespace procdeck::app {

JobTitleLabel::JobTitleLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("jobTitle"));
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void JobTitleLabel::setTitle(const QString &title, const QString &commandLine)
{
    m_title = title;
    m_commandLine = commandLine;
    elide();
}

void JobTitleLabel::setReason(const QString &reason, const QColor &color)
{
    m_reason = reason;
    m_reasonColor = color;
    elide();
}

void JobTitleLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void JobTitleLabel::elide()
{
    const int room = qMax(0, width() - 4);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(font());
    const int gap = metrics.horizontalAdvance(QStringLiteral("   "));
    const int reasonNeeds = metrics.horizontalAdvance(m_reason) + gap;
    const int titleWidth = qMin(boldMetrics.horizontalAdvance(m_title),
                                qMax(room * 3 / 5, room - reasonNeeds));
    const QString title = boldMetrics.elidedText(m_title, Qt::ElideRight, titleWidth);
    const QString reason = metrics.elidedText(
            m_reason, Qt::ElideRight, qMax(0, room - boldMetrics.horizontalAdvance(title) - gap));
    QString html = QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped());
    if (!reason.isEmpty())
        html += QStringLiteral("&nbsp;&nbsp;&nbsp;<span style=\"color:%1\">%2</span>")
                        .arg(m_reasonColor.name(), reason.toHtmlEscaped());
    setText(html);
    QStringList tip{m_commandLine};
    if (!m_reason.isEmpty())
        tip << m_reason;
    setToolTip(formhelpers::wrappingToolTip(tip));
}

} // namespace procdeck::app
