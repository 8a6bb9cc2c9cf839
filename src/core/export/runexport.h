#pragma once

#include "runlog.h"
#include "runlogwriter.h"

#include <QBitArray>
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
                                           const runlog::StreamWriter::StdoutWriter &toStdout, QString *error);

    /// The rows of a job that ended; `index` is its place in the run (from 0), each once.
    void addEnded(int index, const Job &job, const Adjust &adjust = {});
    /// The row of a job that never reported its end (the run was stopped), unless it has one.
    void addUnended(int index, const Job &job, const Adjust &adjust = {});
    /// How many jobs have their rows.
    int rows() const { return m_rows; }
    /// Writes what is held and puts the files in place. False with the problems in *errors.
    bool finish(QStringList *errors);

private:
    RunExport() = default;
    bool takes(int index) const { return index >= 0 && index < m_added.size() && !m_added.testBit(index); }

    std::unique_ptr<runlog::StreamWriter> m_export;
    std::unique_ptr<runlog::StreamWriter> m_jobLog;
    QBitArray m_added; ///< by job index: its rows were given to the writers
    int m_rows = 0;
};

} // namespace procdeck
