// The timeline's parts drawn from their places alone: the arrows of the waits, the strip of
// how many jobs ran at once.
#include "timelineview.h"

#include <QPainter>
#include <QPainterPath>

namespace procdeck::app::timelinedrawing {

void arrows(QPainter &p, const QColor &colour, const QList<QPair<QRectF, QRectF>> &bars)
{
    p.setPen(QPen(colour, 1.2));
    for (const auto &[before, after] : bars) {
        const QPointF from(before.right(), before.center().y());
        const QPointF end(after.left(), after.center().y());
        QPainterPath path(from);
        const double bend = qMax(12.0, (end.x() - from.x()) / 2);
        path.cubicTo(from + QPointF(bend, 0), end - QPointF(bend, 0), end);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(colour); // the arrowhead, at the job that waited
        p.drawPolygon(QPolygonF{end, end + QPointF(-6, -3.5), end + QPointF(-6, 3.5)});
    }
}

void runningStrip(QPainter &p, const QPalette &palette, const StripPlace &place,
                  const QList<QPair<qint64, int>> &steps, int limit)
{
    const QRectF &strip = place.strip;
    int most = 0;
    for (const auto &step : steps)
        most = qMax(most, step.second);
    const int top = qMax(limit, most);
    QPolygonF curve;
    int running = 0;
    curve << QPointF(strip.left(), strip.bottom());
    for (const auto &[ms, now] : steps) {
        const double x = strip.left() + double(ms - place.firstMs) * place.msWidth;
        curve << QPointF(x, strip.bottom() - strip.height() * running / top);
        running = now;
        curve << QPointF(x, strip.bottom() - strip.height() * running / top);
    }
    QColor area = palette.color(QPalette::Highlight);
    area.setAlphaF(0.35);
    p.setPen(QPen(palette.color(QPalette::Highlight), 1.2));
    p.setBrush(area);
    p.drawPolygon(curve);
    const double limitY = strip.bottom() - strip.height() * limit / top;
    p.setPen(QPen(palette.color(QPalette::WindowText), 1, Qt::DashLine));
    p.drawLine(QPointF(strip.left(), limitY), QPointF(strip.right(), limitY));
    p.drawText(place.label, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("≤%1").arg(limit));
}

} // namespace procdeck::app::timelinedrawing
