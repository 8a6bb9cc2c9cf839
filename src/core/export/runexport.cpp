#include "runexport.h"

#include "process/job.h"
#include "parallel/joboptions.h"

namespace procdeck {

std::unique_ptr<RunExport> RunExport::open(const RunRequest &request, int jobs, bool appendJobLog,
                                           const runlog::StreamWriter::StdoutWriter &toStdout,
                                           QString *error)
{
    error->clear();
    if (request.exportPath.isEmpty() && request.jobLogPath.isEmpty())
        return nullptr;
    std::unique_ptr<RunExport> run(new RunExport);
    if (!request.exportPath.isEmpty()) {
        run->m_export = runlog::StreamWriter::open(request.exportPath, request.exportFormat,
                                                   runlog::StreamWriter::Start::Anew,
                                                   toStdout, error);
        if (!run->m_export) {
            error->prepend(QStringLiteral("--export: "));
            return nullptr;
        }
    }
    if (!request.jobLogPath.isEmpty()) {
        using Start = runlog::StreamWriter::Start;
        const Start start = request.jobLogAppend ? Start::AppendRows
                            : appendJobLog       ? Start::Resume
                                                 : Start::Anew;
        run->m_jobLog = runlog::StreamWriter::open(request.jobLogPath, runlog::Format::JobLog,
                                                   start, toStdout, error);
        if (!run->m_jobLog) {
            error->prepend(QStringLiteral("--joblog: "));
            return nullptr;
        }
    }
    run->m_added.resize(jobs);
    return run;
}

int RunExport::indexOf(const Job &job) const
{
    const int index = job.firstSeq() - m_firstSeq;
    return index >= 0 && index < m_added.size() ? index : -1;
}

int RunExport::takenIndex(const Job &job) const
{
    // A try that was retried has no rows of its own: the job's last try speaks for it.
    const int index = job.retriedAs() == 0 ? indexOf(job) : -1;
    return index >= 0 && !m_added.testBit(index) ? index : -1;
}

ExportEntry RunExport::numbered(ExportEntry entry, int index, const Adjust &adjust) const
{
    entry.record.seq = numberOf(index);
    if (adjust)
        adjust(entry);
    return entry;
}

bool RunExport::addEnded(const Job &job, const Adjust &adjust)
{
    const int index = takenIndex(job);
    if (index < 0)
        return false;
    if (m_jobLog)
        m_jobLog->add(index, numbered(ExportEntry::recordOf(job), index, adjust));
    if (m_export) // decoded, if need be, off this thread
        m_export->add(index, numbered(ExportEntry::fromJob(job, true), index, adjust));
    m_added.setBit(index);
    ++m_rows;
    return true;
}

bool RunExport::addUnended(const Job &job, const Adjust &adjust)
{
    const int index = takenIndex(job);
    if (index < 0)
        return false;
    const ExportEntry e = numbered(ExportEntry::fromJob(job), index, adjust);
    if (m_export)
        m_export->add(index, e);
    if (m_jobLog)
        m_jobLog->add(index, e);
    m_added.setBit(index);
    ++m_rows;
    return true;
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
