#include "timelineview.h"
#include "theme.h"

#include "core/process/job.h"
#include "core/models/jobtablemodel.h"
#include "core/scheduling/scheduler.h"
#include "core/process/endreason.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>

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

TimelineView::TimelineView(const Scheduler *scheduler, QWidget *parent)
    : QWidget(parent), m_scheduler(scheduler), m_scroll(new QScrollBar(Qt::Horizontal, this))
{
    setMouseTracking(true);
    setMinimumHeight(140);
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    connect(scheduler, &Scheduler::jobStarted, this, &TimelineView::onStarted);
    connect(scheduler, &Scheduler::jobEnded, this, &TimelineView::onEnded);
    connect(scheduler, &Scheduler::jobStateChanged, this, [this](Job *job) {
        // Back in the queue after it started (its exec fell short of resources): its bar goes.
        m_stale = m_stale || (job->state() == JobState::Queued && m_index.indexOf(job->seq()) >= 0);
    });
    connect(scheduler, &Scheduler::jobsRemoved, this, [this] { m_stale = true; });
    connect(scheduler, &Scheduler::jobsInserted, this, [this](int first, int last) {
        // Rows made ended (an engine's jobs that ended before the window heard): their bars.
        for (int i = first; i <= last && !m_stale; ++i)
            m_stale = isTerminal(m_scheduler->jobAt(i)->state());
    });
}

void TimelineView::setBatch(int batchId)
{
    m_batchId = batchId;
    m_stale = true;
    update();
}

void TimelineView::setSelectedSeq(int seq)
{
    if (seq == m_selectedSeq)
        return;
    m_selectedSeq = seq;
    update();
}

void TimelineView::setMaxBarsInView(int bars)
{
    m_maxBarsInView = qMax(1, bars);
    updateScrollBar();
    update();
}

void TimelineView::onStarted(Job *job)
{
    if (m_stale || (m_batchId > 0 && job->batchId() != m_batchId) || !job->startedAt().isValid())
        return;
    if (m_index.indexOf(job->seq()) >= 0) {
        m_stale = true; // started again after a requeue
        return;
    }
    m_index.started(job->seq(), job->startedAt().toMSecsSinceEpoch(), job->slot());
    updateScrollBar();
}

void TimelineView::onEnded(Job *job)
{
    if (!m_stale && job->finishedAt().isValid())
        m_index.ended(job->seq(), job->finishedAt().toMSecsSinceEpoch());
}

void TimelineView::rebuild() const
{
    if (!m_stale)
        return;
    m_stale = false;
    std::vector<TimelineIndex::Bar> runs;
    for (int i = 0; i < m_scheduler->count(); ++i) {
        const Job *job = m_scheduler->jobAt(i);
        if ((m_batchId <= 0 || job->batchId() == m_batchId) && job->startedAt().isValid())
            runs.push_back({job->seq(), job->startedAt().toMSecsSinceEpoch(),
                            TimelineIndex::endMs(job->finishedAt()), job->slot()});
    }
    m_index.replay(runs, m_batchId > 0); // a batch's jobs in their slots; all jobs', as they fit
    updateScrollBar();
}

void TimelineView::updateScrollBar() const
{
    const int over = m_index.size() - m_maxBarsInView;
    const bool following = m_scroll->isHidden() || m_scroll->value() == m_scroll->maximum();
    m_scroll->setRange(0, qMax(0, over));
    m_scroll->setPageStep(m_maxBarsInView);
    if (following)
        m_scroll->setValue(m_scroll->maximum()); // the tail, as more jobs start
    if (m_scroll->isHidden() == (over > 0)) {
        m_scroll->setVisible(over > 0);
        placeScrollBar();
    }
}

void TimelineView::resizeEvent(QResizeEvent *)
{
    placeScrollBar();
}

void TimelineView::placeScrollBar() const
{
    const int h = m_scroll->sizeHint().height();
    m_scroll->setGeometry(kMargin + kLabelWidth, height() - h,
                          qMax(0, width() - 2 * kMargin - kLabelWidth), h);
}

int TimelineView::rowCount() const
{
    return view().rows;
}

