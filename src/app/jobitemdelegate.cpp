#include "jobitemdelegate.h"
#include "theme.h"

#include "core/process/job.h"
#include "core/models/jobidle.h"
#include "core/models/jobtablemodel.h"
#include "core/process/endreason.h"
#include "formhelpers.h"

#include <QAbstractItemView>
#include <algorithm>
#include <QApplication>
#include <QHelpEvent>
#include <QToolTip>
#include <QPainter>
#include <QPainterPath>

namespace procdeck::app {

using procdeck::Job;
using procdeck::JobState;
using procdeck::JobTableModel;

namespace {
constexpr int kIconSize = 14;
constexpr int kPadding = 6;
/// Narrower than this beside its figure, a sparkline says nothing and is left out.
constexpr int kMinSparklineWidth = 16;

/// A spinner: a faint full ring and a bright quarter arc that turns with the frame; a dot in
/// it when the job has timed out and still runs.
void paintSpinner(QPainter *p, const QRectF &box, const QColor &color, int startAngle,
                  bool timedOut)
{
    QColor faint = color;
    faint.setAlphaF(0.25);
    p->setPen(QPen(faint, 2.0));
    p->drawEllipse(box);
    p->setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap));
    p->drawArc(box, startAngle, 100 * 16);
    if (timedOut) {
        p->setBrush(color);
        p->setPen(Qt::NoPen);
        p->drawEllipse(box.center(), 1.6, 1.6);
    }
}

/// An idle job (running, no CPU nor I/O for a while): the spinner's ring standing still, a
/// crescent moon in it.
void paintIdle(QPainter *p, const QRectF &box, const QColor &color)
{
    QColor faint = color;
    faint.setAlphaF(0.35);
    p->setPen(QPen(faint, 2.0));
    p->drawEllipse(box);
    const double r = box.width() * 0.3;
    const QPointF c = box.center();
    QPainterPath moon;
    moon.addEllipse(c, r, r);
    QPainterPath bite;
    bite.addEllipse(c + QPointF(r * 0.6, -r * 0.45), r * 0.85, r * 0.85);
    p->setPen(Qt::NoPen);
    p->setBrush(color);
    p->drawPath(moon.subtracted(bite));
}

void paintPauseSign(QPainter *p, const QRectF &box)
{
    const QPointF c = box.center();
    const double w = box.width();
    p->drawEllipse(box);
    p->drawLine(QPointF(c.x() - w * 0.14, c.y() - w * 0.22),
                QPointF(c.x() - w * 0.14, c.y() + w * 0.22));
    p->drawLine(QPointF(c.x() + w * 0.14, c.y() - w * 0.22),
                QPointF(c.x() + w * 0.14, c.y() + w * 0.22));
}

/// A white tick on a disc.
void paintTick(QPainter *p, const QRectF &box, const QColor &color)
{
    const QPointF c = box.center();
    const double w = box.width();
    p->setBrush(color);
    p->setPen(Qt::NoPen);
    p->drawEllipse(box);
    QPainterPath tick;
    tick.moveTo(c.x() - w * 0.25, c.y());
    tick.lineTo(c.x() - w * 0.05, c.y() + w * 0.2);
    tick.lineTo(c.x() + w * 0.27, c.y() - w * 0.2);
    p->setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    p->drawPath(tick);
}

/// A white cross on a disc (failed), or an exclamation mark (it could not start).
void paintFailure(QPainter *p, const QRectF &box, const QColor &color, bool cross)
{
    const QPointF c = box.center();
    const double w = box.width();
    p->setBrush(color);
    p->setPen(Qt::NoPen);
    p->drawEllipse(box);
    p->setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
    if (cross) {
        const double d = w * 0.2;
        p->drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d));
        p->drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d));
    } else {
        p->drawLine(QPointF(c.x(), c.y() - w * 0.25), QPointF(c.x(), c.y() + w * 0.05));
        p->drawPoint(QPointF(c.x(), c.y() + w * 0.25));
    }
}

