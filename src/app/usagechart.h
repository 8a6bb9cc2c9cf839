#pragma once

#include <QPointer>
#include <QWidget>

namespace procdeck {
class Job;
}

namespace procdeck::app {

/// The selected job's CPU %, memory and storage I/O over time, drawn with QPainter: three small
/// panes sharing the time axis. (QPainter over Qt Charts: the data is a few short series updated
/// twice a second, and a chart module would add a dependency and a heavier widget for no gain in
/// clarity.)
class UsageChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageChart)

public:
    explicit UsageChart(QWidget *parent = nullptr);

    void setJob(procdeck::Job *job);
    procdeck::Job *job() const { return m_job; }
    /// Sampling interval, for the time axis.
    void setIntervalMs(int ms);

    /// The line above the charts: which job, and whether it still runs.
    QString caption() const;
    /// The top of the CPU scale: the next of 5, 10, 25, 50, 100, 200… % above the job's peak.
    double cpuScaleMax() const;

    QSize sizeHint() const override { return {600, 240}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    /// The read and write rates in one pane, on one scale; or why there are none.
    void paintIo(QPainter &p, const QRectF &area) const;

    QPointer<procdeck::Job> m_job;
    int m_intervalMs = 500;
};

} // namespace procdeck::app
