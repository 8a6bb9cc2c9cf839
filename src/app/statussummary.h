#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace procdeck {
class Scheduler;
struct BatchStats;
}

namespace procdeck::app {

/// The status bar's figures: running / queued / finished / failed counts, the busy slots of each
/// ssh login and, for the latest batch, its progress and speed-up ("10 jobs · 55.0 s of work in
/// 10.0 s (×5.5)").
class StatusSummary final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusSummary)

public:
    StatusSummary(const procdeck::Scheduler *scheduler, QWidget *parent = nullptr);

    /// Takes its place at the right of `bar`, whose messages it leaves the rest of the room; a
    /// message a narrow window cuts is then read whole in the bar's tooltip.
    void attachTo(QStatusBar *bar);
    /// Which batch the progress and speed-up describe (0: none).
    void setBatch(int batchId);
    void refresh();

    QString countsText() const;
    QString batchText() const;
    /// Busy slots per ssh login ("build1 2/4 · : 1/8"), empty when the jobs run here or on Slurm.
    QString hostsText() const;

    /// The speed-up sentence for a batch's figures.
    static QString speedupText(const procdeck::BatchStats &stats);

private:
    void refreshCounts(); ///< the counts and each ssh login's busy slots
    void refreshBatch();  ///< the latest batch's progress and speed-up
    /// While the bar shows a message, hides what must give way for it to be read whole.
    void makeRoomForTheMessage();

    const procdeck::Scheduler *const m_scheduler;
    int m_batchId = 0;
    QLabel *m_counts = nullptr;
    QLabel *m_batch = nullptr;
    QLabel *m_hosts = nullptr;
    QProgressBar *m_progress = nullptr;
    QStatusBar *m_bar = nullptr;
    int m_messageWidth = 0; ///< of the bar's message, 0 while it shows none
};

} // namespace procdeck::app
