#include "jobtitlelabel.h"

#include "formhelpers.h"

#include <QResizeEvent>

namespace procdeck::app {

namespace {
/// `text` whole when it fits in `room`, else elided: a text's width in whole pixels may be
/// rounded below its own, and eliding to it cut "#5  sleep 0.5" to "#5  sleep 0…".
QString elidedToFit(const QFontMetrics &metrics, const QString &text, int room)
{
    return metrics.horizontalAdvance(text) <= room
        ? text
        : metrics.elidedText(text, Qt::ElideRight, room);
}
} // namespace

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
    const QString title = elidedToFit(boldMetrics, m_title, qMax(room * 3 / 5, room - reasonNeeds));
    const QString reason =
        elidedToFit(metrics, m_reason, qMax(0, room - boldMetrics.horizontalAdvance(title) - gap));
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
