#include "exportactions.h"

#include "jobtablepanel.h"

#include "core/runlog.h"
#include "core/scheduler.h"

#include <QFileDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace procdeck::app {

ExportActions::ExportActions(Scheduler *scheduler, JobTablePanel *table, QMainWindow *window)
    : QObject(window), m_scheduler(scheduler), m_table(table), m_window(window)
{
}

void ExportActions::exportWithDialog(bool selectedOnly)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString chosenFilter;
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export run log"), documents + QStringLiteral("/procdeck-run.jsonl"),
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

bool ExportActions::exportTo(const QString &path, bool selectedOnly)
{
    QList<ExportEntry> entries;
    if (selectedOnly) {
        for (const Job *job : m_table->selectedJobs())
            entries << ExportEntry::fromJob(*job);
    } else {
        for (int i = 0; i < m_scheduler->count(); ++i)
            entries << ExportEntry::fromJob(*m_scheduler->jobAt(i));
    }
    runlog::Format format = runlog::Format::JsonLines;
    runlog::formatForPath(path, &format);
    QString error;
    if (!runlog::write(path, format, entries, &error)) {
        QMessageBox::warning(m_window, tr("Export failed"), tr("The run log was not written: %1").arg(error));
        return false;
    }
    m_window->statusBar()->showMessage(tr("Exported %n job(s) to %1", nullptr, int(entries.size())).arg(path), 8000);
    return true;
}

} // namespace procdeck::app