/// A lightning bolt (crashed).
void paintBolt(QPainter *p, const QRectF &box, const QColor &color)
{
    const QPointF c = box.center();
    const double w = box.width();
    QPainterPath bolt;
    bolt.moveTo(c.x() + w * 0.1, box.top());
    bolt.lineTo(c.x() - w * 0.3, c.y() + w * 0.05);
    bolt.lineTo(c.x(), c.y() + w * 0.05);
    bolt.lineTo(c.x() - w * 0.1, box.bottom());
    bolt.lineTo(c.x() + w * 0.3, c.y() - w * 0.05);
    bolt.lineTo(c.x(), c.y() - w * 0.05);
    bolt.closeSubpath();
    p->setBrush(color);
    p->setPen(Qt::NoPen);
    p->drawPath(bolt);
}

} // namespace

JobItemDelegate::JobItemDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void JobItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    if (index.column() == JobTableModel::StateColumn) {
        paintState(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (index.column() == JobTableModel::ExitColumn && !(opt.state & QStyle::State_Selected)) {
        const QString text = opt.text;
        if (!text.isEmpty() && text != QLatin1String("0"))
            opt.palette.setColor(QPalette::Text,
                                 Theme::stateColor(JobState::Failed, false, opt.palette));
    }
    if (index.column() == JobTableModel::SeqColumn || index.column() == JobTableModel::PidColumn)
        opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::Disabled, QPalette::Text));
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const auto state = JobState(index.data(JobTableModel::StateRole).toInt());
    if (index.column() == JobTableModel::OutputColumn
        && (state == JobState::Cancelled || state == JobState::Queued))
        opt.text.clear(); // it never ran: "0 bytes" would suggest it printed nothing
    if (index.column() == JobTableModel::CpuColumn || index.column() == JobTableModel::RssColumn) {
        // The sparkline takes the part of the cell left of the (right-aligned) figure, never
        // the figure's own place.
        QStyleOptionViewItem background = opt;
        background.text.clear();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
        const int textWidth = opt.text.isEmpty()
                ? 0
                : opt.fontMetrics.horizontalAdvance(opt.text) + 2 * kPadding;
        paintSparkline(painter, QRectF(opt.rect).adjusted(3, 5, -textWidth, -5), index,
                       opt.palette);
        opt.backgroundBrush = Qt::NoBrush;
        opt.state &= ~QStyle::State_Selected;
        if (option.state & QStyle::State_Selected)
            opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::HighlightedText));
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void JobItemDelegate::paintState(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection

    const auto state = JobState(index.data(JobTableModel::StateRole).toInt());
    const bool timedOut = index.data(JobTableModel::TimedOutRole).toBool();
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor color = Theme::stateColor(state, timedOut, opt.palette);
    const QColor textColor = selected ? opt.palette.color(QPalette::HighlightedText) : color;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = opt.rect.adjusted(kPadding, 0, -kPadding, 0);
    const QRectF icon(r.left(), r.center().y() - kIconSize / 2.0 + 0.5, kIconSize, kIconSize);

    if (selected) { // a light disc behind the icon keeps its colour readable on the highlight
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.color(QPalette::Base));
        painter->drawEllipse(icon.adjusted(-1.5, -1.5, 1.5, 1.5));
    }
    const qint64 idleMs = index.data(JobTableModel::IdleRole).toLongLong();
    if (state == JobState::Running && idleMs > 0)
        paintIdle(painter, icon.adjusted(1, 1, -1, -1), color);
    else
        paintStateIcon(painter, icon, state, timedOut, color, m_frame);

    QString label = text;
    if (state == JobState::Running && idleMs > 0)
        label = procdeck::jobidle::text(idleMs);
    else if (state == JobState::Running && !timedOut)
        label = index.data(JobTableModel::PendingOnClusterRole).toBool()
                ? text // the cluster's, or the engine's queue (JobTableModel::pendingText())
                : JobTableModel::workingText();
    QFont font = opt.font;
    if (state == JobState::Running)
        font.setItalic(true);
    painter->setFont(font);
    painter->setPen(textColor);
    const QRect textRect = r.adjusted(kIconSize + kPadding, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(label, Qt::ElideRight, textRect.width()));
    painter->restore();
}

