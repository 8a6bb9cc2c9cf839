#include "timelineview.h"
#include "theme.h"

#include "core/job.h"
#include "core/jobtablemodel.h"
#include "core/scheduler.h"
#include "endreason.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace procdeck::app {

namespace {
constexpr int kMargin = 10;
constexpr int kAxisHeight = 18;
constexpr int kStripHeight = 46;
constexpr int kLabelWidth = 44;
constexpr double kMaxRowHeight = 22;
/// Below this a row is not worth drawing alone: jobs that did not overlap share rows instead.
constexpr double kMinRowHeight = 9;
} // namespace

TimelineView::TimelineView(const Scheduler *scheduler, QWidget *parent) : QWidget(parent), m_scheduler(scheduler)
{
    setMouseTracking(true);
    setMinimumHeight(140);
}

void TimelineView::setBatch(int batchId)
{
    m_batchId = batchId;
    update();
}

void TimelineView::setSelectedSeq(int seq)
{
    if (seq == m_selectedSeq)
        return;
    m_selectedSeq = seq;
    update();
}

int TimelineView::rowsThatFit() const
{
    return qMax(1, int(plotArea().height() / kMinRowHeight));
}

int TimelineView::rowCount() const
{
    int rows = 0;
    bars(&rows);
    return rows;
}

QList<TimelineView::Bar> TimelineView::bars(int *rows) const
{
    QList<Bar> out;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < m_scheduler->count(); ++i) {
        const Job *job = m_scheduler->jobAt(i);
        if ((m_batchId > 0 && job->batchId() != m_batchId) || !job->startedAt().isValid())
            continue;
        Bar b;
        b.seq = job->seq();
        b.startMs = job->startedAt().toMSecsSinceEpoch();
        b.running = isAlive(job->state());
        b.endMs = job->finishedAt().isValid() ? job->finishedAt().toMSecsSinceEpoch() : now;
        b.state = int(job->state());
        b.timedOut = job->timedOut();
        b.label = job->displayName();
        b.row = int(out.size());
        b.firstSeq = job->firstSeq();
        b.prerequisites = job->prerequisites();
        out << b;
    }
    int count = int(out.size());
    if (count > rowsThatFit()) {
        // Too many for a row each: a job takes the first row free when it started (job slots).
        QList<qint64> rowEnds;
        QList<Bar *> byStart;
        for (Bar &b : out)
            byStart << &b;
        std::stable_sort(byStart.begin(), byStart.end(), [](const Bar *a, const Bar *b) { return a->startMs < b->startMs; });
        for (Bar *b : byStart) {
            qsizetype row = 0;
            while (row < rowEnds.size() && rowEnds[row] > b->startMs)
                ++row;
            if (row == rowEnds.size())
                rowEnds << b->endMs;
            else
                rowEnds[row] = b->endMs;
            b->row = int(row);
        }
        count = int(rowEnds.size());
    }
    if (rows)
        *rows = count;
    return out;
}

QPair<qint64, qint64> TimelineView::span() const
{
    const QList<Bar> all = bars();
    if (all.isEmpty())
        return {0, 0};
    qint64 first = all.first().startMs;
    qint64 last = all.first().endMs;
    for (const Bar &b : all) {
        first = qMin(first, b.startMs);
        last = qMax(last, b.endMs);
    }
    return {first, qMax(last, first + 1)};
}

QList<int> TimelineView::shownSeqs() const
{
    QList<int> seqs;
    for (const Bar &b : bars())
        seqs << b.seq;
    return seqs;
}

QRectF TimelineView::plotArea() const
{
    return QRectF(kMargin + kLabelWidth, kMargin, width() - 2 * kMargin - kLabelWidth,
                  height() - 2 * kMargin - kAxisHeight - kStripHeight - 6);
}

QRectF TimelineView::barRect(int seq) const
{
    int rows = 0;
    const QList<Bar> all = bars(&rows);
    const auto [first, last] = span();
    const QRectF plot = plotArea();
    const double rowHeight = rows == 0 ? 0 : qMin(kMaxRowHeight, plot.height() / double(rows));
    const double msWidth = plot.width() / double(last - first);
    for (const Bar &b : all) {
        if (b.seq != seq)
            continue;
        const double x = plot.left() + double(b.startMs - first) * msWidth;
        // A pixel between neighbours in a row, so that a job ending as the next starts is two bars.
        const double w = qMax(2.0, double(b.endMs - b.startMs) * msWidth - (rows < int(all.size()) ? 1.0 : 0.0));
        const double gap = rowHeight >= 6 ? 2 : 1;
        return QRectF(x, plot.top() + rowHeight * double(b.row) + gap / 2, w, qMax(1.0, rowHeight - gap));
    }
    return {};
}

