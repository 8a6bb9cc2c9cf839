#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QMessageBox;
class QWidget;

namespace procdeck {
class Scheduler;
}

namespace procdeck::app {

class NoticeBar;
class QuitSequence;

/// The window's ending: the close confirmation while jobs run, the graceful stop of every job
/// with its countdown banner ("Kill now"), and what a signal does. Nothing here waits.
class QuitController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitController)

public:
    /// `window` is where the question and the banner show; the banner is its child.
    QuitController(procdeck::Scheduler *scheduler, QWidget *window);

    /// The strip that counts down a graceful quit.
    NoticeBar *banner() const { return m_banner; }
    /// True while the jobs are being stopped for quitting.
    bool isStopping() const;
    /// Kills every job's process group at once (SIGKILL); the window may close.
    void quitNow();
    /// Stops every job as a timeout would, saying so in the banner; `closeNow` follows once
    /// nothing runs. The jobs this window runs in the engine run on unless `engineJobsToo`.
    /// Asks nothing.
    void quitGracefully(bool engineJobsToo = false);
    /// The first SIGTERM, SIGINT or SIGHUP quits gracefully, a second kills at once.
    void quitOnSignal();
    /// What a close request may do now: true to close; false when it was turned into a
    /// question (jobs run) or the stop is already under way.
    bool allowClose();

    /// The grace to name in the question when no job runs with one of its own.
    void setDefaultGrace(double seconds) { m_defaultGrace = seconds; }
    /// How many jobs of the user's engine are queued, running or paused (the Background tab):
    /// the question says that those the window does not mirror run on whatever is answered.
    void setBackgroundCount(std::function<int()> count) { m_backgroundCount = std::move(count); }

signals:
    /// Jobs are being stopped for quitting: nothing new may start.
    void stopping();
    /// Nothing runs any more: the window closes.
    void closeNow();

private:
    void showProgress();
    void askBeforeQuitting();
    QString questionText() const;
    QString questionDetails() const;

    procdeck::Scheduler *const m_scheduler;
    QWidget *const m_window;
    QuitSequence *const m_sequence;
    NoticeBar *const m_banner;
    QPointer<QMessageBox> m_closeBox; ///< the close confirmation, while it is open
    double m_defaultGrace = 0;
    std::function<int()> m_backgroundCount;
    bool m_mayClose = false; ///< nothing runs any more, or quitNow()
};

} // namespace procdeck::app
