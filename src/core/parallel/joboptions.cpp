#include "joboptions.h"

#include "types/errnotext.h"

#include "batch.h"
#include "types/shellwords.h"
#include "batchfile.h"
#include "resourceoptions.h"
#include "process/preflight.h"
#include "types/rawbytes.h"
#include "output/textdecoder.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

namespace procdeck::joboptions {

namespace {

bool readSeconds(const QCommandLineParser &p, const QString &name, double *out, QString *error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const QString text = p.value(name);
    const double v = text.toDouble(&ok);
    if (!ok || v < 0 || !qIsFinite(v)) {
        *error = QStringLiteral("--%1: not a number of seconds: '%2'").arg(name, text);
        return false;
    }
    *out = v;
    return true;
}

/// --ssh-workers, --slurm-workers and --worker-command.
bool readWorkers(const QCommandLineParser &p, RunOn *runOn, QString *error)
{
    runOn->sshWorkers = p.isSet(QStringLiteral("ssh-workers"));
    runOn->slurmWorkers = p.isSet(QStringLiteral("slurm-workers"));
    runOn->workerCommand = p.value(QStringLiteral("worker-command"));
    if (runOn->sshWorkers && runOn->where != RunOn::Where::SshHosts) {
        *error = QStringLiteral("--ssh-workers goes with --sshlogin");
        return false;
    }
    // A worker step lives in an allocation: one asked for, or the one this runs in.
    if (runOn->slurmWorkers && runOn->slurmAllocate.isEmpty()
        && qEnvironmentVariableIsEmpty("SLURM_JOB_ID")) {
        *error = QStringLiteral("--slurm-workers goes with --slurm-allocate, or inside an "
                                "allocation (salloc, sbatch)");
        return false;
    }
    if (p.isSet(QStringLiteral("worker-command")) && !runOn->sshWorkers && !runOn->slurmWorkers) {
        *error = QStringLiteral("--worker-command goes with --ssh-workers or --slurm-workers");
        return false;
    }
    return true;
}

/// The ssh command of the logins that name none, shell text: --ssh, else $PARALLEL_SSH (GNU
/// parallel's); empty for plain ssh. False when its quotes do not close.
bool defaultSsh(const QCommandLineParser &p, QString *command, QString *error)
{
    *command = p.isSet(QStringLiteral("ssh")) ? p.value(QStringLiteral("ssh"))
                                              : qEnvironmentVariable("PARALLEL_SSH");
    QStringList words;
    if (shellwords::split(*command, &words, error))
        return true;
    error->prepend(p.isSet(QStringLiteral("ssh")) ? QStringLiteral("--ssh: ")
                                                  : QStringLiteral("PARALLEL_SSH: "));
    return false;
}

/// -S/--sshlogin, --sshloginfile, --ssh, --slurm, --slurm-args.
bool readRunOn(const QCommandLineParser &p, RunOn *runOn, QString *error)
{
    QString ssh;
    if (!defaultSsh(p, &ssh, error))
        return false;
    for (const QString &value : p.values(QStringLiteral("sshlogin"))) {
        if (!SshLogin::parseList(value, &runOn->sshLogins, error, ssh)) {
            error->prepend(QStringLiteral("--sshlogin: "));
            return false;
        }
    }
    for (const QString &file : p.values(QStringLiteral("sshloginfile"))) {
        if (!SshLogin::readFile(file, &runOn->sshLogins, error, ssh)) {
            error->prepend(QStringLiteral("--sshloginfile: "));
            return false;
        }
    }
    if (p.isSet(QStringLiteral("slurm-args"))
        && !shellwords::split(p.value(QStringLiteral("slurm-args")), &runOn->slurmArgs, error)) {
        error->prepend(QStringLiteral("--slurm-args: "));
        return false;
    }
    if (p.isSet(QStringLiteral("slurm-allocate"))
        && !shellwords::split(p.value(QStringLiteral("slurm-allocate")), &runOn->slurmAllocate,
                              error)) {
        error->prepend(QStringLiteral("--slurm-allocate: "));
        return false;
    }
    // --slurm-allocate and --slurm-workers run on the cluster: --slurm is implied.
    const bool slurm = p.isSet(QStringLiteral("slurm")) || p.isSet(QStringLiteral("slurm-allocate"))
        || p.isSet(QStringLiteral("slurm-workers"));
    if (slurm && !runOn->sshLogins.isEmpty()) {
        *error = QStringLiteral("--slurm and --sshlogin cannot be combined: the jobs run on the "
                                "cluster or on the ssh logins");
        return false;
    }
    if (!slurm && p.isSet(QStringLiteral("slurm-args"))) {
        *error = QStringLiteral("--slurm-args goes with --slurm");
        return false;
    }
    if (slurm)
        runOn->where = RunOn::Where::SlurmCluster;
    else if (!runOn->sshLogins.isEmpty())
        runOn->where = RunOn::Where::SshHosts;
    return readWorkers(p, runOn, error);
}

/// A whole number of at least `least` for option `name`, when it is given.
bool readCount(const QCommandLineParser &p, const QString &name, int least, const QString &what,
               int *out, QString *error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    *out = p.value(name).toInt(&ok);
    if (ok && *out >= least)
        return true;
    *error = QStringLiteral("--%1: not a %2: '%3'").arg(name, what, p.value(name));
    return false;
}

/// -j, --timeout, --grace, --retries, --retry-delay, --halt, --timeout-action.
bool readLimits(const QCommandLineParser &p, RunRequest *r, JobSpec *base, QString *error)
{
    if (!readCount(p, QStringLiteral("jobs"), 1, QStringLiteral("positive whole number"),
                   &r->maxParallel, error)
        || !readSeconds(p, QStringLiteral("timeout"), &base->timeoutSeconds, error)
        || !readSeconds(p, QStringLiteral("grace"), &base->graceSeconds, error)
        || !readCount(p, QStringLiteral("retries"), 0, QStringLiteral("whole number ≥ 0"),
                      &base->retries, error)
        || !readSeconds(p, QStringLiteral("retry-delay"), &base->retryDelaySeconds, error))
        return false;
    if (p.isSet(QStringLiteral("halt"))
        && !HaltPolicy::parse(p.value(QStringLiteral("halt")), &r->halt, error))
        return false;
    const QString action = p.value(QStringLiteral("timeout-action"));
    if (p.isSet(QStringLiteral("timeout-action"))
        && !timeoutActionFromKey(action, &base->timeoutAction)) {
        *error = QStringLiteral("--timeout-action: expected kill or mark, not '%1'").arg(action);
        return false;
    }
    return true;
}

/// --encoding, --cwd, --env, --input, --stdin-file, --pty, --nice: how each job runs.
bool readSurroundings(const QCommandLineParser &p, JobSpec *base, QString *error)
{
    if (p.isSet(QStringLiteral("encoding"))) {
        base->encoding = p.value(QStringLiteral("encoding"));
        if (!TextDecoder::isKnown(base->encoding)) {
            *error = QStringLiteral("--encoding: unknown encoding: '%1'").arg(base->encoding);
            return false;
        }
    }
    if (p.isSet(QStringLiteral("cwd"))) {
        base->workingDirectory = p.value(QStringLiteral("cwd"));
        if (const int err = preflight::directoryError(base->workingDirectory)) {
            *error = err == ENOENT
                    ? QStringLiteral("--cwd: directory does not exist: '%1'")
                              .arg(base->workingDirectory)
                    : QStringLiteral("--cwd: %1: '%2'")
                              .arg(errnoText(err).toLower(), base->workingDirectory);
            return false;
        }
    }
    for (const QString &entry : p.values(QStringLiteral("env"))) {
        if (entry.indexOf(QLatin1Char('=')) <= 0) {
            *error = QStringLiteral("--env: expected KEY=VALUE, not '%1'").arg(entry);
            return false;
        }
        base->environment << entry;
    }
    if (p.isSet(QStringLiteral("input"))) // the bytes as given
        base->standardInput = rawbytes::toBytes(p.value(QStringLiteral("input")));
    if (p.isSet(QStringLiteral("stdin-file"))) {
        base->standardInputFile = p.value(QStringLiteral("stdin-file"));
        if (!QFileInfo(base->standardInputFile).isReadable()) {
            *error = QStringLiteral("--stdin-file: cannot read '%1'").arg(base->standardInputFile);
            return false;
        }
    }
    base->pty = p.isSet(QStringLiteral("pty"));
    if (p.isSet(QStringLiteral("nice"))) {
        bool ok = false;
        base->nice = p.value(QStringLiteral("nice")).toInt(&ok);
        if (!ok || base->nice < -20 || base->nice > 19) {
            *error = QStringLiteral("--nice: not a niceness from -20 to 19: '%1'")
                             .arg(p.value(QStringLiteral("nice")));
            return false;
        }
    }
    return true;
}

/// --output-dir, --quiet, --export, --format, --joblog: what is kept and written.
bool readOutputs(const QCommandLineParser &p, RunRequest *r, QString *error)
{
    r->outputDir = p.value(QStringLiteral("output-dir"));
    r->quiet = p.isSet(QStringLiteral("quiet"));
    const bool hasFormat = p.isSet(QStringLiteral("format"));
    const QString format = p.value(QStringLiteral("format"));
    if (hasFormat && !runlog::formatFromName(format, &r->exportFormat)) {
        *error = QStringLiteral("--format: expected jsonl, csv, joblog, txt or html, not '%1'")
                         .arg(format);
        return false;
    }
    if (p.isSet(QStringLiteral("export"))) {
        r->exportPath = p.value(QStringLiteral("export"));
        if (!hasFormat && !runlog::formatForPath(r->exportPath, &r->exportFormat))
            r->exportFormat = runlog::Format::JsonLines;
    } else if (hasFormat) {
        *error = QStringLiteral("--format goes with --export FILE");
        return false;
    }
    setJobLog(p.value(QStringLiteral("joblog")), r);
    return true;
}

/// A program after "--" and the --shell lines, one job each.
bool readSingleJobs(const QCommandLineParser &p, const JobSpec &base, RunRequest *r,
                    QString *error)
{
    const QStringList argv = p.positionalArguments();
    if (!argv.isEmpty()) {
        JobSpec spec = base;
        spec.program = argv.first();
        spec.arguments = argv.mid(1);
        r->jobs << spec;
    }
    for (const QString &line : p.values(QStringLiteral("shell"))) {
        if (line.trimmed().isEmpty()) {
            *error = QStringLiteral("--shell: empty command");
            return false;
        }
        JobSpec spec = base;
        spec.useShell = true;
        spec.shellCommand = line;
        r->jobs << spec;
    }
    return true;
}

/// The values of --range, --values or --values-file.
bool readValues(const QCommandLineParser &p, QStringList *values, QString *error)
{
    if (p.isSet(QStringLiteral("range"))) {
        if (batch::parseRange(p.value(QStringLiteral("range")), values, error))
            return true;
        error->prepend(QStringLiteral("--range: "));
        return false;
    }
    if (p.isSet(QStringLiteral("values"))) {
        *values = batch::parseValues(p.value(QStringLiteral("values")));
        return true;
    }
    if (batch::readValuesFile(p.value(QStringLiteral("values-file")), values, error))
        return true;
    error->prepend(QStringLiteral("--values-file: "));
    return false;
}

/// --template over its values: one batch.
bool readTemplate(const QCommandLineParser &p, const JobSpec &base, RunRequest *r,
                  QString *error)
{
    const int valueSources = int(p.isSet(QStringLiteral("range")))
            + int(p.isSet(QStringLiteral("values"))) + int(p.isSet(QStringLiteral("values-file")));
    if (!p.isSet(QStringLiteral("template"))) {
        if (valueSources == 0)
            return true;
        *error = QStringLiteral("--range, --values and --values-file go with --template");
        return false;
    }
    if (valueSources != 1) {
        *error = QStringLiteral(
                "--template needs exactly one of --range, --values or --values-file");
        return false;
    }
    QStringList values;
    if (!readValues(p, &values, error))
        return false;
    JobSpec batchBase = base;
    batchBase.useShell = !p.isSet(QStringLiteral("no-shell"));
    QList<JobSpec> expanded;
    if (!batch::expand(p.value(QStringLiteral("template")), values, batchBase, &expanded, error)) {
        error->prepend(QStringLiteral("--template: "));
        return false;
    }
    r->jobs += expanded;
    r->isBatch = true;
    return true;
}

/// --commands-file: a command a line, one batch.
bool readCommandsFile(const QCommandLineParser &p, const JobSpec &base, RunRequest *r,
                      QString *error)
{
    if (!p.isSet(QStringLiteral("commands-file")))
        return true;
    QList<JobSpec> lines;
    if (!batch::readCommandsFile(p.value(QStringLiteral("commands-file")), base, &lines, error)) {
        error->prepend(QStringLiteral("--commands-file: "));
        return false;
    }
    r->jobs += lines;
    r->isBatch = true;
    return true;
}

/// --batch FILE: its jobs, with what the command line says for all of them.
bool readBatchFile(const QCommandLineParser &p, const JobSpec &base, RunRequest *r,
                   QString *error)
{
    if (!p.isSet(QStringLiteral("batch")))
        return true;
    BatchFile file;
    QList<JobSpec> jobs;
    if (!BatchFile::load(p.value(QStringLiteral("batch")), &file, error, &r->warnings)
        || !file.expand(&jobs, error))
        return false;
    for (JobSpec &spec : jobs) {
        if (base.pty) // --pty on the command line puts every job of the file in a terminal
            spec.pty = true;
        // The command line's retries win over the file's.
        if (p.isSet(QStringLiteral("retries")))
            spec.retries = base.retries;
        if (p.isSet(QStringLiteral("retry-delay")))
            spec.retryDelaySeconds = base.retryDelaySeconds;
        if (p.isSet(QStringLiteral("nice")))
            spec.nice = base.nice;
    }
    r->jobs += jobs;
    r->isBatch = true;
    if (file.maxParallel > 0 && r->maxParallel == 0)
        r->maxParallel = file.maxParallel; // -j on the command line wins
    ResourceLimits &limits = r->resources; // and so do --load, --memfree, --memsuspend
    if (!p.isSet(QStringLiteral("load")))
        limits.maxLoad = file.resources.maxLoad;
    if (!p.isSet(QStringLiteral("memfree")))
        limits.memFree = file.resources.memFree;
    if (!p.isSet(QStringLiteral("memsuspend")))
        limits.memSuspend = file.resources.memSuspend;
    return true;
}

} // namespace

bool read(const QCommandLineParser &p, RunRequest *request, QString *error)
{
    RunRequest r;
    JobSpec base;
    if (!readLimits(p, &r, &base, error) || !readSurroundings(p, &base, error)
        || !readOutputs(p, &r, error) || !readRunOn(p, &r.runOn, error)
        || !resourceoptions::read(p, &r.resources, error))
        return false;
    // The jobs: a program after "--", shell lines, a template batch, a commands file, a batch file.
    if (!readSingleJobs(p, base, &r, error) || !readTemplate(p, base, &r, error)
        || !readCommandsFile(p, base, &r, error) || !readBatchFile(p, base, &r, error))
        return false;
    *request = r;
    return true;
}

void setJobLog(const QString &value, RunRequest *request)
{
    request->jobLogAppend = value.startsWith(QLatin1Char('+'));
    request->jobLogPath = request->jobLogAppend ? value.mid(1) : value;
}

} // namespace procdeck::joboptions
