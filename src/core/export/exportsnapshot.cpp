#include "exportsnapshot.h"

#include "output/outputlog.h"
#include "output/textdecoder.h"
#include "process/job.h"

namespace procdeck {

void ExportSnapshot::add(const Job &job, int number)
{
    Taken taken{ExportEntry::recordOf(job), job.spec().encoding, job.sharedStdoutLog(),
                job.sharedStderrLog()};
    taken.entry.record.seq = number;
    m_jobs << std::move(taken);
}

QString ExportSnapshot::write(const QString &path, runlog::Format format) const
{
    QList<ExportEntry> entries;
    entries.reserve(m_jobs.size());
    for (const Taken &taken : m_jobs) {
        ExportEntry e = taken.entry;
        e.stdoutText = TextDecoder::decodeAll(taken.encoding,
                                              taken.stdoutLog->readAll(&e.stdoutTruncated));
        e.stderrText = TextDecoder::decodeAll(taken.encoding,
                                              taken.stderrLog->readAll(&e.stderrTruncated));
        entries << std::move(e);
    }
    QString error;
    return runlog::write(path, format, entries, &error) ? QString() : error;
}

} // namespace procdeck
