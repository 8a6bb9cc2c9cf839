#pragma once

#include "outputlog.h"

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace procdeck {

struct JobRecord;

/// A job's two captured streams: their logs (read into by JobOutputReader on OutputPump's thread,
/// which shares them), their spill files in the run's folder, and their decoded tails.
class JobOutput final
{
public:
    /// `outputDir` empty: output is kept in memory only (the bounded tail).
    JobOutput(const QString &outputDir, int seq, qsizetype tailLimit);
    JobOutput(const JobOutput &) = delete;
    JobOutput &operator=(const JobOutput &) = delete;

    const OutputLog &stdoutLog() const { return *m_stdout; }
    const OutputLog &stderrLog() const { return *m_stderr; }
    /// The logs, for the thread that reads the pipes into them.
    const std::shared_ptr<OutputLog> &sharedStdout() const { return m_stdout; }
    const std::shared_ptr<OutputLog> &sharedStderr() const { return m_stderr; }
    /// Makes what was read into both logs visible to their readers (OutputLog::publish()).
    bool publish();
    /// Makes the spill files hold everything read so far (they are written in batches).
    void flush();
    /// Bytes of each stream kept in memory from now on.
    void shrinkTails(qsizetype bytes);
    /// Closes both streams; waits for no disk (isWritten() says when their files are complete).
    void close();
    /// True when both spill files can be read whole (OutputLog::isWritten()).
    bool isWritten() const;
    /// A note for each stream whose complete bytes could not be kept, as far as known now
    /// (final once isWritten()).
    QStringList notes() const;
    /// The in-memory tail of a stream decoded in `encoding`.
    QString stdoutText(const QString &encoding) const;
    QString stderrText(const QString &encoding) const;
    /// Fills the record's byte and line counts and the paths of complete spill files.
    void fillRecord(JobRecord &record) const;

private:
    std::shared_ptr<OutputLog> m_stdout;
    std::shared_ptr<OutputLog> m_stderr;
};

} // namespace procdeck
