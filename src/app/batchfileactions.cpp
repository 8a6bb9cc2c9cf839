#include "batchfileactions.h"

#include "core/parallel/batchfile.h"
#include "core/scheduling/scheduler.h"

#include "core/process/job.h"

#include <QFileDialog>
#include <QMessageBox>

namespace procdeck::app {

BatchFileActions::BatchFileActions(const Scheduler *scheduler, QWidget *dialogParent)
    : QObject(dialogParent), m_scheduler(scheduler), m_dialogParent(dialogParent)
{
}

bool BatchFileActions::open(const QString &path, Where where)
{
    BatchFile file;
    QString error;
    QStringList warnings;
    QList<JobSpec> jobs;
    if (!BatchFile::load(path, &file, &error, &warnings) || !file.expand(&jobs, &error)) {
        QMessageBox::warning(m_dialogParent, tr("Batch file refused"), error);
        return false;
    }
    if (where == Where::Engine) {
        emit backgroundBatchRequested(jobs, qMax(file.maxParallel, 0));
        if (!warnings.isEmpty()) // the engine's answer says what was sent
            emit message(warnings.join(QLatin1String("; ")), 10000);
        return true;
    }
    if (file.resources.any()) {
        ResourceLimits limits = m_scheduler->resources().limits();
        const ResourceLimits &set = file.resources;
        limits.maxLoad = set.maxLoad > 0 ? set.maxLoad : limits.maxLoad;
        limits.memFree = set.memFree > 0 ? set.memFree : limits.memFree;
        limits.memSuspend = set.memSuspend > 0 ? set.memSuspend : limits.memSuspend;
        emit resourceLimitsRequested(limits);
    }
    emit batchRequested(jobs, file.maxParallel > 0 ? file.maxParallel : m_scheduler->maxParallel());
    emit message(warnings.isEmpty()
                         ? tr("Running %n job(s) from %1", nullptr, int(jobs.size())).arg(path)
                         : warnings.join(QLatin1String("; ")),
                 10000);
    return true;
}

bool BatchFileActions::save(const QString &path, const JobSpec &defaults)
{
    BatchFile file;
    file.defaults = defaults;
    file.defaults.useShell = true;
    file.maxParallel = m_scheduler->maxParallel();
    for (int i = 0; i < m_scheduler->count(); ++i)
        file.jobs << m_scheduler->jobAt(i)->spec();
    QString error;
    if (!file.save(path, &error)) {
        QMessageBox::warning(m_dialogParent, tr("Save failed"),
                             tr("The batch file was not saved: %1").arg(error));
        return false;
    }
    emit message(tr("Saved %n job(s) to %1", nullptr, int(file.jobs.size())).arg(path), 8000);
    return true;
}

void BatchFileActions::openWithDialog(Where where)
{
    const QString title = where == Where::Engine ? tr("Open batch file in the background")
                                                 : tr("Open batch file");
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, title, QString(),
                                                      tr("Batch files (*.json);;All files (*)"));
    if (!path.isEmpty())
        open(path, where);
}

void BatchFileActions::saveWithDialog(const JobSpec &defaults)
{
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Save jobs as batch file"),
                                                      QStringLiteral("batch.json"),
                                                      tr("Batch files (*.json)"));
    if (!path.isEmpty())
        save(path, defaults);
}

} // namespace procdeck::app
