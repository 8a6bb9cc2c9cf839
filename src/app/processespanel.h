#pragma once

#include <QPointer>
#include <QWidget>

class QSortFilterProxyModel;
class QTreeView;

namespace procdeck {
class Job;
class ProcessSampler;
class ProcessTreeModel;
} // namespace procdeck

namespace procdeck::app {

class JobTitleLabel;

/// The Processes tab: every process of the selected job's tree (its group and escapees) as a
/// tree by parent, live at the sampler's pace. The sampler's thread reads /proc and lists the
/// shown job's processes only while this tab is on screen; the model takes its rows here.
class ProcessesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessesPanel)

public:
    ProcessesPanel(procdeck::ProcessSampler *sampler, QWidget *parent = nullptr);

    void setJob(procdeck::Job *job);
    procdeck::Job *job() const { return m_job; }
    QTreeView *view() const { return m_view; }
    procdeck::ProcessTreeModel *model() const { return m_model; }
    /// The selected row's command line onto the clipboard.
    void copyCommandLine();
    /// The selected row's pid (0: none).
    qint64 currentPid() const;
    /// Asks which signal, then sends it to the selected process alone.
    void askSignal();
    /// Sends `sig` to process `pid` of the shown job; what happened is said by message().
    void sendSignal(qint64 pid, int sig);

signals:
    /// A line for the status bar: the signal sent, or why not.
    void message(const QString &text, int timeoutMs);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void setUpView();
    /// Asks the sampler for the shown job's processes while they can be seen.
    void updateWatching();
    void updateCaption();

    procdeck::ProcessSampler *m_sampler;
    procdeck::ProcessTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    JobTitleLabel *m_caption;
    QPointer<procdeck::Job> m_job;
};

} // namespace procdeck::app