TimelineView::View TimelineView::view() const
{
    rebuild();
    View v;
    v.nowMs = QDateTime::currentMSecsSinceEpoch();
    v.plot = plotArea();
    const int count = m_index.size();
    if (count == 0)
        return v;
    // The span in view: every job's, or that of maxBarsInView() starts from the scroll bar's.
    const int over = count - m_maxBarsInView;
    const int from = over > 0 ? qBound(0, m_scroll->value(), over) : 0;
    v.firstMs = m_index.at(from).startMs;
    v.lastMs = qMax(v.firstMs + 1,
                    from < over ? m_index.at(from + m_maxBarsInView).startMs
                                : m_index.lastEnd(v.nowMs));
    v.bars = m_index.overlapping(v.firstMs, v.lastMs, v.nowMs);
    // A row each when they fit (in the jobs' order), else jobs that did not overlap share rows.
    v.rowEach = count <= qMax(1, int(v.plot.height() / kMinRowHeight));
    v.rows = v.rowEach ? count : m_index.slotCount();
    if (v.rowEach) {
        QList<int> bySeq = v.bars;
        std::sort(bySeq.begin(), bySeq.end(),
                  [this](int a, int b) { return m_index.at(a).seq < m_index.at(b).seq; });
        for (int row = 0; row < bySeq.size(); ++row)
            v.rowOf.insert(bySeq[row], row);
    }
    v.msWidth = v.plot.width() / double(v.lastMs - v.firstMs);
    return v;
}

QPair<qint64, qint64> TimelineView::span() const
{
    const View v = view();
    return v.bars.isEmpty() ? qMakePair(qint64(0), qint64(0)) : qMakePair(v.firstMs, v.lastMs);
}

QList<int> TimelineView::shownSeqs() const
{
    QList<int> seqs;
    for (const int index : view().bars)
        seqs << m_index.at(index).seq;
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

QRectF TimelineView::plotArea() const
{
    const int scroll = m_scroll->isHidden() ? 0 : m_scroll->sizeHint().height();
    return QRectF(kMargin + kLabelWidth, kMargin, width() - 2 * kMargin - kLabelWidth,
                  height() - 2 * kMargin - kAxisHeight - kStripHeight - 6 - scroll);
}

QRectF TimelineView::barRect(const View &v, int index) const
{
    const TimelineIndex::Bar &b = m_index.at(index);
    const qint64 end = b.endMs < 0 ? v.nowMs : b.endMs;
    const double rowHeight
            = v.rows == 0 ? 0 : qMin(kMaxRowHeight, v.plot.height() / double(v.rows));
    const double x = v.plot.left() + double(b.startMs - v.firstMs) * v.msWidth;
    // A pixel between neighbours in a row, so that a job ending as the next starts is two bars.
    const double w = qMax(
            2.0, double(end - b.startMs) * v.msWidth - (v.rows < m_index.size() ? 1.0 : 0.0));
    const double gap = rowHeight >= 6 ? 2 : 1;
    const int row = v.rowEach ? v.rowOf.value(index) : b.slot;
    return QRectF(x, v.plot.top() + rowHeight * double(row) + gap / 2, w,
                  qMax(1.0, rowHeight - gap));
}

QRectF TimelineView::barRect(int seq) const
{
    const View v = view();
    const int index = m_index.indexOf(seq);
    return index < 0 ? QRectF() : barRect(v, index);
}

int TimelineView::seqAt(const QPointF &pos) const
{
    const View v = view();
    if (!v.plot.contains(pos))
        return 0;
    for (const int index : v.bars)
        if (barRect(v, index).adjusted(0, -1, 0, 1).contains(pos))
            return m_index.at(index).seq;
    return 0;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const View v = view();
    m_barsPainted = 0;
    if (v.bars.isEmpty()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("Run a batch to see its jobs over time."));
        return;
    }
    paintGrid(p, v);
    p.save();
    if (!v.rowEach) // (with a row each, every bar is in view)
        p.setClipRect(v.plot.adjusted(-2, -2, 2, 2)); // bars begun before the span in view
    const QRectF selected = paintBars(p, v);
    paintEdges(p, v);
    if (!selected.isNull()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRoundedRect(selected.adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
    }
    p.restore();
    paintStrip(p, v);
}

void TimelineView::paintGrid(QPainter &p, const View &v) const
{
    // Time grid: a line every "nice" number of seconds, counted from the first start of all.
    const QRectF &plot = v.plot;
    const qint64 origin = m_index.at(0).startMs;
    const double spanS = double(v.lastMs - v.firstMs) / 1000.0;
    double stepS = 0.1;
    for (double nice : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, 1800.0,
                        3600.0})
        if (spanS / nice <= 10) {
            stepS = nice;
            break;
        }
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlphaF(0.5);
    const QRectF axis(plot.left(), plot.bottom() + kStripHeight + 6, plot.width(), kAxisHeight);
    const double firstS = double(v.firstMs - origin) / 1000.0;
    for (double t = std::ceil(firstS / stepS - 1e-9) * stepS; t <= firstS + spanS + 1e-9;
         t += stepS) {
        const double x = plot.left() + (t - firstS) * 1000.0 * v.msWidth;
        p.setPen(grid);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + kStripHeight + 4));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(x - 30, axis.top(), 60, kAxisHeight), Qt::AlignCenter,
                   QStringLiteral("%1 s").arg(t, 0, 'f', stepS < 1 ? 1 : 0));
    }
}