int TimelineView::seqAt(const QPointF &pos) const
{
    for (const int seq : shownSeqs())
        if (barRect(seq).adjusted(0, -1, 0, 1).contains(pos))
            return seq;
    return 0;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QList<Bar> all = bars();
    if (all.isEmpty()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("Run a batch to see its jobs over time."));
        return;
    }
    const auto [first, last] = span();
    const QRectF plot = plotArea();
    const double msWidth = plot.width() / double(last - first);

    // Time grid: a line every "nice" number of seconds.
    const double spanS = double(last - first) / 1000.0;
    double stepS = 0.1;
    for (double nice : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, 1800.0, 3600.0})
        if (spanS / nice <= 10) { stepS = nice; break; }
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlphaF(0.5);
    const QRectF axis(plot.left(), plot.bottom() + kStripHeight + 6, plot.width(), kAxisHeight);
    for (double t = 0; t <= spanS + 1e-9; t += stepS) {
        const double x = plot.left() + t * 1000.0 * msWidth;
        p.setPen(grid);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + kStripHeight + 4));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(x - 30, axis.top(), 60, kAxisHeight), Qt::AlignCenter,
                   stepS < 1 ? QStringLiteral("%1 s").arg(t, 0, 'f', 1) : QStringLiteral("%1 s").arg(t, 0, 'f', 0));
    }

    // One bar per job; its number on the left when it has a row of its own, else inside the bar
    // where it fits. Never text on text.
    int rows = 0;
    bars(&rows);
    const bool rowEach = rows == int(all.size());
    const QFontMetrics fm(font());
    QRectF selected;
    for (const Bar &b : all) {
        const QRectF r = barRect(b.seq);
        const QColor color = Theme::stateColor(JobState(b.state), b.timedOut, palette());
        QColor fill = b.seq == m_selectedSeq ? palette().color(QPalette::Highlight) : color;
        fill.setAlphaF(b.running ? 0.45 : (b.seq == m_selectedSeq ? 1.0 : 0.8));
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(r, qMin(3.0, r.height() / 3), qMin(3.0, r.height() / 3));
        if (b.seq == m_selectedSeq)
            selected = r;
        const QString number = QStringLiteral("#%1").arg(b.seq);
        if (r.height() + 4 < fm.height())
            continue;
        if (rowEach) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRectF(kMargin, r.top(), kLabelWidth - 6, r.height()), Qt::AlignRight | Qt::AlignVCenter, number);
        } else if (r.width() > fm.horizontalAdvance(number) + 6) {
            p.setPen(fill.lightness() > 150 ? Qt::black : Qt::white);
            p.drawText(r.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, number);
        }
    }
    paintEdges(p);
    if (!selected.isNull()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRoundedRect(selected.adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
    }

    // How many ran at once, against the limit.
    const QRectF strip(plot.left(), plot.bottom() + 4, plot.width(), kStripHeight - 4);
    const int limit = m_scheduler->maxParallel();
    QList<QPair<qint64, int>> events;
    for (const Bar &b : all)
        events << qMakePair(b.startMs, 1) << qMakePair(b.endMs, -1);
    std::sort(events.begin(), events.end());
    int most = 0;
    int running = 0;
    for (const auto &e : events)
        most = qMax(most, running += e.second);
    const int top = qMax(limit, most);
    QPolygonF curve;
    running = 0;
    curve << QPointF(strip.left(), strip.bottom());
    for (const auto &e : events) {
        const double x = strip.left() + double(e.first - first) * msWidth;
        curve << QPointF(x, strip.bottom() - strip.height() * running / top);
        running += e.second;
        curve << QPointF(x, strip.bottom() - strip.height() * running / top);
    }
    QColor area = palette().color(QPalette::Highlight);
    area.setAlphaF(0.35);
    p.setPen(QPen(palette().color(QPalette::Highlight), 1.2));
    p.setBrush(area);
    p.drawPolygon(curve);
    const double limitY = strip.bottom() - strip.height() * limit / top;
    p.setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
    p.drawLine(QPointF(strip.left(), limitY), QPointF(strip.right(), limitY));
    p.drawText(QRectF(kMargin, strip.top(), kLabelWidth - 6, strip.height()), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("≤%1").arg(limit));
}

QList<QPair<int, int>> TimelineView::edges() const
{
    const QList<Bar> all = bars();
    QHash<int, int> lastTry; // first number → the number of its latest try shown
    for (const Bar &b : all)
        lastTry[b.firstSeq] = qMax(lastTry.value(b.firstSeq), b.seq);
    QList<QPair<int, int>> out;
    for (const Bar &b : all) {
        if (b.seq != b.firstSeq)
            continue; // a retry's wait was its first try's
        for (const int prerequisite : b.prerequisites)
            if (lastTry.contains(prerequisite)) // else not started (skipped, cancelled), or another batch's
                out.append({lastTry.value(prerequisite), b.seq});
    }
    return out;
}

void TimelineView::paintEdges(QPainter &p) const
{
    QColor edge = palette().color(QPalette::WindowText);
    edge.setAlphaF(0.6);
    p.setPen(QPen(edge, 1.2));
    for (const auto &[fromSeq, toSeq] : edges()) {
        const QRectF before = barRect(fromSeq);
        const QRectF after = barRect(toSeq);
        const QPointF from(before.right(), before.center().y());
        const QPointF end(after.left(), after.center().y());
        QPainterPath path(from);
        const double bend = qMax(12.0, (end.x() - from.x()) / 2);
        path.cubicTo(from + QPointF(bend, 0), end - QPointF(bend, 0), end);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(edge); // the arrowhead, at the job that waited
        p.drawPolygon(QPolygonF{end, end + QPointF(-6, -3.5), end + QPointF(-6, 3.5)});
    }
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (const int seq = seqAt(event->position()))
        emit jobClicked(seq);
    QWidget::mousePressEvent(event);
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int seq = seqAt(help->pos());
        const Job *job = seq ? m_scheduler->jobBySeq(seq) : nullptr;
        if (!job) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QString tip = tr("#%1 %2\n%3 · %4").arg(job->seq()).arg(job->displayName(),
                          JobTableModel::stateText(job->state(), job->timedOut()),
                          JobTableModel::formatElapsed(job->elapsedMs(), isAlive(job->state())));
        const QString why = EndReason::summary(*job);
        if (!why.isEmpty())
            tip += QLatin1Char('\n') + why;
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace procdeck::app
