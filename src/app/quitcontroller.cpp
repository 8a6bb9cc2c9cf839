#include "quitcontroller.h"

#include "noticebar.h"
#include "quitsequence.h"

#include "core/scheduling/scheduler.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace procdeck::app {

namespace {
/// The longest grace period among the jobs that run or are paused now (what quitting would
/// wait at most).
double longestGrace(const Scheduler &scheduler, double fallback)
{
    double grace = -1;
    for (const Job *job : scheduler.runningJobs())
        grace = qMax(grace, job->spec().graceSeconds);
    return grace < 0 ? fallback : grace;
}
} // namespace

QuitController::QuitController(Scheduler *scheduler, QWidget *window)
    : QObject(window),
      m_scheduler(scheduler),
      m_window(window),
      m_sequence(new QuitSequence(scheduler, this)),
      m_banner(new NoticeBar(NoticeBar::Kind::Warning, window))
{
    m_banner->setObjectName(QStringLiteral("stopBanner"));
    connect(m_banner->setButton(tr("&Kill now")), &QPushButton::clicked, m_sequence,
            &QuitSequence::killNow);
    connect(m_sequence, &QuitSequence::progress, this, &QuitController::showProgress);
    connect(m_sequence, &QuitSequence::done, this, [this] {
        m_mayClose = true;
        emit closeNow();
    });
}

bool QuitController::isStopping() const
{
    return m_sequence->isActive();
}

void QuitController::quitNow()
{
    m_mayClose = true;
    m_sequence->killNow();
    emit closeNow();
}

void QuitController::quitGracefully(bool engineJobsToo)
{
    if (m_closeBox)
        m_closeBox->deleteLater(); // the question is answered
    emit stopping();
    m_sequence->start(engineJobsToo);
}

void QuitController::quitOnSignal()
{
    if (m_sequence->isActive())
        m_sequence->killNow(); // the second one: the person means it
    else
        quitGracefully();
}

bool QuitController::allowClose()
{
    if (m_mayClose)
        return true;
    if (m_sequence->isActive())
        return false; // already stopping; the banner counts down and offers "Kill now"
    if (!m_scheduler->isIdle() || m_scheduler->mirroredCount() > 0) {
        askBeforeQuitting();
        return false;
    }
    return true;
}

void QuitController::showProgress()
{
    const int jobs = m_sequence->jobsLeft();
    if (m_sequence->killSent())
        m_banner->showText(tr("Killing %n job(s) with SIGKILL…", nullptr, jobs));
    else
        //: %1 is a count of seconds; the job count is in %n
        m_banner->showText(tr("Stopping %n job(s)… SIGKILL in %1 s", nullptr, jobs)
                                   .arg(m_sequence->secondsLeft()));
    m_banner->button()->setEnabled(!m_sequence->killSent());
}

void QuitController::askBeforeQuitting()
{
    if (m_closeBox) {
        m_closeBox->raise();
        return;
    }
    const bool inEngine = m_scheduler->mirroredCount() > 0;
    // Created non-modal over the window (open(), not exec()): a signal may still arrive meanwhile.
    // Keeping the engine's jobs is a question with a safe answer; stopping the window's own is
    // not undone, hence the warning.
    auto *box = new QMessageBox(inEngine ? QMessageBox::Question : QMessageBox::Warning,
                                tr("Jobs are still running"), questionText(),
                                QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(questionDetails());
    QPushButton *keep = nullptr;
    if (inEngine) {
        keep = box->addButton(tr("&Keep running in the background"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("keepRunningButton"));
    }
    QPushButton *stop = box->addButton(inEngine ? tr("&Stop the jobs and quit")
                                                : tr("&Stop jobs and quit"),
                                       QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("stopJobsButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    // Keeping them is what the engine is for; stopping the window's own jobs is not undone.
    box->setDefaultButton(keep ? keep : cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, keep, stop](QAbstractButton *clicked) {
        if (clicked == stop)
            quitGracefully(true);
        else if (clicked == keep)
            quitGracefully(false);
    });
    m_closeBox = box;
    box->open();
}

QString QuitController::questionText() const
{
    if (const int inEngine = m_scheduler->mirroredCount(); inEngine > 0)
        //: the question when closing the window; the answer "Keep running in the background"
        return tr("Keep %n job(s) running in the background?", nullptr, inEngine);
    const int running = m_scheduler->runningCount();
    const int queued = m_scheduler->queuedCount();
    QStringList what;
    if (running > 0)
        what << tr("%n job(s) are still running.", nullptr, running);
    if (queued > 0)
        what << tr("%n queued job(s) will not start.", nullptr, queued);
    return what.join(QLatin1Char(' '));
}

QString QuitController::questionDetails() const
{
    QStringList more;
    const int inEngine = m_scheduler->mirroredCount();
    if (inEngine > 0)
        //: "They": the jobs the question counts (%n of them, plural forms)
        more << tr("They go on running in the engine after the window closes; ProcDeck shows "
                   "them again when it opens.",
                   nullptr, inEngine);
    const int running = m_scheduler->runningCount();
    if (running > 0) {
        const QString grace = QLocale().toString(longestGrace(*m_scheduler, m_defaultGrace));
        more << (inEngine > 0
                         ? tr("The window's own %n job(s) stop either way: SIGTERM to each "
                              "process tree, then SIGKILL after up to %1 s.",
                              nullptr, running)
                         : tr("Quitting sends SIGTERM to each job's process tree, waits up to "
                              "%1 s for them to end, then kills what is left with SIGKILL."))
                        .arg(grace);
    }
    if (const int queued = m_scheduler->queuedCount(); queued > 0 && inEngine > 0)
        more << tr("%n queued job(s) will not start.", nullptr, queued);
    const int others = (m_backgroundCount ? m_backgroundCount() : 0) - inEngine;
    if (others > 0)
        more << tr("The %n job(s) in the Background tab run on in the engine either way.",
                   nullptr, others);
    return more.join(QStringLiteral("\n\n"));
}

} // namespace procdeck::app
