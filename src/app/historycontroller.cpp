#include "historycontroller.h"

#include "historydialog.h"
#include "noticebar.h"

#include "core/history/history.h"
#include "core/history/historyretention.h"
#include "core/types/preferences.h"

#include <QMessageBox>

namespace procdeck::app {

HistoryController::HistoryController(History *history, const Scheduler *scheduler,
                                     const Preferences *prefs, QWidget *window)
    : QObject(window), m_history(history), m_scheduler(scheduler), m_prefs(prefs), m_window(window),
      m_banner(new NoticeBar(NoticeBar::Kind::Error, window))
{
    m_banner->setObjectName(QStringLiteral("historyBanner"));
    connect(m_history, &History::writeStalled, this, [this](const QString &reason) {
        m_banner->showText(
                tr("The history cannot be written (%1). Nothing is lost: the jobs' rows are kept "
                   "and written as soon as the database can be.")
                        .arg(reason));
    });
    connect(m_history, &History::writeRecovered, this, [this] {
        m_banner->hide();
        emit message(tr("The history caught up: every job is recorded."), 10000);
    });
}

HistoryController::~HistoryController()
{
    if (m_retention)
        m_retention->wait(); // it only deletes files; never long
}

void HistoryController::open(int keepDays, int keepJobs)
{
    // Opened on the history's thread; jobs recorded meanwhile are kept until it answers.
    connect(
            m_history, &History::opened, this,
            [this, keepDays, keepJobs](bool ok, const QString &error, const QString &notice) {
                if (!ok) {
                    emit message(tr("History is off: %1").arg(error), 0);
                    return;
                }
                if (!notice.isEmpty()) {
                    // Said where the person looks, without blocking the window.
                    auto *box
                            = new QMessageBox(QMessageBox::Warning, tr("History database replaced"),
                                              notice, QMessageBox::Ok, m_window);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
                startRetention(keepDays, keepJobs);
            },
            Qt::SingleShotConnection);
    m_history->attach(m_scheduler);
    m_history->openInBackground(History::defaultPath());
}

void HistoryController::startRetention(int keepDays, int keepJobs)
{
    if (m_retention || (keepDays == 0 && keepJobs == 0))
        return;
    const QString path = m_history->path();
    m_retention.reset(QThread::create([path, keepDays, keepJobs] {
        qint64 freed = 0;
        QString error;
        HistoryRetention::apply(path, keepDays, keepJobs, &freed, &error);
    }));
    connect(m_retention.get(), &QThread::finished, this, [this] {
        m_retention->wait();
        m_retention.reset();
    });
    m_retention->start(QThread::LowPriority);
}

void HistoryController::showDialog()
{
    HistoryDialog dialog(m_history, m_window);
    connect(&dialog, &HistoryDialog::runAgain, this,
            [this, &dialog](const JobSpec &spec, const QString &executor, const QString &host) {
        // Where it ran, or not at all: a job that ran on a host needs that host's files and
        // programs, and one that Preferences no longer name may be gone or not wanted.
        RunOn runOn;
        if (m_prefs->runAgainOn(executor, host, &runOn)) {
            emit runAgainRequested(spec, runOn);
            return;
        }
        const QString text = executor == procdeck::executor::ssh()
                //: %1: the ssh host the job ran on
                ? tr("Not run again: it ran on %1, which is no longer among the SSH hosts in "
                     "Preferences. "
                     "Add it there to run it there again.")
                          .arg(host)
                : tr("Not run again: it ran on the Slurm cluster, and the Slurm arguments in "
                     "Preferences do not read.");
        dialog.showProblem(text);
        emit message(text, 15000);
    });
    dialog.exec();
}

} // namespace procdeck::app