QRectF TimelineView::paintBars(QPainter &p, const View &v)
{
    // One bar per job in view; its number on the left when it has a row of its own, else inside
    // the bar where it fits. Never text on text.
    const QFontMetrics fm(font());
    QRectF selected;
    for (const int index : v.bars) {
        const Job *job = m_scheduler->jobBySeq(m_index.at(index).seq);
        if (!job)
            continue;
        const QRectF r = barRect(v, index);
        ++m_barsPainted;
        const bool isSelected = job->seq() == m_selectedSeq;
        QColor fill = isSelected ? palette().color(QPalette::Highlight)
                                 : Theme::stateColor(job->state(), job->timedOut(), palette());
        fill.setAlphaF(isAlive(job->state()) ? 0.45 : (isSelected ? 1.0 : 0.8));
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(r, qMin(3.0, r.height() / 3), qMin(3.0, r.height() / 3));
        if (isSelected)
            selected = r;
        const QString number = QStringLiteral("#%1").arg(job->seq());
        if (r.height() + 4 < fm.height())
            continue;
        const QRectF inView = r.intersected(v.plot);
        if (v.rowEach) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRectF(kMargin, r.top(), kLabelWidth - 6, r.height()),
                       Qt::AlignRight | Qt::AlignVCenter, number);
        } else if (inView.width() > fm.horizontalAdvance(number) + 6) {
            p.setPen(fill.lightness() > 150 ? Qt::black : Qt::white);
            p.drawText(inView.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, number);
        }
    }
    return selected;
}

void TimelineView::paintStrip(QPainter &p, const View &v) const
{
    // How many ran at once, against the limit: from the bars in view, each cut to the span.
    const QRectF strip(v.plot.left(), v.plot.bottom() + 4, v.plot.width(), kStripHeight - 4);
    const QRectF label(kMargin, strip.top(), kLabelWidth - 6, strip.height());
    timelinedrawing::runningStrip(p, palette(), {strip, label, v.firstMs, v.msWidth},
                                  m_index.runningSteps(v.bars, v.firstMs, v.lastMs, v.nowMs),
                                  m_scheduler->maxParallel());
}

QList<QPair<int, int>> TimelineView::edges() const
{
    rebuild();
    QList<int> all;
    for (int i = 0; i < m_index.size(); ++i)
        all << i;
    return edgesAmong(all);
}

QList<QPair<int, int>> TimelineView::edgesAmong(const QList<int> &indices) const
{
    QList<const Job *> jobs;
    for (const int index : indices)
        if (const Job *job = m_scheduler->jobBySeq(m_index.at(index).seq))
            jobs << job;
    std::sort(jobs.begin(), jobs.end(),
              [](const Job *a, const Job *b) { return a->seq() < b->seq(); });
    QHash<int, int> lastTry; // first number → the number of its latest try shown
    for (const Job *job : jobs)
        lastTry[job->firstSeq()] = qMax(lastTry.value(job->firstSeq()), job->seq());
    QList<QPair<int, int>> out;
    for (const Job *job : jobs) {
        if (job->seq() != job->firstSeq())
            continue; // a retry's wait was its first try's
        for (const int prerequisite : job->prerequisites())
            // Else not started (skipped, cancelled), or another batch's.
            if (lastTry.contains(prerequisite))
                out.append({lastTry.value(prerequisite), job->seq()});
    }
    return out;
}

void TimelineView::paintEdges(QPainter &p, const View &v) const
{
    QList<QPair<QRectF, QRectF>> bars;
    for (const auto &[fromSeq, toSeq] : edgesAmong(v.bars))
        bars.append({barRect(v, m_index.indexOf(fromSeq)), barRect(v, m_index.indexOf(toSeq))});
    QColor edge = palette().color(QPalette::WindowText);
    edge.setAlphaF(0.6);
    timelinedrawing::arrows(p, edge, bars);
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
