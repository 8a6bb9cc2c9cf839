#include "exportactions.h"

#include "jobtablepanel.h"

#include "core/export/runlog.h"
#include "core/scheduling/scheduler.h"

#include "core/process/job.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>

#include <algorithm>

namespace procdeck::app {

ExportActions::ExportActions(const Scheduler *scheduler, const JobTablePanel *table,
                             QWidget *dialogParent)
    : QObject(dialogParent), m_scheduler(scheduler), m_table(table), m_dialogParent(dialogParent)
{
}

ExportActions::~ExportActions()
{
    for (const auto &writer : m_writers)
        writer->wait(); // the window is closing: the file it asked for is finished first
}

void ExportActions::exportWithDialog(bool selectedOnly)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString chosenFilter;
    QString path = QFileDialog::getSaveFileName(
            m_dialogParent, tr("Export run log"), documents + QStringLiteral("/procdeck-run.jsonl"),
            tr("JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog "
               "(*.joblog);;Report as text (*.txt);;Report as HTML (*.html)"),
            &chosenFilter);
    if (path.isEmpty())
        return;
    runlog::Format format = runlog::Format::JsonLines;
    if (!runlog::formatForPath(path, &format)) {
        // No extension typed: take the chosen filter's, and add it to the name.
        const QString extension
                = chosenFilter.section(QLatin1String("*."), 1).section(QLatin1Char(')'), 0, 0);
        if (runlog::formatFromName(extension, &format))
            path += QLatin1Char('.') + extension;
    }
    exportTo(path, selectedOnly);
}

void ExportActions::exportTo(const QString &path, bool selectedOnly)
{
    // Figures and captured bytes only (shared, not copied): decoding and rendering are the
    // writer's.
    QList<ExportEntry> entries;
    if (selectedOnly) {
        for (const Job *job : m_table->selectedJobs())
            entries << ExportEntry::fromJob(*job, true);
    } else {
        for (int i = 0; i < m_scheduler->count(); ++i)
            entries << ExportEntry::fromJob(*m_scheduler->jobAt(i), true);
    }
    runlog::Format format = runlog::Format::JsonLines;
    runlog::formatForPath(path, &format);
    auto error = std::make_shared<QString>();
    auto ok = std::make_shared<bool>(false);
    std::unique_ptr<QThread> writer(QThread::create([path, format, entries, error, ok] {
        *ok = runlog::write(path, format, entries, error.get());
    }));
    QThread *thread = writer.get();
    connect(thread, &QThread::finished, this,
            [this, thread, path, count = int(entries.size()), error, ok] {
                if (*ok) {
                    emit message(tr("Exported %n job(s) to %1", nullptr, count).arg(path), 8000);
                } else {
                    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"),
                                                tr("The run log was not written: %1").arg(*error),
                                                QMessageBox::Ok, m_dialogParent);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
                thread->wait(); // finished: returns as its thread exits
                m_writers.erase(std::remove_if(m_writers.begin(), m_writers.end(),
                                               [thread](const std::unique_ptr<QThread> &w) {
                                                   return w.get() == thread;
                                               }),
                                m_writers.end());
                emit exported(path, *ok, *error);
            });
    thread->setObjectName(QStringLiteral("procdeck-export"));
    thread->start(QThread::LowPriority);
    m_writers.push_back(std::move(writer));
}

} // namespace procdeck::app
