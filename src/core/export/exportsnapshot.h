#pragma once

#include "runlog.h"

#include <QList>
#include <QString>

#include <array>
#include <memory>

namespace procdeck {

class Job;
class OutputLog;

/// An export of some jobs, taken on the thread that owns them and written on another: reading
/// 20,000 jobs' output back from their spill files and writing the file takes seconds, and the
/// engine's event loop serves every client meanwhile. It holds each job's record and its two
/// logs (shared: they outlive the job), never the job itself.
class ExportSnapshot final
{
public:
    /// The job as it is now, its rows numbered `number` (its first try's).
    void add(const Job &job, int number);
    qsizetype size() const { return m_jobs.size(); }

    /// Reads each job's output (waiting for its spill files), renders `format` and writes
    /// `path` (runlog::write()): on any thread. The error, or empty when written.
    QString write(const QString &path, runlog::Format format) const;

private:
    struct Taken {
        ExportEntry entry; ///< the record, its output not read yet
        QString encoding;
        std::shared_ptr<const OutputLog> stdoutLog;
        std::shared_ptr<const OutputLog> stderrLog;
        std::array<bool, 2> unfetched; ///< counted more than its log holds (stdout, stderr)
    };
    QList<Taken> m_jobs;
};

} // namespace procdeck
