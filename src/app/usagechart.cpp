#include "usagechart.h"
#include "theme.h"

#include "core/process/job.h"
#include "core/models/jobtablemodel.h"

#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace procdeck::app {

namespace {

/// One pane: a filled line of `values` scaled to `maxValue`, with its title and scale.
template<typename T>
void drawSeries(QPainter &p, const QPalette &palette, const QRectF &area, const QList<T> &values,
                double maxValue, const QColor &color, const QString &title, const QString &top,
                int capacity)
{
    p.setPen(palette.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
    p.setPen(palette.color(QPalette::WindowText));
    p.drawText(area.adjusted(6, 2, -6, 0), Qt::AlignLeft | Qt::AlignTop, title);
    p.drawText(area.adjusted(6, 2, -6, 0), Qt::AlignRight | Qt::AlignTop, top);
    if (values.size() < 2 || maxValue <= 0)
        return;
    const QRectF plot = area.adjusted(1, 18, -1, -1);
    const double step = plot.width()
            / double(qMax(1, capacity - 1)); // (not "slots": Qt makes that word vanish)
    const double x0 = plot.right() - step * double(values.size() - 1);
    QPainterPath line;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QPointF point(x0 + step * double(i),
                            plot.bottom()
                                    - plot.height() * qMin(1.0, double(values[i]) / maxValue));
        i == 0 ? line.moveTo(point) : line.lineTo(point);
    }
    QPainterPath fill = line;
    fill.lineTo(plot.right(), plot.bottom());
    fill.lineTo(x0, plot.bottom());
    fill.closeSubpath();
    QColor translucent = color;
    translucent.setAlphaF(0.25);
    p.fillPath(fill, translucent);
    p.setPen(QPen(color, 1.6));
    p.drawPath(line);
}

/// A CPU scale that fits the job: the next of 5, 10, 25, 50, 100, 200… % above its peak, so
/// that a job using 3 % is not a flat line at the foot of a 0–100 % chart.
double cpuScale(double peak)
{
    for (const double step : {5.0, 10.0, 25.0, 50.0, 100.0})
        if (peak <= step * 0.95)
            return step;
    double scale = 200;
    while (peak > scale * 0.95)
        scale *= 2;
    return scale;
}

} // namespace

UsageChart::UsageChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(120);
}

void UsageChart::setIntervalMs(int ms)
{
    m_intervalMs = ms;
    update();
}

void UsageChart::setJob(procdeck::Job *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    if (job) {
        connect(job, &procdeck::Job::usageChanged, this, qOverload<>(&QWidget::update));
        connect(job, &procdeck::Job::stateChanged, this, qOverload<>(&QWidget::update)); // "ended"
    }
    update();
}

QString UsageChart::caption() const
{
    if (!m_job)
        return {};
    const bool running = m_job->state() == procdeck::JobState::Running;
    return tr("#%1  %2  —  %3")
            .arg(m_job->seq())
            .arg(m_job->displayName(), running ? tr("running") : tr("ended · its last figures"));
}

double UsageChart::cpuScaleMax() const
{
    if (!m_job || m_job->usage().cpuHistory.isEmpty())
        return 0;
    const auto &history = m_job->usage().cpuHistory;
    return cpuScale(double(*std::max_element(history.begin(), history.end())));
}

void UsageChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all = QRectF(rect()).adjusted(8, 8, -8, -8);
    if (!m_job || m_job->usage().samples == 0) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(
                all, Qt::AlignCenter,
                m_job ? tr("No samples yet: CPU and memory are read every %1 s while a job runs.")
                                .arg(m_intervalMs / 1000.0)
                      : tr("Select a job to see its CPU and memory over time."));
        return;
    }
    const procdeck::JobUsage &u = m_job->usage();
    // Which job this is, and whether it still runs: the figures below are its last ones then.
    const bool running = m_job->state() == procdeck::JobState::Running;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    const int titleHeight = QFontMetrics(bold).height() + 4;
    p.drawText(QRectF(all.left(), all.top(), all.width(), titleHeight),
               Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(caption(), Qt::ElideMiddle, int(all.width())));
    p.setFont(font());
    const QRectF charts = all.adjusted(0, titleHeight, 0, 0);
    const double cpuMax = cpuScaleMax();
    const qint64 rssMax
            = qMax<qint64>(1, *std::max_element(u.rssHistory.begin(), u.rssHistory.end()));
    const double third = (charts.height() - 16) / 3;
    const QRectF cpuArea(charts.left(), charts.top(), charts.width(), third);
    const QRectF rssArea(charts.left(), charts.top() + third + 8, charts.width(), third);
    paintIo(p, QRectF(charts.left(), charts.top() + 2 * (third + 8), charts.width(), third));
    const QString cpuTitle = running
            ? tr("CPU %1 % · %2 s in all · %n process(es)", nullptr, u.processes)
                      .arg(QLocale().toString(u.cpuPercent, 'f', 1),
                           QLocale().toString(u.cpuSeconds, 'f', 2))
            : tr("CPU %1 s in all").arg(QLocale().toString(u.cpuSeconds, 'f', 2));
    drawSeries(p, palette(), cpuArea, u.cpuHistory, cpuMax, Theme::cpuSeries(palette()), cpuTitle,
               QStringLiteral("%1 %").arg(cpuMax, 0, 'f', 0), procdeck::JobUsage::kHistory);
    drawSeries(p, palette(), rssArea, u.rssHistory, double(rssMax), Theme::memorySeries(palette()),
               running ? tr("Memory %1 · peak %2")
                                 .arg(procdeck::JobTableModel::formatKb(u.rssKb),
                                      procdeck::JobTableModel::formatKb(u.peakRssKb))
                       : tr("Memory peak %1").arg(procdeck::JobTableModel::formatKb(u.peakRssKb)),
               procdeck::JobTableModel::formatKb(rssMax), procdeck::JobUsage::kHistory);
}

void UsageChart::paintIo(QPainter &p, const QRectF &area) const
{
    const procdeck::JobUsage &u = m_job->usage();
    const auto top = [](const QList<float> &h) {
        return h.isEmpty() ? 0.0 : double(*std::max_element(h.begin(), h.end()));
    };
    const double rateMax = qMax(1024.0, qMax(top(u.ioReadHistory), top(u.ioWriteHistory)));
    const auto size = [](qint64 bytes) {
        return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    };
    const bool running = m_job->state() == procdeck::JobState::Running;
    QString title = tr("Storage I/O: not readable here");
    if (u.ioReadBytes >= 0)
        //: storage (disk) I/O of the job: bytes read and written, in all and now per second
        title = running ? tr("Read %1 · %2/s   Written %3 · %4/s")
                                  .arg(size(u.ioReadBytes), size(qint64(u.ioReadRate)),
                                       size(u.ioWriteBytes), size(qint64(u.ioWriteRate)))
                        : tr("Read %1   Written %2").arg(size(u.ioReadBytes), size(u.ioWriteBytes));
    drawSeries(p, palette(), area, u.ioReadHistory, rateMax, Theme::ioReadSeries(palette()), title,
               tr("%1/s").arg(size(qint64(rateMax))), procdeck::JobUsage::kHistory);
    drawSeries(p, palette(), area, u.ioWriteHistory, rateMax, Theme::ioWriteSeries(palette()),
               QString(), QString(), procdeck::JobUsage::kHistory);
}

} // namespace procdeck::app