void JobItemDelegate::paintStateIcon(QPainter *p, const QRectF &rect, JobState state, bool timedOut,
                                     const QColor &color, int frame)
{
    const QRectF box = rect.adjusted(1, 1, -1, -1);
    QPen pen(color, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    switch (state) {
    case JobState::Running:
        paintSpinner(p, box, color, -frame * (360 / kFrames) * 16, timedOut);
        break;
    case JobState::Paused: // the pause sign: two bars in a ring
        paintPauseSign(p, box);
        break;
    case JobState::Skipped: // passed over: a dotted ring, struck through
    case JobState::Queued:
    case JobState::Cancelled:
        pen.setStyle(state == JobState::Cancelled ? Qt::SolidLine : Qt::DotLine);
        p->setPen(pen);
        p->drawEllipse(box);
        if (state != JobState::Queued)
            p->drawLine(QPointF(box.left() + 2, box.bottom() - 2),
                        QPointF(box.right() - 2, box.top() + 2));
        break;
    case JobState::Finished:
        paintTick(p, box, color);
        break;
    case JobState::Failed:
    case JobState::FailedToStart:
        paintFailure(p, box, color, state == JobState::Failed);
        break;
    case JobState::TimedOut: // a clock's hands
        p->drawEllipse(box);
        p->drawLine(box.center(), QPointF(box.center().x(), box.top() + 3));
        p->drawLine(box.center(), QPointF(box.right() - 3, box.center().y()));
        break;
    case JobState::Killed:
        p->setBrush(color);
        p->setPen(Qt::NoPen);
        p->drawRoundedRect(box.adjusted(1.5, 1.5, -1.5, -1.5), 2, 2);
        break;
    case JobState::Crashed:
        paintBolt(p, box, color);
        break;
    }
}

void JobItemDelegate::paintSparkline(QPainter *painter, const QRectF &area,
                                     const QModelIndex &index, const QPalette &palette)
{
    if (area.width() < kMinSparklineWidth
        || JobState(index.data(JobTableModel::StateRole).toInt()) != JobState::Running)
        return;
    const bool cpu = index.column() == JobTableModel::CpuColumn;
    QList<double> values;
    if (cpu) {
        for (float v : index.data(JobTableModel::CpuHistoryRole).value<QList<float>>())
            values << double(v);
    } else {
        for (qint64 v : index.data(JobTableModel::RssHistoryRole).value<QList<qint64>>())
            values << double(v);
    }
    constexpr int kPoints = 30;
    values = values.mid(qMax<qsizetype>(0, values.size() - kPoints));
    if (values.size() < 2)
        return;
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    // CPU from 0 (idle is worth seeing); memory around its own range (its changes are what
    // matter). A flat series draws nothing: a line at the cell's foot reads as an underline.
    const double bottom = cpu ? 0.0 : *low;
    const double top = cpu ? qMax(*high, 5.0) : *high;
    if (*high - *low < (cpu ? 0.5 : qMax(1.0, *high * 0.01)))
        return;
    const double step = area.width() / double(kPoints - 1);
    const double x0 = area.right() - step * double(values.size() - 1);
    QPolygonF line;
    for (qsizetype i = 0; i < values.size(); ++i)
        line << QPointF(x0 + step * double(i),
                        area.bottom() - area.height() * (values[i] - bottom) / (top - bottom));
    QColor color = cpu ? Theme::cpuSeries(palette) : Theme::memorySeries(palette);
    color.setAlphaF(0.7);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1.3));
    painter->drawPolyline(line);
    painter->restore();
}

QString JobItemDelegate::stateToolTip(const QModelIndex &index)
{
    const auto *job = reinterpret_cast<const Job *>(
            index.data(JobTableModel::JobPointerRole).value<quintptr>());
    if (!job)
        return {};
    QStringList lines{JobTableModel::stateLine(*job)}; // the cell's words whole, however narrow
    const QString summary = EndReason::summary(*job);
    if (!summary.isEmpty())
        lines << summary;
    const QString idle = procdeck::jobidle::toolTip(*job);
    if (!idle.isEmpty())
        lines << idle;
    const QString details = EndReason::details(*job);
    if (!details.isEmpty())
        lines << tr("ProcDeck: %1").arg(details);
    return formhelpers::wrappingToolTip(lines);
}

bool JobItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && index.column() == JobTableModel::StateColumn) {
        QToolTip::showText(event->globalPos(), stateToolTip(index), view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QSize JobItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == JobTableModel::StateColumn)
        size.rwidth() += kIconSize + 2 * kPadding;
    size.setHeight(qMax(size.height(), kIconSize + 10));
    return size;
}

} // namespace procdeck::app
