#include "processespanel.h"
#include "jobtitlelabel.h"
#include "signaldialog.h"

#include "core/models/processtreemodel.h"
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "core/process/jobsignals.h"
#include "core/process/processgroup.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace procdeck::app {

namespace {

/// Sorts by the model's numbers and greys the processes that have ended.
class ProcessProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::ForegroundRole
            && index.data(procdeck::ProcessTreeModel::EndedRole).toBool())
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

ProcessesPanel::ProcessesPanel(procdeck::ProcessSampler *sampler, QWidget *parent)
    : QWidget(parent),
      m_sampler(sampler),
      m_model(new procdeck::ProcessTreeModel(this)),
      m_proxy(new ProcessProxy(this)),
      m_view(new QTreeView(this)),
      m_caption(new JobTitleLabel(this))
{
    setObjectName(QStringLiteral("processesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);
    setUpView();
    connect(sampler, &procdeck::ProcessSampler::processesSampled, m_model,
            &procdeck::ProcessTreeModel::update);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProcessesPanel::updateCaption);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ProcessesPanel::updateCaption);
    updateCaption();
}

void ProcessesPanel::setUpView()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(procdeck::ProcessTreeModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_view->setObjectName(QStringLiteral("processTree"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(procdeck::ProcessTreeModel::PidColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true); // a thousand rows lay out at once
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    using M = procdeck::ProcessTreeModel;
    for (const auto &[column, digits] : {std::pair{M::PidColumn, 12}, {M::CommandColumn, 30},
                                          {M::StateColumn, 14}, {M::CpuColumn, 8},
                                          {M::MemoryColumn, 10}, {M::ThreadsColumn, 8},
                                          {M::ReadRateColumn, 11}, {M::WriteRateColumn, 11}})
        m_view->setColumnWidth(column, digit * digits);
    // New processes show under their parents: every parent is open.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_view, [this](const QModelIndex &at) {
        if (at.isValid())
            m_view->expand(at);
    });
    auto *copy = new QAction(tr("Copy Command Line"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ProcessesPanel::copyCommandLine);
    m_view->addAction(copy);
    auto *signal = new QAction(tr("Send Signal…"), m_view);
    signal->setObjectName(QStringLiteral("processSignalAction"));
    connect(signal, &QAction::triggered, this, &ProcessesPanel::askSignal);
    m_view->addAction(signal);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            [this, copy, signal](const QPoint &at) {
                const QModelIndex row = m_view->indexAt(at);
                if (!row.isValid())
                    return;
                signal->setEnabled(!row.data(procdeck::ProcessTreeModel::EndedRole).toBool());
                QMenu menu;
                menu.addAction(copy);
                menu.addAction(signal);
                menu.exec(m_view->viewport()->mapToGlobal(at));
            });
}

qint64 ProcessesPanel::currentPid() const
{
    const QModelIndex at = m_view->currentIndex();
    return at.isValid() ? at.data(procdeck::ProcessTreeModel::PidRole).toLongLong() : 0;
}

void ProcessesPanel::askSignal()
{
    const qint64 pid = currentPid();
    if (!m_job || pid <= 0)
        return;
    const QModelIndex command = m_view->currentIndex().siblingAtColumn(
            procdeck::ProcessTreeModel::CommandColumn);
    //: %1: a pid; %2: its command line
    SignalDialog dialog(tr("process %1 (%2)").arg(pid).arg(command.data().toString()), this);
    if (dialog.exec() == QDialog::Accepted)
        sendSignal(pid, dialog.signal());
}

void ProcessesPanel::sendSignal(qint64 pid, int sig)
{
    if (!m_job)
        return;
    const QString why = procdeck::JobSignals::sendToProcess(m_job, pid, sig);
    //: %1: SIGUSR1 or another signal's name; %2: a pid
    emit message(why.isEmpty() ? tr("%1 sent to process %2")
                                         .arg(procdeck::processgroup::signalName(sig))
                                         .arg(pid)
                               : tr("Signal not sent: %1").arg(why),
                 why.isEmpty() ? 5000 : 0);
}

void ProcessesPanel::setJob(procdeck::Job *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_model->setJob(job ? job->seq() : 0);
    if (job)
        connect(job, &procdeck::Job::stateChanged, this, [this] {
            if (m_job && procdeck::isTerminal(m_job->state()))
                m_model->markAllEnded(); // its tree is gone; the sampler reads it no more
            updateWatching();
            updateCaption();
        });
    updateWatching();
    updateCaption();
}

void ProcessesPanel::copyCommandLine()
{
    const QModelIndex at = m_view->currentIndex();
    // The whole command line, its newlines too (the cell shows them as spaces).
    const QModelIndex command = at.siblingAtColumn(procdeck::ProcessTreeModel::CommandColumn);
    if (at.isValid())
        QApplication::clipboard()->setText(command.data(Qt::ToolTipRole).toString());
}

void ProcessesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateWatching();
}

void ProcessesPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateWatching();
}

void ProcessesPanel::updateWatching()
{
    const bool watch = m_job && isVisible() && !procdeck::isTerminal(m_job->state());
    m_sampler->setDetailJob(watch ? m_job->seq() : 0);
}

void ProcessesPanel::updateCaption()
{
    if (!m_job) {
        m_caption->setTitle(tr("Select a job to see its processes."), QString());
        m_caption->setReason(QString(), QColor());
        return;
    }
    m_caption->setTitle(tr("#%1 %2").arg(m_job->seq()).arg(m_job->displayName()),
                        m_job->commandLine());
    m_caption->setReason(!procdeck::isTerminal(m_job->state())
                                 ? tr("%n process(es)", nullptr, m_model->count())
                                 : tr("ended: its processes are gone"),
                         palette().color(QPalette::WindowText));
}

} // namespace procdeck::app
