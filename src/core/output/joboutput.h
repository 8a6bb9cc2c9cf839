#pragma once

#include "outputlog.h"

#include <QByteArray>
#include <QStringList>

#include <array>
#include <memory>

namespace procdeck {

struct JobRecord;

/// A job's two captured streams: their logs (read into by JobOutputReader on OutputPump's thread,
/// which shares them), their spill files in the run's folder, and their decoded tails.
///
/// A stream has a log of its own only from its job's start (open()) until it ended empty
/// (shareEmptyLogs()); before and after, it is the one empty log that all such streams share.
/// 100,000 ended jobs that printed nothing keep no log each (two of ~300 bytes), and the logs
/// of the jobs that run are made and freed as they run: freed between jobs that stay, they
/// would be holes that the engine's memory keeps.
class JobOutput final
{
public:
    /// `outputDir` empty: output is kept in memory only (the bounded tail).
    JobOutput(const QString &outputDir, int seq, qsizetype tailLimit);
    JobOutput(const JobOutput &) = delete;
    JobOutput &operator=(const JobOutput &) = delete;

    /// The job starts: each stream gets a log of its own to read into. Call before anything
    /// reads its pipes.
    void open();

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
    /// Each stream that ended with no byte gives its log up for the shared empty one. Call once
    /// everyone has been told of the end: the log's identity changes.
    void shareEmptyLogs();
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
    /// stdout's and stderr's logs when they are their own, null for the shared empty one.
    std::array<OutputLog *, 2> ownLogs() const;

    std::shared_ptr<OutputLog> m_stdout;
    std::shared_ptr<OutputLog> m_stderr;
    QString m_outputDir; ///< for the logs open() makes
    qsizetype m_tailLimit;
    int m_seq;
};

} // namespace procdeck
