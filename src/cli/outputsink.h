#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

namespace procdeck {
class OutputLog;
}

/// One of procdeck-cli's own output streams (its stdout or its stderr), written from a thread of
/// its own so that a slow or stopped reader never holds up the event loop: timeouts, signals and
/// the jobs go on while the reader sleeps.
///
/// What is queued stays small: a job's output is queued as the name and length of its spill
/// file, and the writer copies it from there; only bytes that exist nowhere else (procdeck-cli's
/// messages, the tail of a stream whose spill file failed) are held in memory.
///
/// A reader that goes away (EPIPE) means "stop printing", not "stop running": later writes are
/// dropped and nothing is reported. Any other write error (ENOSPC, EIO) is kept for error().
class OutputSink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputSink)

public:
    /// Writes to `fd` (not owned; 1 or 2). `name` names it in error() ("standard output").
    OutputSink(int fd, QString name, QObject *parent = nullptr);
    /// Waits for the writer if everything was written; otherwise leaves it to the process's exit
    /// (a reader that never reads must not keep procdeck-cli alive).
    ~OutputSink() override;

    /// Queues bytes. With `tag`, every line is prefixed by the tag and a TAB (the first byte
    /// starts a line).
    void write(QByteArray bytes, const QByteArray &tag = {});
    /// Queues `size` bytes of the file at `path`, read when their turn comes (the file must
    /// stay until then; with `log`, once its writer is done: OutputLog::flush()). Lines are
    /// tagged as with write().
    void writeFile(const QString &path, qint64 size, const QByteArray &tag = {},
                   std::shared_ptr<procdeck::OutputLog> log = {});

    /// Where a stream printed as it grows has been printed up to; the writer's thread's alone.
    struct Cursor {
        qint64 printed = 0;
    };
    /// Queues the bytes of `log`'s spill file at `path` from `cursor` up to offset `upTo`, read
    /// when their turn comes (after `log`'s flush()): a stream printed as it grows. With
    /// `wholeLines`, only up to the last newline among them; the rest waits for a later call.
    /// Each call starts a line (for the tag).
    void writeGrowing(const QString &path, qint64 upTo, std::shared_ptr<Cursor> cursor,
                      bool wholeLines, const QByteArray &tag,
                      std::shared_ptr<procdeck::OutputLog> log);

    /// Where a stream goes instead of this sink's descriptor (--results, --files).
    struct KeepIn {
        QString path;             ///< the file (its folders made), or the folder for newFile
        bool newFile = false;     ///< a new file parXXXXX.par in `path`, as parallel's --files
        bool printName = false;   ///< then `tag` and the file's name, a line on the descriptor
        QByteArray tag;
        bool append = false;      ///< added at the file's end, not in place of what it held
    };
    /// Queues `bytes`, or `size` bytes of the file `from` (after `log`'s flush()), to be written
    /// into a file instead (made even when empty). A file that cannot be written is an error().
    void keep(const KeepIn &where, const QByteArray &bytes, const QString &from = {},
              qint64 size = 0, std::shared_ptr<procdeck::OutputLog> log = {});

    /// True when everything queued has been written (or dropped after EPIPE).
    bool isDrained() const;
    /// The reader went away: nothing more is printed.
    bool readerGone() const;
    /// A write error other than EPIPE ("standard output: No space left on device"), or empty.
    QString error() const;
    /// Bytes write() dropped because kMaxHeldBytes were already waiting in memory for a slow
    /// reader (only bytes that are on no disk are held: the tail of a failed spill file).
    qint64 droppedBytes() const;

    static constexpr qint64 kMaxHeldBytes = 256 * 1024 * 1024;

signals:
    /// Everything queued so far has been written; emitted in the owner's thread.
    void drained();

private:
    void onWakeUp();

    struct Item; ///< a write waiting in the queue
    struct State;
    std::shared_ptr<State> m_state; ///< shared with the writer thread, which may outlive this
};
