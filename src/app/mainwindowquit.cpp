// MainWindow's ending: the close confirmation, the graceful stop of every job with its countdown,
// what a signal does, and the banner that says the history is not being written.
#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "noticebar.h"
#include "quitsequence.h"

#include <QCloseEvent>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace procdeck::app {

namespace {
/// The longest grace period among the jobs that run now (what quitting would wait at most).
double longestGrace(const Scheduler &scheduler, double fallback)
{
    double grace = -1;
    for (int i = 0; i < scheduler.count(); ++i)
        if (scheduler.jobAt(i)->state() == JobState::Running)
            grace = qMax(grace, scheduler.jobAt(i)->spec().graceSeconds);
    return grace < 0 ? fallback : grace;
}
} // namespace

void MainWindow::setUpQuit()
{
    m_quit = new QuitSequence(&m_scheduler, this);
    m_stopBanner = new NoticeBar(NoticeBar::Kind::Warning, this);
    m_stopBanner->setObjectName(QStringLiteral("stopBanner"));
    connect(m_stopBanner->setButton(tr("&Kill now")), &QPushButton::clicked, m_quit, &QuitSequence::killNow);
    m_historyBanner = new NoticeBar(NoticeBar::Kind::Error, this);
    m_historyBanner->setObjectName(QStringLiteral("historyBanner"));
    m_ui->centralLayout->insertWidget(0, m_historyBanner);
    m_ui->centralLayout->insertWidget(0, m_stopBanner);
    connect(m_quit, &QuitSequence::progress, this, &MainWindow::showQuitProgress);
    connect(m_quit, &QuitSequence::done, this, [this] {
        m_quitting = true;
        close();
    });

    connect(&m_history, &History::writeStalled, this, [this](const QString &reason) {
        m_historyBanner->showText(tr("The history cannot be written (%1). Nothing is lost: the jobs' rows are kept "
                                     "and written as soon as the database can be.")
                                      .arg(reason));
    });
    connect(&m_history, &History::writeRecovered, this, [this] {
        m_historyBanner->hide();
        statusBar()->showMessage(tr("The history caught up: every job is recorded."), 10000);
    });
}

void MainWindow::quitNow()
{
    m_quitting = true;
    m_quit->killNow();
    close();
}

void MainWindow::quitGracefully()
{
    if (m_closeBox)
        m_closeBox->deleteLater(); // the question is answered
    for (QAction *launching : {m_ui->actionNewJob, m_ui->actionNewBatch, m_ui->actionRunAgain, m_ui->actionOpenBatch})
        launching->setEnabled(false);
    m_quit->start();
}

void MainWindow::quitOnSignal()
{
    if (m_quit->isActive())
        m_quit->killNow(); // the second one: the person means it
    else
        quitGracefully();
}

void MainWindow::showQuitProgress()
{
    const int jobs = m_quit->jobsLeft();
    if (m_quit->killSent())
        m_stopBanner->showText(tr("Killing %n job(s) with SIGKILL…", nullptr, jobs));
    else
        //: %1 is a count of seconds; the job count is in %n
        m_stopBanner->showText(tr("Stopping %n job(s)… SIGKILL in %1 s", nullptr, jobs).arg(m_quit->secondsLeft()));
    m_stopBanner->button()->setEnabled(!m_quit->killSent());
}

void MainWindow::askBeforeQuitting()
{
    if (m_closeBox) {
        m_closeBox->raise();
        return;
    }
    const int running = m_scheduler.runningCount();
    const int queued = m_scheduler.queuedCount();
    QString what;
    if (running > 0)
        what = tr("%n job(s) are still running.", nullptr, running);
    if (queued > 0)
        what += (what.isEmpty() ? QString() : QStringLiteral(" ")) + tr("%n queued job(s) will not start.", nullptr, queued);
    // Created non-modal over the window (open(), not exec()): a signal may still arrive meanwhile.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Jobs are still running"), what, QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString grace = QLocale().toString(longestGrace(m_scheduler, m_prefs.graceSeconds));
    if (running > 0)
        box->setInformativeText(tr("Quitting sends SIGTERM to each job's process tree, waits up to %1 s for them to "
                                   "end, then kills what is left with SIGKILL.")
                                    .arg(grace));
    QPushButton *quit = box->addButton(tr("&Stop jobs and quit"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, quit](QAbstractButton *clicked) {
        if (clicked == quit)
            quitGracefully();
    });
    m_closeBox = box;
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_quit->isActive()) {
        event->ignore(); // already stopping; the banner counts down and offers "Kill now"
        return;
    }
    if (!m_quitting && !m_scheduler.isIdle()) {
        event->ignore();
        askBeforeQuitting();
        return;
    }
    m_scheduler.killAllNow(); // nothing should run now; this is the backstop
    saveState();
    event->accept();
}

} // namespace procdeck::app
