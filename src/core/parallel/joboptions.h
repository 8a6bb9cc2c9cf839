#pragma once

#include "scheduling/haltpolicy.h"
#include "types/jobspec.h"
#include "types/exportformat.h"
#include "types/resourcelimits.h"
#include "types/runon.h"

#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <memory>

namespace procdeck {

struct PipePlan;

/// What the job options of a command line ask for: shared by procdeck-cli and the window, so
/// that both accept exactly the same options with the same meaning.
struct RunRequest {
    QList<JobSpec> jobs;
    bool isBatch = false;         ///< from --template: shown and counted as one batch
    int maxParallel = 0;          ///< 0 = the default (CPU count)
    QString outputDir;            ///< empty = a new folder under the app's data location
    QString exportPath;           ///< empty = no export
    runlog::Format exportFormat = runlog::Format::JsonLines;
    QString jobLogPath;           ///< --joblog: GNU parallel's format, besides any export
    bool jobLogAppend = false;    ///< `--joblog +FILE`: rows appended, as parallel's
    QStringList warnings; ///< things worth saying that are not errors (unknown batch-file keys)
    bool quiet = false;
    /// A failed try that is tried again is said on stderr (ProcDeck's form); parallel's form is
    /// silent there, as parallel is (the history and the window keep every try).
    bool sayRetries = true;
    /// GNU parallel's -k: each job's output is printed in job order (the order of `jobs`), a
    /// finished job's held until every job before it has been printed.
    bool keepOrder = false;
    /// GNU parallel's --tag/--tagstring: empty = no tagging; else one entry per job in `jobs`,
    /// and every line a job prints (stdout and stderr) is prefixed by its tag and a TAB.
    QStringList tags;
    /// GNU parallel's --onall: empty, or one entry per job in `jobs`, its login's number. A
    /// group's jobs are printed together, once all of them have ended, groups in the order they
    /// end (-k: in order); the exit status counts the groups with a failed job, not the jobs.
    QList<int> outputGroups;
    /// GNU parallel's -v: each job's command line printed on stdout before its output, as part
    /// of it (tagged with it, held with it by -k).
    bool printCommands = false;
    /// GNU parallel's --verbose/-t: each job's command line on stderr as it starts.
    bool traceCommands = false;
    /// GNU parallel's --group (each job's output whole when it ends, the default),
    /// --line-buffer (whole lines as they come) and -u (bytes as they come).
    enum class Grouping { Group, LineBuffer, Ungroup };
    Grouping grouping = Grouping::Group;
    /// GNU parallel's --results: each job's output, values and number kept in a tree under this
    /// path ({} in it: a path per job), or one table when it ends in .csv or .tsv.
    QString resultsPath;
    /// Where each job of `jobs` keeps its output under --results: a folder ending in '/' (seq,
    /// stdout and stderr in it) or a file (FILE, FILE.err, FILE.seq). Empty without --results.
    QStringList resultsOut;
    /// --header's names of the columns: the --results .csv/.tsv table's, where V1, V2 … are.
    QStringList resultsColumnNames;
    /// GNU parallel's --files: the name of a file holding each job's stdout is printed instead.
    bool outputAsFiles = false;
    /// GNU parallel's --compress: output is the same; ProcDeck's spill files stay plain.
    bool compress = false;
    /// GNU parallel's --progress, --eta and --bar: how the run's progress is shown on stderr
    /// (procdeck-cli; the window shows its own). --bar wins, --eta adds to --progress.
    enum class Progress { None, Progress, Eta, Bar };
    Progress progress = Progress::None;
    /// GNU parallel's --delay: at least this many seconds between two job starts (0 = none).
    double startDelaySeconds = 0;
    /// GNU parallel's --load, --memfree and --memsuspend (Scheduler::setResourceLimits).
    ResourceLimits resources;
    /// -S/--sshlogin, --sshloginfile, --slurm, --slurm-args: where the jobs run.
    RunOn runOn;
    /// GNU parallel's --halt over all the jobs (run as one batch when set).
    HaltPolicy halt;
    /// GNU parallel's --pipe: the jobs are made from standard input's blocks as they are read
    /// (PipeFeeder), `jobs` is empty. Null otherwise.
    std::shared_ptr<const PipePlan> pipe;
    /// GNU parallel's error at the input after the last of `jobs` (-s: its command alone is too
    /// long): said, and the run ended with status 255, when that input's turn comes (every job
    /// started and a slot free), the jobs still running killed unprinted, as parallel does.
    QString stopError;
};

namespace joboptions {

/// Adds the job options (-j, --shell, --template, --range, --timeout, …) to `parser`.
void addTo(QCommandLineParser &parser);

/// Reads them back. Every problem is a one-line message naming the offending value; returns
/// false with *error set. An empty request (no job asked for) is not an error here.
bool read(const QCommandLineParser &parser, RunRequest *request, QString *error);

/// --joblog's value: a path, or GNU parallel's `+FILE` (rows appended to FILE, no header).
void setJobLog(const QString &value, RunRequest *request);

} // namespace joboptions
} // namespace procdeck
