#pragma once

#include <QObject>
#include <QTimer>

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class JobActions;
class JobTablePanel;
class StatusSummary;
class TimelineView;

/// What moves on the window while jobs run: the one timer behind every row's "working…"
/// spinner and the status bar's figures, and the refresh after job ends, coalesced so that
/// 1,000 short jobs a second do not mean 1,000 refreshes.
class LiveRefresh final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveRefresh)

public:
    /// The window's parts it refreshes; each must outlive this object (the window's children).
    struct Parts
    {
        procdeck::Scheduler *scheduler = nullptr;
        JobTablePanel *table = nullptr;
        StatusSummary *summary = nullptr;
        TimelineView *timeline = nullptr;
        JobActions *actions = nullptr;
    };
    /// Starts the animation at once; follows the scheduler's job starts and ends from then on.
    LiveRefresh(const Parts &parts, QObject *parent);

private:
    void onJobEnded(procdeck::Job *job);
    void onFiguresDue();
    void onAnimationTick();

    const Parts m_parts;
    QTimer m_animation; ///< the one timer behind every row's "working…" spinner and the status bar
    QTimer m_figuresSoon; ///< coalesces the status bar's figures, the actions and the timeline
                          ///< after job ends
};

} // namespace procdeck::app
