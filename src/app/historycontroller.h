#pragma once

#include <QObject>
#include <QThread>

#include <memory>

class QWidget;

namespace procdeck {
class History;
struct JobSpec;
struct Preferences;
struct RunOn;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class NoticeBar;

/// The window's side of the history: opens the database and records the scheduler's jobs into
/// it, prunes old runs on a worker thread, shows the History dialog, and keeps the banner that
/// says the history cannot be written. The GUI thread never touches the disk for it.
class HistoryController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryController)

public:
    /// `history`, `scheduler` and `prefs` must outlive this; the banner is made a child of
    /// `window`, which the dialogs open over.
    HistoryController(procdeck::History *history, const procdeck::Scheduler *scheduler,
                      const procdeck::Preferences *prefs, QWidget *window);
    ~HistoryController() override; ///< waits for the pruning thread (it only deletes files)

    /// The strip that says the history cannot be written.
    NoticeBar *banner() const { return m_banner; }
    /// Opens the default database and starts recording; problems go to the status bar or a
    /// non-blocking message. Then prunes per `keepDays` and `keepJobs` (0: no limit).
    void open(int keepDays, int keepJobs);
    /// The History dialog, modal; "Run again" there comes out as runAgainRequested, to where the
    /// job ran (Preferences::runAgainOn()), or as a message saying why not.
    void showDialog();

signals:
    void runAgainRequested(const procdeck::JobSpec &spec, const procdeck::RunOn &runOn);
    /// A line for the status bar (0: until the next).
    void message(const QString &text, int timeoutMs);

private:
    void startRetention(int keepDays, int keepJobs);

    procdeck::History *const m_history;
    const procdeck::Scheduler *const m_scheduler;
    const procdeck::Preferences *const m_prefs;
    QWidget *const m_window;
    NoticeBar *const m_banner;
    std::unique_ptr<QThread>
            m_retention; ///< prunes old history and output files off the GUI thread
};

} // namespace procdeck::app
