#pragma once

#include "runlog.h"
#include "runlogwriter.h"

#include <QBitArray>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace procdeck {

class Job;
struct RunRequest;

/// A run's --export and --joblog, written while it runs: a row as each job ends, a row for each
/// job that never ended when the run stops, the files put in place by finish(). The one export
/// loop of procdeck-cli and the window.
class RunExport final
{
public:
    /// Edits a row before it is written (numbering, notes, output paths).
    using Adjust = std::function<void(ExportEntry &)>;

    RunExport(const RunExport &) = delete;
    RunExport &operator=(const RunExport &) = delete;

    /// Opens the files `request` names, before the first job starts, so that a wrong path is
    /// said at once: null with *error ("--export: cannot write …"). Null with *error empty when
    /// it names none. `jobs`: the run's job count; `appendJobLog`: keep the joblog's rows.
    static std::unique_ptr<RunExport> open(const RunRequest &request, int jobs, bool appendJobLog,
                                           const runlog::StreamWriter::StdoutWriter &toStdout,
                                           QString *error);

    /// The run's jobs were given to the scheduler as seqs firstSeq, firstSeq + 1, … (in the
    /// order of the request's jobs); call before any of them ends. 1 when never called.
    void setFirstSeq(int firstSeq) { m_firstSeq = firstSeq; }
    /// The number each job's rows carry, by its place in the run (--resume's numbers); a job
    /// without one is numbered by its place, from 1.
    void setNumbers(const QList<int> &numbers) { m_numbers = numbers; }
    /// A job's place in the run (from 0), its retries included; -1 when it is not the run's.
    int indexOf(const Job &job) const;
    /// The number rows of the job at `index` carry.
    int numberOf(int index) const { return m_numbers.value(index, index + 1); }

    /// A try of one of the run's jobs ended. Its rows are written when it was the job's last
    /// try, under the job's number, as GNU parallel's joblog keeps only the last try; `adjust`
    /// edits them first. True when rows were taken.
    bool addEnded(const Job &job, const Adjust &adjust = {});
    /// The rows of a job that never reported its end (the run was stopped), unless it has some.
    bool addUnended(const Job &job, const Adjust &adjust = {});
    /// How many jobs have their rows.
    int rows() const { return m_rows; }
    /// Every job of the run has its rows: time for finish().
    bool isComplete() const { return m_rows == m_added.size(); }
    /// Writes what is held and puts the files in place. False with the problems in *errors.
    bool finish(QStringList *errors);

private:
    RunExport() = default;
    int takenIndex(const Job &job) const;
    ExportEntry numbered(ExportEntry entry, int index, const Adjust &adjust) const;

    std::unique_ptr<runlog::StreamWriter> m_export;
    std::unique_ptr<runlog::StreamWriter> m_jobLog;
    QBitArray m_added; ///< by job index: its rows were given to the writers
    QList<int> m_numbers;
    int m_firstSeq = 1;
    int m_rows = 0;
};

} // namespace procdeck
