#pragma once

#include "timelineindex.h"

#include <QWidget>

namespace procdeck {
class Job;
class Scheduler;
}
class QPainter;
class QScrollBar;

namespace procdeck::app {

/// A batch as a picture: one bar per job from its start to its end (or now), coloured by state,
/// under a strip showing how many ran at once against the parallelism limit. The notes' ten
/// sleeps draw as a staircase that ends at 10 s, one row each. When more jobs ran than rows fit
/// (64 jobs, 8 at once), jobs that did not overlap share a row, as GNU parallel's job slots do,
/// and each bar carries its number where it fits. Hover shows the job; a click selects it; the
/// selected job is outlined.
///
/// A repaint costs the same at 100,000 jobs as at 100: the bars are kept in a TimelineIndex as
/// jobs start and end, and only those in view are drawn. When more than maxBarsInView() jobs
/// started, the view shows the latest of them (the tail, followed as more start) and a scroll bar
/// goes back in time.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(const procdeck::Scheduler *scheduler, QWidget *parent = nullptr);

    /// Which batch to draw (0: every job).
    void setBatch(int batchId);
    int batch() const { return m_batchId; }
    /// The job drawn outlined (0: none).
    void setSelectedSeq(int seq);
    int selectedSeq() const { return m_selectedSeq; }
    /// Rows drawn: one per job, or fewer when jobs share rows.
    int rowCount() const;
    /// The arrows drawn, as (job number it ran after, job number): from the latest try of each
    /// job a shown job waited for ("after", "after_success", "Run after…") to that job.
    QList<QPair<int, int>> edges() const;

    /// The jobs drawn, by number, and where each one's bar is (for tests and hit-testing).
    QList<int> shownSeqs() const;
    QRectF barRect(int seq) const;
    /// The time span drawn: from the first start to the last end (or now), in ms since epoch;
    /// when more jobs started than the view shows, the part of it in view.
    QPair<qint64, qint64> span() const;
    /// At most this many jobs' starts in view (default 300); older ones are a scroll away.
    void setMaxBarsInView(int bars);
    int maxBarsInView() const { return m_maxBarsInView; }
    /// How many bars the last paint drew.
    int barsPainted() const { return m_barsPainted; }

    QSize sizeHint() const override { return {600, 260}; }

signals:
    void jobClicked(int seq);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    /// What a repaint needs, worked out once: the span in view, the bars in it, the rows.
    struct View {
        qint64 firstMs = 0; ///< the span in view
        qint64 lastMs = 1;
        qint64 nowMs = 0;
        QList<int> bars; ///< indices into the index, in start order
        QHash<int, int> rowOf; ///< with a row per job: index → row
        int rows = 0;
        bool rowEach = false; ///< a row per job (else per job slot)
        QRectF plot;
        double msWidth = 0;
    };
    View view() const;
    QRectF barRect(const View &v, int index) const;
    /// Arrows between the bars in view, as edges() says.
    void paintEdges(QPainter &p, const View &v) const;
    /// edges() among these bars (indices into the index).
    QList<QPair<int, int>> edgesAmong(const QList<int> &indices) const;
    void paintStrip(QPainter &p, const View &v) const;
    /// A line every "nice" number of seconds, and the seconds along the axis.
    void paintGrid(QPainter &p, const View &v) const;
    /// The bars in view, with their numbers; returns the selected job's bar (null if none).
    QRectF paintBars(QPainter &p, const View &v);
    /// The index made again from the scheduler's jobs (after a batch change or a removal).
    void rebuild() const;
    void onStarted(procdeck::Job *job);
    void onEnded(procdeck::Job *job);
    /// The scroll bar's range after bars came or went; it stays at the tail if it was there.
    void updateScrollBar() const;
    void placeScrollBar() const;
    QRectF plotArea() const;
    int seqAt(const QPointF &pos) const;

    const procdeck::Scheduler *m_scheduler;
    mutable TimelineIndex m_index;
    mutable bool m_stale = true;
    QScrollBar *m_scroll = nullptr;
    int m_batchId = 0;
    int m_selectedSeq = 0;
    int m_maxBarsInView = 300;
    int m_barsPainted = 0;
};

/// The timeline's parts drawn from their places alone. In timelinedrawing.cpp.
namespace timelinedrawing {

/// Where the strip of how many ran at once goes, and the span it shows.
struct StripPlace
{
    QRectF strip;
    QRectF label; ///< left of the strip: the limit's number
    qint64 firstMs = 0;
    double msWidth = 0;
};

/// An arrow from each pair's first bar to its second (the job that waited), in `colour`.
void arrows(QPainter &p, const QColor &colour, const QList<QPair<QRectF, QRectF>> &bars);
/// How many ran at once (`steps`: a time and the count from then on), against `limit` (a dashed
/// line, its number in the label).
void runningStrip(QPainter &p, const QPalette &palette, const StripPlace &place,
                  const QList<QPair<qint64, int>> &steps, int limit);

} // namespace timelinedrawing

} // namespace procdeck::app
