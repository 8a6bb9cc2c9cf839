#pragma once

#include <QWidget>

namespace procdeck {
class Scheduler;
}
class QPainter;

namespace procdeck::app {

/// A batch as a picture: one bar per job from its start to its end (or now), coloured by state,
/// under a strip showing how many ran at once against the parallelism limit. The notes' ten
/// sleeps draw as a staircase that ends at 10 s, one row each. When more jobs ran than rows fit
/// (64 jobs, 8 at once), jobs that did not overlap share a row, as GNU parallel's job slots do,
/// and each bar carries its number where it fits. Hover shows the job; a click selects it; the
/// selected job is outlined.
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

    /// The jobs drawn, in order, and where each one's bar is (for tests and hit-testing).
    QList<int> shownSeqs() const;
    QRectF barRect(int seq) const;
    /// The time span drawn: from the first start to the last end (or now), in ms since epoch.
    QPair<qint64, qint64> span() const;

    QSize sizeHint() const override { return {600, 260}; }

signals:
    void jobClicked(int seq);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Bar {
        int seq = 0;
        qint64 startMs = 0; ///< ms since epoch
        qint64 endMs = 0;
        bool running = false;
        int state = 0;
        bool timedOut = false;
        QString label;
        int row = 0;
        int firstSeq = 0;          ///< the first try's number (a retry shares it)
        QList<int> prerequisites;  ///< first numbers of the jobs it ran after
    };
    /// An arrow for each of edges().
    void paintEdges(QPainter &p) const;
    /// The bars, each with its row; `rows` gets how many rows there are.
    QList<Bar> bars(int *rows = nullptr) const;
    int rowsThatFit() const;
    QRectF plotArea() const;
    int seqAt(const QPointF &pos) const;

    const procdeck::Scheduler *m_scheduler;
    int m_batchId = 0;
    int m_selectedSeq = 0;
};

} // namespace procdeck::app
