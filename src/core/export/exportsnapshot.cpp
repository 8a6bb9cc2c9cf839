#include "exportsnapshot.h"

#include "output/outputlog.h"
#include "output/textdecoder.h"
#include "process/job.h"

namespace procdeck {

void ExportSnapshot::add(const Job &job, int number)
{
    Taken taken{ExportEntry::recordOf(job), job.spec().encoding, job.sharedStdoutLog(),
                job.sharedStderrLog(), {}};
    const JobRecord &r = taken.entry.record;
    taken.unfetched = {r.stdoutBytes > job.stdoutLog().totalBytes(),
                       r.stderrBytes > job.stderrLog().totalBytes()};
    taken.entry.record.seq = number;
    m_jobs << std::move(taken);
}

QString ExportSnapshot::write(const QString &path, runlog::Format format) const
{
    QList<ExportEntry> entries;
    entries.reserve(m_jobs.size());
    for (const Taken &taken : m_jobs) {
        ExportEntry e = taken.entry;
        // Cut when its file could not be read whole, or when it holds less than was counted
        // (recordOf(): an engine's row whose output was not fetched).
        bool cut[2] = {false, false};
        e.stdoutText = TextDecoder::decodeAll(taken.encoding, taken.stdoutLog->readAll(&cut[0]));
        e.stderrText = TextDecoder::decodeAll(taken.encoding, taken.stderrLog->readAll(&cut[1]));
        e.stdoutTruncated = cut[0] || taken.unfetched[0];
        e.stderrTruncated = cut[1] || taken.unfetched[1];
        entries << std::move(e);
    }
    QString error;
    return runlog::write(path, format, entries, &error) ? QString() : error;
}

} // namespace procdeck
