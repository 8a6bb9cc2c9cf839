#pragma once

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace procdeck {
class Job;
}

namespace procdeck::app {

/// Send signal… and Priority… on the selected running jobs' process trees. What a signal means
/// for a job, and whether a priority is allowed, is core's (JobSignals, JobPriority): a refusal
/// is shown as the engine words it.
class TreeActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TreeActions)

public:
    /// `selected` gives the selected jobs; dialogs open over `dialogParent`.
    TreeActions(std::function<QList<procdeck::Job *>()> selected, QWidget *dialogParent);

    QAction *sendSignalAction() const { return m_sendSignal; }
    QAction *priorityAction() const { return m_priority; }
    /// Enabled when a selected job runs or is paused.
    void updateEnabled();

    /// Sends `sig` to `jobs`; returns the refusals, one sentence each (also for tests). The
    /// engine's refusals for jobs it runs come later, to `later`.
    static QStringList sendSignal(const QList<procdeck::Job *> &jobs, int sig,
                                  const std::function<void(const QString &)> &later = {});

signals:
    /// A line for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    QList<procdeck::Job *> liveSelection() const;
    void askSignal();
    void askPriority();
    void showRefusals(const QString &title, const QStringList &refusals);
    /// Shows the engine's refusal, when one comes, under `title`.
    std::function<void(const QString &)> laterRefusal(const QString &title);

    std::function<QList<procdeck::Job *>()> m_selected;
    QWidget *const m_dialogParent;
    QAction *m_sendSignal = nullptr;
    QAction *m_priority = nullptr;
};

} // namespace procdeck::app
