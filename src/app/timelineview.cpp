#include "timelineview.h"

#include "core/job.h"
#include "core/jobtablemodel.h"
#include "core/scheduler.h"
#include "jobitemdelegate.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

using namespace procdeck;

namespace {
constexpr int kMargin = 10;
constexpr int kAxisHeight = 18;
constexpr int kStripHeight = 46;
constexpr int kLabelWidth = 44;
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

QList<TimelineView::Bar> TimelineView::bars() const
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
        b.running = job->state() == JobState::Running;
        b.endMs = job->finishedAt().isValid() ? job->finishedAt().toMSecsSinceEpoch() : now;
        b.state = int(job->state());
        b.timedOut = job->timedOut();
        b.label = job->displayName();
        out << b;
    }
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
    const QList<Bar> all = bars();
    const auto [first, last] = span();
    const QRectF plot = plotArea();
    const double rowHeight = all.isEmpty() ? 0 : qMin(22.0, plot.height() / double(all.size()));
    const double msWidth = plot.width() / double(last - first);
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all[i].seq != seq)
            continue;
        const double x = plot.left() + double(all[i].startMs - first) * msWidth;
        const double w = qMax(2.0, double(all[i].endMs - all[i].startMs) * msWidth);
        return QRectF(x, plot.top() + rowHeight * double(i) + 1, w, qMax(2.0, rowHeight - 2));
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

    // One bar per job.
    for (const Bar &b : all) {
        const QRectF r = barRect(b.seq);
        const QColor color = JobItemDelegate::stateColor(JobState(b.state), b.timedOut, palette());
        QColor fill = color;
        fill.setAlphaF(b.running ? 0.45 : 0.8);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(r, 3, 3);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(kMargin, r.top(), kLabelWidth - 6, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("#%1").arg(b.seq));
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
        QToolTip::showText(help->globalPos(),
                           tr("#%1 %2\n%3 · %4").arg(job->seq()).arg(job->displayName(),
                               JobTableModel::stateText(job->state(), job->timedOut()),
                               JobTableModel::formatElapsed(job->elapsedMs(), job->state() == JobState::Running)),
                           this);
        return true;
    }
    return QWidget::event(event);
}
