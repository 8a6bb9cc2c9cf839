#pragma once

#include "core/parallel/joboptions.h"
#include "outputsink.h"

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

/// Prints each ended job's output whole (never interleaved, GNU parallel's default), its stdout
/// to procdeck-cli's stdout and its stderr to its stderr, optionally in job order (-k) and with
/// each line tagged (--tag). Nothing is copied into memory but what exists nowhere else.
///
/// With --line-buffer, a running job's whole lines are printed as they come (from its spill
/// files, as they grow: never half a line, so two jobs' lines never mix); under -k only the
/// first unprinted job's live, the others' when their turn comes. With -u (--ungroup), its bytes
/// as they come, untagged and in no order, as parallel's.
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
    /// How the output is given (call before the first job); `groupOf`: GNU parallel's --onall,
    /// RunRequest::outputGroups (by index): without -k, a group's jobs are printed together, in
    /// order, once its last has ended (--group only).
    void setGrouping(procdeck::RunRequest::Grouping grouping, const QList<int> &groupOf = {});
    /// A running job's output grew (Scheduler::jobOutputChanged): with --line-buffer or -u,
    /// what can be printed of it is queued.
    void jobOutput(const procdeck::Job &job, int index, int tagIndex);
    /// --results: each ended job's seq, stdout and stderr kept where `outs` say (by job number
    /// from 0: RunRequest::resultsOut; `name` + "//" past its end), nothing printed but with
    /// `printNames` its stdout file's name. --files alone (`name` empty): its stdout kept in a
    /// new file in `tempFolder`, whose name is printed (its stderr is not kept, as parallel's).
    void keepInFiles(const QString &name, QStringList outs, bool printNames,
                     const QString &tempFolder);
    /// --results NAME.csv or .tsv: nothing printed, a row for each job in the table at `path`
    /// (-.csv, -.tsv: on stdout), its columns separated by `sep`.
    void writeTable(const QString &path, char sep, const QStringList &columnNames = {});
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
        QString keptIn;     ///< --results: the job's folder (ending in '/') or file
        QByteArray seq;     ///< --results: its number
        QByteArray row;     ///< --results NAME.csv: its row
        qsizetype values = 0;
    };
    /// A job printed as it runs (--line-buffer, -u).
    struct Live {
        std::shared_ptr<procdeck::OutputLog> out;
        std::shared_ptr<procdeck::OutputLog> err;
        std::shared_ptr<OutputSink::Cursor> outAt = std::make_shared<OutputSink::Cursor>();
        std::shared_ptr<OutputSink::Cursor> errAt = std::make_shared<OutputSink::Cursor>();
        QByteArray tag;
        QByteArray command;
        bool commandPrinted = false;
        bool ended = false;
    };
    static Stream capture(const std::shared_ptr<procdeck::OutputLog> &log);
    void print(const Printout &p);
    void keep(const Printout &p);
    void printRow(const Printout &p);
    Live &live(const procdeck::Job &job, int index, int tagIndex);
    void printLive(Live &l);
    void liveEnded(const procdeck::Job &job, int index, int tagIndex);
    /// --onall without -k: held until its group is whole; true when it was taken.
    bool holdForGroup(int index, Printout p);

    OutputSink *m_out;
    OutputSink *m_err;
    bool m_keepOrder;
    bool m_printCommands = false;
    QList<QByteArray> m_tags;
    QMap<int, Printout> m_held; ///< -k: ended, waiting for an earlier job
    QMap<int, Live> m_live;     ///< --line-buffer, -u: by index, until printed whole
    QList<int> m_groupOf;       ///< --onall: each index's group
    QMap<int, int> m_groupSize; ///< --onall: jobs in each group
    QMap<int, QMap<int, Printout>> m_groupHeld; ///< --onall: ended, by group, by index
    procdeck::RunRequest::Grouping m_grouping = procdeck::RunRequest::Grouping::Group;
    int m_nextIndex = 0;
    bool m_keeping = false;  ///< --results or --files
    bool m_printNames = false;
    QString m_resultsName;
    QStringList m_resultsOuts;
    QString m_tempFolder;
    QString m_tablePath;
    char m_tableSep = 0; ///< 0: no table
    QStringList m_tableNames; ///< --header's
    bool m_tableStarted = false;
};
