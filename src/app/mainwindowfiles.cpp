// MainWindow's dealings with files: run-log exports, batch files, and the history database.
#include "mainwindow.h"

#include "core/batchfile.h"
#include "core/runlog.h"
#include "historydialog.h"
#include "core/historyretention.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

namespace procdeck::app {

void MainWindow::openHistory()
{
    QString error;
    QString notice;
    if (!m_history.open(History::defaultPath(), &error, &notice)) {
        statusBar()->showMessage(tr("History is off: %1").arg(error));
        return;
    }
    m_history.attach(&m_scheduler);
    if (!notice.isEmpty()) {
        // Said where the person looks, without blocking the window.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("History database replaced"), notice, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QTimer::singleShot(0, box, [box] { box->open(); });
    }
    startRetention();
}

void MainWindow::startRetention()
{
    if (m_retention || (m_prefs.keepDays == 0 && m_prefs.keepJobs == 0))
        return;
    const QString path = m_history.path();
    const int days = m_prefs.keepDays;
    const int jobs = m_prefs.keepJobs;
    m_retention.reset(QThread::create([path, days, jobs] {
        qint64 freed = 0;
        QString error;
        HistoryRetention::apply(path, days, jobs, &freed, &error);
    }));
    connect(m_retention.get(), &QThread::finished, this, [this] {
        m_retention->wait();
        m_retention.reset();
    });
    m_retention->start(QThread::LowPriority);
}

void MainWindow::exportRunLog(bool selectedOnly)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString chosenFilter;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export run log"), documents + QStringLiteral("/procdeck-run.jsonl"),
        tr("JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog (*.joblog);;Report as text (*.txt);;Report as HTML (*.html)"),
        &chosenFilter);
    if (path.isEmpty())
        return;
    runlog::Format format = runlog::Format::JsonLines;
    if (!runlog::formatForPath(path, &format)) {
        // No extension typed: take the chosen filter's, and add it to the name.
        const QString extension = chosenFilter.section(QLatin1String("*."), 1).section(QLatin1Char(')'), 0, 0);
        if (runlog::formatFromName(extension, &format))
            path += QLatin1Char('.') + extension;
    }
    exportTo(path, selectedOnly);
}

bool MainWindow::exportTo(const QString &path, bool selectedOnly)
{
    QList<ExportEntry> entries;
    if (selectedOnly) {
        for (const Job *job : selectedJobs())
            entries << ExportEntry::fromJob(*job);
    } else {
        for (int i = 0; i < m_scheduler.count(); ++i)
            entries << ExportEntry::fromJob(*m_scheduler.jobAt(i));
    }
    runlog::Format format = runlog::Format::JsonLines;
    runlog::formatForPath(path, &format);
    QString error;
    if (!runlog::write(path, format, entries, &error)) {
        QMessageBox::warning(this, tr("Export failed"), tr("The run log was not written: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %n job(s) to %1", nullptr, int(entries.size())).arg(path), 8000);
    return true;
}

void MainWindow::showHistory()
{
    HistoryDialog dialog(&m_history, this);
    connect(&dialog, &HistoryDialog::runAgain, this, [this](const JobSpec &spec) { launch(spec); });
    dialog.exec();
}

bool MainWindow::openBatchFile(const QString &path)
{
    BatchFile file;
    QString error;
    QStringList warnings;
    QList<JobSpec> jobs;
    if (!BatchFile::load(path, &file, &error, &warnings) || !file.expand(&jobs, &error)) {
        QMessageBox::warning(this, tr("Batch file refused"), error);
        return false;
    }
    launchBatch(jobs, file.maxParallel > 0 ? file.maxParallel : m_scheduler.maxParallel());
    statusBar()->showMessage(warnings.isEmpty() ? tr("Running %n job(s) from %1", nullptr, int(jobs.size())).arg(path)
                                                : warnings.join(QLatin1String("; ")),
                             10000);
    return true;
}

bool MainWindow::saveBatchFile(const QString &path)
{
    BatchFile file;
    file.defaults = m_prefs.applyTo(JobSpec{});
    file.defaults.useShell = true;
    file.maxParallel = m_scheduler.maxParallel();
    for (int i = 0; i < m_scheduler.count(); ++i)
        file.jobs << m_scheduler.jobAt(i)->spec();
    QString error;
    if (!file.save(path, &error)) {
        QMessageBox::warning(this, tr("Save failed"), tr("The batch file was not saved: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %n job(s) to %1", nullptr, int(file.jobs.size())).arg(path), 8000);
    return true;
}

} // namespace procdeck::app
