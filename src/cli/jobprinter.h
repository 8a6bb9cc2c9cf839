#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace procdeck {
class Job;
class OutputLog;
}
class OutputSink;

/// Prints each ended job's output whole (never interleaved, GNU parallel's default), its stdout
/// to procdeck-cli's stdout and its stderr to its stderr, optionally in job order (-k) and with
/// each line tagged (--tag). Nothing is copied into memory but what exists nowhere else.
class JobPrinter final
{
public:
    JobPrinter(OutputSink *out, OutputSink *err, bool keepOrder, QList<QByteArray> tags);
    /// The tags' bytes as the job texts hold them; an empty tag still writes its TAB.
    static QList<QByteArray> tagBytes(const QStringList &tags);

    /// Queues `job`'s output; `index` is its place among the jobs that run (from 0), which is
    /// the order -k prints in; `tagIndex` picks its tag. Call from jobEnded: the in-memory tail
    /// is not yet trimmed (the spill files may still be being written: the sink waits for them).
    void jobEnded(const procdeck::Job &job, int index, int tagIndex);
    /// GNU parallel's -v: each job's command line first on stdout, as part of its output.
    void setPrintCommands(bool on) { m_printCommands = on; }
    /// Prints whatever -k still holds (jobs before it that never ended), in order.
    void flushHeld();

private:
    struct Stream {
        QString path; ///< the complete spill file, or empty: `bytes` is all there is
        qint64 size = 0;
        QByteArray bytes;
        std::shared_ptr<procdeck::OutputLog> log; ///< whose writer the sink waits for
    };
    struct Printout {
        Stream out;
        Stream err;
        QByteArray tag;
        QByteArray command; ///< -v: the line printed before `out`
    };
    static Stream capture(const std::shared_ptr<procdeck::OutputLog> &log);
    void print(const Printout &p);

    OutputSink *m_out;
    OutputSink *m_err;
    bool m_keepOrder;
    bool m_printCommands = false;
    QList<QByteArray> m_tags;
    QMap<int, Printout> m_held; ///< -k: ended, waiting for an earlier job
    int m_nextIndex = 0;
};
