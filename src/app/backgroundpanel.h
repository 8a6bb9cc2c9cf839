#pragma once

#include "core/client/submitrequest.h"

#include <QCborMap>
#include <QStringList>
#include <QWidget>

class QBoxLayout;
class QLabel;
class QPushButton;
class QStatusBar;
class QTabWidget;
class QTableView;

namespace procdeck {
class EngineArrival;
class EngineConnection;
class EngineJobs;
class EngineJobsModel;
} // namespace procdeck

namespace procdeck::app {

class EngineOutputView;
class EngineRestartOffer;
class NoticeBar;

/// The "Background" tab: the jobs of the user's engine (issue 25), which outlive the window,
/// live from a watch; Kill, Pause and Resume on the selection, asked of the engine; the selected
/// job's output followed. Attaches at once when an engine runs, starts one when a job is sent
/// to the background or the person asks. Nothing here waits: see EngineConnection.
class BackgroundPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundPanel)

public:
    explicit BackgroundPanel(QWidget *parent = nullptr);
    ~BackgroundPanel() override;

    /// Takes its places in the window: a tab of `tabs`, its banners at the top of `top`, the
    /// engine's pid in `bar` (which also says the engine's answers).
    void placeIn(QTabWidget *tabs, QBoxLayout *top, QStatusBar *bar);
    /// Its rows are the jobs `jobs` watches: one watch, each record decoded once, serves the
    /// tab and the window's table. The rows of an engine that went stay until another attaches.
    void showJobsOf(procdeck::EngineJobs *jobs);
    /// Attaches to the engine; with `startIfNone`, starting one when none answers.
    void attach(bool startIfNone);
    /// Hands jobs to the engine (starting it when none runs); the answer is said in the status
    /// bar (message()) or, refused, in the notice bar.
    void submit(const QList<procdeck::JobSpec> &jobs, const procdeck::submitrequest::Options &o);
    /// Kill, pause or resume the selected jobs ("kill", "pause", "resume").
    void steerSelected(const QString &kind);
    /// Queues the selected jobs again, as they were given (the engine numbers them anew).
    void runAgainSelected();
    /// Asks the engine to write the run log of the selected jobs (none selected: every job)
    /// to `path`, in the format its extension says; the answer shows in the status bar, or,
    /// not written, in the notice bar. The engine writes it: the window never waits for disk.
    void exportTo(const QString &path);

    /// Says that the engine went away, and offers to start another: for the window's top.
    NoticeBar *banner() const { return m_banner; }
    /// The engine's answers the person should read: refusals, what could not be done.
    NoticeBar *notices() const { return m_notices; }
    /// "Engine pid 4711, running since 10:02": for the status bar.
    QLabel *engineLabel() const { return m_engineLabel; }
    procdeck::EngineJobsModel *model() const { return m_model; }
    /// The engine's jobs queued, running or paused; 0 when not attached.
    int unendedJobs() const;
    procdeck::EngineConnection *connection() const { return m_connection; }
    QTableView *table() const { return m_table; }
    EngineOutputView *outputView() const { return m_output; }
    EngineRestartOffer *restartOffer() const { return m_restartOffer; }

signals:
    /// A line for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    void setUpTable();
    QWidget *makeButtonRow();
    void onAttached();
    void onFailed(const QString &reason);
    void onLost(const QString &reason);
    void onMessage(const QCborMap &message);
    void onAnswer(const QString &asked, const QCborMap &answer);
    void showExported(const QCborMap &answer);
    void askWhereToExport();
    void onSelectionChanged();
    void request(const QString &kind, const QCborMap &message);
    QList<int> selectedNumbers() const;
    void updateButtons();

    procdeck::EngineConnection *m_connection = nullptr;
    procdeck::EngineJobsModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    EngineOutputView *m_output = nullptr;
    NoticeBar *m_banner = nullptr;
    NoticeBar *m_notices = nullptr;
    QLabel *m_engineLabel = nullptr;
    EngineRestartOffer *m_restartOffer = nullptr;
    procdeck::EngineArrival *m_arrival = nullptr; ///< while detached: an engine started later
    QLabel *m_detachedLabel = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_kill = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_again = nullptr;
    QPushButton *m_export = nullptr;
    QStringList m_asked;         ///< the kinds of the requests not answered yet, in order
    QList<QCborMap> m_unsent;    ///< submits waiting for the engine to answer
    QString m_engineSeen;        ///< pid and start of the engine the rows come from
    bool m_startWanted = false;  ///< a start was asked while an attach without one was under way
};

} // namespace procdeck::app
