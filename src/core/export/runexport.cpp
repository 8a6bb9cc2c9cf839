#include "runexport.h"

#include "process/job.h"
#include "parallel/joboptions.h"

namespace procdeck {

std::unique_ptr<RunExport> RunExport::open(const RunRequest &request, int jobs, bool appendJobLog,
                                           const runlog::StreamWriter::StdoutWriter &toStdout, QString *error)
{
    error->clear();
    if (request.exportPath.isEmpty() && request.jobLogPath.isEmpty())
        return nullptr;
    std::unique_ptr<RunExport> run(new RunExport);
    if (!request.exportPath.isEmpty()) {
        run->m_export = runlog::StreamWriter::open(request.exportPath, request.exportFormat, false, toStdout, error);
        if (!run->m_export) {
            error->prepend(QStringLiteral("--export: "));
            return nullptr;
        }
    }
    if (!request.jobLogPath.isEmpty()) {
        run->m_jobLog = runlog::StreamWriter::open(request.jobLogPath, runlog::Format::JobLog, appendJobLog, toStdout, error);
        if (!run->m_jobLog) {
            error->prepend(QStringLiteral("--joblog: "));
            return nullptr;
        }
    }
    run->m_added.resize(jobs);
    return run;
}

void RunExport::addEnded(int index, const Job &job, const Adjust &adjust)
{
    if (!takes(index))
        return;
    auto adjusted = [&adjust](ExportEntry e) {
        if (adjust)
            adjust(e);
        return e;
    };
    if (m_jobLog)
        m_jobLog->add(index, adjusted(ExportEntry::recordOf(job)));
    if (m_export)
        m_export->add(index, adjusted(ExportEntry::fromJob(job, true))); // decoded, if need be, off this thread
    m_added.setBit(index);
    ++m_rows;
}

void RunExport::addUnended(int index, const Job &job, const Adjust &adjust)
{
    if (!takes(index))
        return;
    ExportEntry e = ExportEntry::fromJob(job);
    if (adjust)
        adjust(e);
    if (m_export)
        m_export->add(index, e);
    if (m_jobLog)
        m_jobLog->add(index, e);
    m_added.setBit(index);
    ++m_rows;
}

bool RunExport::finish(QStringList *errors)
{
    bool ok = true;
    for (auto *writer : {m_export.get(), m_jobLog.get()}) {
        QString error;
        if (writer && !writer->finish(&error)) {
            errors->append(error);
            ok = false;
        }
    }
    return ok;
}

} // namespace procdeck
