#pragma once

#include "runlog.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

class QTemporaryFile;

namespace procdeck::runlog {

/// A run log written while the jobs run, one row as each job ends, so that memory stays flat
/// however many jobs there are and however much they print (5000 jobs × 160 KB each must not
/// mean 4 GB of export in memory).
///
/// - JSON Lines and CSV: rows in job order (a job that ends early waits, in memory up to a
///   bound and then in a temporary file, for those before it); the file is written beside its
///   final name and renamed into place by finish(), so a failed run leaves an earlier file as
///   it was.
/// - The joblog (GNU parallel's format): appended in the order jobs end and flushed row by row,
///   like GNU parallel's, so that a procdeck-cli killed with SIGKILL leaves the ended jobs' rows
///   for --resume.
/// - The text and HTML reports need every job before their first line: each job's figures and
///   last lines are kept (not its output) and the report is written by finish().
///
/// The path is opened by open(), before the first job starts, so that a wrong path is said
/// at once. "-" (and /dev/stdout) writes through `toStdout` instead of a file; for JSON Lines
/// and CSV it is called from the writer's own thread.
///
/// JSON Lines and CSV rows are rendered and written by a thread of the writer's own, so that
/// the event loop goes on reading the jobs' pipes meanwhile; add() waits only when 64 MiB of
/// rows are already waiting for it. A row that names spill files waits there until they are
/// whole (SpillWriter::syncAll()).
class StreamWriter final
{
public:
    using StdoutWriter = std::function<void(QByteArray)>;
    /// How a joblog is opened: anew (its header first), appended for --resume (its rows kept; a
    /// header when it is new), or appended as GNU parallel's `--joblog +FILE` (rows, never a
    /// header). Other formats are always written anew.
    enum class Start { Anew, Resume, AppendRows };

    ~StreamWriter();
    StreamWriter(const StreamWriter &) = delete;
    StreamWriter &operator=(const StreamWriter &) = delete;

    /// Opens `path` for `format`, a joblog as `start` says. Null with *error ("cannot write
    /// '/x/y.jsonl': No such file or directory").
    static std::unique_ptr<StreamWriter> open(const QString &path, Format format, Start start,
                                              const StdoutWriter &toStdout, QString *error);

    /// Adds the row of one job; `index` is its place in the run (from 0): rows of JSON Lines and
    /// CSV are written in that order. Each index once.
    void add(int index, const ExportEntry &entry);
    /// Writes what is still held (rows whose predecessors never came are written in order)
    /// and puts the file in place. False with *error when anything could not be written.
    bool finish(QString *error);

    QString path() const { return m_path; }

private:
    StreamWriter() = default;
    void runWorker();
    void writeRow(int index, const QByteArray &row);
    /// Opens m_path for writing (a joblog in place, a pipe straight, a file through a temporary
    /// one): 0, or the errno that prevented it.
    int openTarget(bool append);
    /// The header a new file starts with; an appended joblog gets none, only a missing '\n'.
    void writeStart(Start start);
    void emitBytes(const QByteArray &bytes);
    void hold(int index, const QByteArray &row);
    void releaseHeld();
    QByteArray takeHeld(int index);
    void fail(int err);

    QString m_path;
    Format m_format = Format::JsonLines;
    StdoutWriter m_toStdout; ///< set: the log goes to procdeck-cli's stdout
    int m_fd = -1;
    QString m_tempPath;      ///< the file written, renamed to m_path at the end (regular files)
    QString m_error;

    // Rows that came before their predecessors (JSON Lines, CSV).
    struct Held {
        QByteArray bytes;    ///< in memory, or empty when spooled
        qint64 offset = -1;  ///< in m_spool when spooled
        qsizetype size = 0;
    };
    QMap<int, Held> m_held;
    qint64 m_heldInMemory = 0;
    std::unique_ptr<QTemporaryFile> m_spool;
    int m_nextIndex = 0;

    QList<ExportEntry> m_reportEntries; ///< text and HTML: figures and last lines only

    // The rows' thread (JSON Lines, CSV): everything above is its own until finish() joins it.
    std::thread m_worker;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<int, ExportEntry>> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_closing = false;
};

} // namespace procdeck::runlog
