#include "parallelcommand.h"

#include "onallplan.h"
#include "paralleljobs.h"
#include "remotefilesplan.h"
#include "parallelheader.h"
#include "parallelinput.h"
#include "parallelprofiles.h"
#include "paralleloptions.h"
#include "parallelsettings.h"
#include "resultspath.h"
#include "paralleltemplate.h"
#include "pipeplan.h"
#include "types/rawbytes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QRegularExpression>
#include <QThread>

#include <unistd.h>
#include <utility>

namespace procdeck::parallelcommand {

using namespace procdeck::parallel;

namespace {

/// ProcDeck's own job options given with parallel's (--encoding, --grace, --export …), read by
/// the very code that reads them in ProcDeck's form, so that both check and mean the same.
bool readProcDeckOptions(const QStringList &procdeckArgs, JobSpec *base, RunRequest *request,
                         QString *error)
{
    QCommandLineParser parser;
    joboptions::addTo(parser);
    // A placeholder job, so that the settings meant for every job come back in one JobSpec.
    const QStringList argv = QStringList{QStringLiteral("procdeck")} + procdeckArgs
        + QStringList{QStringLiteral("--shell"), QStringLiteral("true")};
    if (!parser.parse(argv)) {
        *error = parser.errorText();
        return false;
    }
    RunRequest r;
    if (!joboptions::read(parser, &r, error))
        return false;
    Q_ASSERT(r.jobs.size() == 1);
    *base = r.jobs.first();
    base->shellCommand.clear();
    // GNU parallel's {sshlogin} and {host} for a job run here; an ssh login puts its own.
    // $PARALLEL_JOBSLOT ({slot} of --plus) is the job's slot as it starts; $PARALLEL_PID is
    // the pid of the program that read the command line, as parallel's own.
    base->environment << QStringLiteral("PARALLEL_SSHLOGIN=:")
                      << QStringLiteral("PARALLEL_SSHHOST=:")
                      << QStringLiteral("PARALLEL_JOBSLOT=") // JobSpec::withSlot()
                      << QStringLiteral("PARALLEL_PID=%1").arg(QCoreApplication::applicationPid());
    request->outputDir = r.outputDir;
    request->exportPath = r.exportPath;
    request->exportFormat = r.exportFormat;
    request->quiet = r.quiet;
    request->runOn = r.runOn;
    request->halt = r.halt;
    request->resources = r.resources; // --load, --memfree, --memsuspend
    return true;
}

/// Bytes to values: split at the delimiter, -r's blank records dropped, NUL written as \0 as
/// parallel does (a NUL cannot be passed in an argument).
QStringList toValues(const QByteArray &bytes, const Settings &s, const Reading &r,
                     RunRequest *request)
{
    static const QRegularExpression blank(QStringLiteral(R"(^\s*$)"));
    QStringList values;
    for (QByteArray record : splitRecords(bytes, r.delimiter)) {
        // -E: the rest of this source is ignored (perl's truth: "" and "0" end nothing).
        if (!r.eof.isEmpty() && r.eof != "0" && record == r.eof)
            break;
        if (record.indexOf('\0') > 0) {
            record.replace(QByteArray(1, '\0'), QByteArrayLiteral("\\0"));
            const QString warning = QStringLiteral(
                    "a NUL character in the input was replaced with \\0 (did you mean -0?)");
            if (!request->warnings.contains(warning))
                request->warnings << warning;
        }
        QString value = rawbytes::fromBytes(record);
        if (s.noRunIfEmpty && blank.match(value).hasMatch())
            continue;
        values << value;
    }
    return values;
}

bool settle(const Settings &s, Reading *r, int *maxParallel, QString *error)
{
    if (s.null)
        r->delimiter = QByteArray(1, '\0');
    if (s.hasDelimiter)
        // -d wins over -0, as in parallel.
        r->delimiter = rawbytes::toBytes(unquotePrintf(s.delimiter));
    r->eof = rawbytes::toBytes(s.eof);
    // --header (without --pipe) splits the values at TAB when no --colsep says otherwise, but
    // trims nothing: parallel sets that default after its --colsep's trimming.
    const bool headerTabs = !s.hasColsep && !s.pipe.header.isEmpty() && !s.pipe.pipe
            && !s.pipe.part;
    r->splitColumns = s.hasColsep || headerTabs;
    r->colsep.setPattern(headerTabs ? QStringLiteral("\t") : s.colsep);
    if (s.hasColsep && (!r->colsep.isValid() || s.colsep.isEmpty())) {
        *error = QStringLiteral("--colsep: not a regular expression: '%1'").arg(s.colsep);
        return false;
    }
    r->trim = s.hasColsep ? Trim::Both : Trim::None; // parallel trims columns unless told otherwise
    if (s.hasTrim) {
        static const QStringList names{QStringLiteral("n"), QStringLiteral("l"),
                                       QStringLiteral("r"), QStringLiteral("lr"),
                                       QStringLiteral("rl")};
        const qsizetype which = names.indexOf(s.trim);
        if (which < 0) {
            *error = QStringLiteral("--trim must be one of: n l r lr rl, not '%1'").arg(s.trim);
            return false;
        }
        r->trim = which == 0 ? Trim::None
                : which == 1 ? Trim::Left
                : which == 2 ? Trim::Right
                             : Trim::Both;
    }
    if (!checkOutputOptions(s, error))
        return false;
    if (!s.tmpDir.isEmpty() && !QFileInfo(s.tmpDir).isDir()) {
        *error = QStringLiteral("--tmpdir %1: there is no such folder").arg(s.tmpDir);
        return false;
    }
    // --semaphore's -j counts its holders: 1 when not given, a mutex, as parallel's sem.
    const QString jobs = s.jobs.isEmpty() && s.semaphore.on ? QStringLiteral("1") : s.jobs;
    if (!jobs.isEmpty() && !readJobs(jobs, maxParallel, error))
        return false;
    r->slotCount = *maxParallel > 0 ? *maxParallel : QThread::idealThreadCount();
    return true;
}

/// The input sources in parallel's order: -a files, then each group after the command (`rest`),
/// standard input when there is none.
bool readSources(const QStringList &rest, const Settings &s, const Reading &r,
                 QIODevice *standardInput, RunRequest *request, QList<InputSource> *sources,
                 QString *error)
{
    if (s.remote.nonAll || s.semaphore.on) { // one job (on each login), no values: none read
        sources->append(InputSource{{QString()}, false});
        return true;
    }
    QByteArray bytes;
    for (const QString &file : s.argFiles) {
        if (!readSource(file, standardInput, &bytes, error))
            return false;
        sources->append(InputSource{toValues(bytes, s, r, request), false, file});
    }
    qsizetype i = 0;
    while (i < rest.size()) {
        const QString separator = rest.at(i++);
        QStringList group;
        while (i < rest.size() && !isSeparator(rest.at(i), s.separators))
            group << rest.at(i++);
        const bool linked = separator.endsWith(QLatin1Char('+'));
        if (separator == s.separators.files || separator == s.separators.files + u'+') {
            for (const QString &file : std::as_const(group)) {
                if (!readSource(file, standardInput, &bytes, error))
                    return false;
                sources->append(
                        InputSource{toValues(bytes, s, r, request), linked, file});
            }
        } else {
            // parallel writes a group to a file with the delimiter after each value and reads
            // it back.
            bytes = joinValues(group, r.delimiter);
            sources->append(
                    InputSource{toValues(bytes, s, r, request), linked});
        }
    }
    if (sources->isEmpty()) {
        if (!readSource(QStringLiteral("-"), standardInput, &bytes, error))
            return false;
        sources->append(InputSource{toValues(bytes, s, r, request), false});
    }
    return true;
}

/// The commands made: refused when one is too long to run; for --dry-run and --shellquote,
/// the text to print (quoted, tagged) instead of running them.
bool checkAndPrint(const Settings &s, const Reading &r, bool tagging, ParallelCommand *result,
                   QString *error)
{
    const RunRequest &request = result->request;
    QStringList commands;
    for (const JobSpec &job : std::as_const(request.jobs)) // printed slots: in turn
        commands << job.withSlot(int(commands.size() % r.slotCount) + 1).shellCommand;
    if (!commandsFit(commands, error))
        return false;
    if (!s.dryRun && s.shellQuote == 0)
        return true;
    result->printOnly = true;
    for (qsizetype j = 0; j < commands.size(); ++j) {
        for (int q = 0; !s.dryRun && q < s.shellQuote; ++q)
            commands[j] = quote(commands.at(j));
        if (s.trace && s.dryRun) // -t says each job it would run there as well, untagged
            result->errorOutput += rawbytes::toBytes(commands.at(j)) + '\n';
        if (tagging)
            commands[j].prepend(request.tags.at(j) + QLatin1Char('\t'));
        result->output += rawbytes::toBytes(commands.at(j)) + '\n';
    }
    return true;
}

/// {= =}, --plus's and --rpl's strings are evaluated as the jobs are made from values, which
/// --pipe's blocks are not: refused there.
bool perlFitsPipe(const QStringList &words, const Settings &s, QString *error)
{
    if (!(s.pipe.pipe || s.pipe.part)
        || !CommandTemplate::forCommand(words, s.names, true, replacementStrings(s.rpl, s.plus))
                    .hasPerl())
        return true;
    *error = QStringLiteral("perl expressions {= … =} (and --plus, --rpl) are not supported "
                            "with --pipe");
    return false;
}

/// --progress and --eta count this computer's jobs, under "local": refused elsewhere for now.
bool progressFits(const Settings &s, const RunRequest &request, QString *error)
{
    if (!(s.progress || s.eta) || s.bar || request.runOn.where == RunOn::Where::ThisComputer)
        return true;
    *error = QStringLiteral("--progress and --eta with -S or --slurm are not supported yet "
                            "(they count this computer's jobs); --bar is");
    return false;
}

/// --semaphore: its one job (settleSemaphore); -j counts the holders, and the job runs alone.
bool semaphoreJob(const QStringList &rest, Settings *s, QStringList *words, JobSpec *base,
                  ParallelCommand *result, QString *error)
{
    if (!settleSemaphore(s->argFiles, rest, &s->semaphore, words, base, error))
        return false;
    s->semaphore.count = std::exchange(result->request.maxParallel, 1);
    result->semaphore = s->semaphore;
    return true;
}

/// How the run goes as a whole: parallel's order, printing and joblog.
void setRunOptions(const Settings &s, RunRequest *request)
{
    request->isBatch = true;
    request->sayRetries = false;
    request->keepOrder = s.keepOrder && !s.noKeepOrder;
    request->printCommands = s.verbose;
    request->traceCommands = s.trace;
    setOutputOptions(s, request);
    request->startDelaySeconds = s.hasDelay ? s.delay : s.sshDelay;
    using P = RunRequest::Progress;
    request->progress = s.bar ? P::Bar : s.eta ? P::Eta : s.progress ? P::Progress : P::None;
    joboptions::setJobLog(s.jobLog, request);
}

} // namespace

bool parse(const QStringList &args, QIODevice *standardInput, ParallelCommand *out, QString *error)
{
    ParallelCommand result;
    RunRequest &request = result.request;
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    if (!readOptions(args, false, &options, &end, &doubleDash, error))
        return false;
    Settings s;
    for (const Option &o : std::as_const(options))
        if (!apply(o, &s, &result.frontEndArgs, error))
            return false;
    // Everything that can be wrong with the options is said before standard input is read.
    Reading reading;
    if (!settle(s, &reading, &request.maxParallel, error))
        return false;
    result.tmpDir = s.tmpDir;

    QStringList words; // the command, up to the first group of values or files
    qsizetype i = end;
    while (i < args.size() && !isSeparator(args.at(i), s.separators))
        words << args.at(i++);
    if (!perlFitsPipe(words, s, error))
        return false;
    JobSpec base;
    if (!readProcDeckOptions(s.procdeckArgs, &base, &request, error)
        || (s.semaphore.on && !semaphoreJob(args.mid(i), &s, &words, &base, &result, error)))
        return false;
    base.useShell = true;
    base.timeoutSeconds = s.timeout;

    QString teeFile; // --tee's jobs are made from the values as without --pipe
    if (!pipeplan::prepareModes(&s, args.mid(i), &teeFile, error))
        return false;
    const bool piping = (s.pipe.pipe || s.pipe.part) && !s.pipe.tee;
    if (piping
        && !pipeplan::make(s, words, args.mid(i), base, reading.slotCount, &request, error))
        return false;
    // parallel's reading loop never looks at a lone separator at the very end (`echo :::`): it
    // then reads standard input, and so does ProcDeck.
    const QStringList rest = args.size() - i == 1 ? QStringList() : args.mid(i);
    QList<InputSource> sources;
    if (!piping && !readSources(rest, s, reading, s.pipe.tee ? nullptr : standardInput,
                                &request, &sources, error))
        return false;
    applyHeader(&sources, s.hasColsep ? &reading.colsep : nullptr, &s, &words); // not --pipe's
    const bool tagging = s.tag || s.hasTagString;
    if ((!piping
         && !makeJobs(combine(sources, s.linkAll), words, s, tagging, base, reading, &request,
                      &result.printExitCode, error))
        || (s.pipe.tee && !pipeplan::finishTee(s, teeFile, &request, error))
        || !settleRemoteFiles(s.remote, &request, error) || !settleHosts(s, &request, error))
        return false;
    setRunOptions(s, &request);
    if (!progressFits(s, request, error) || !checkAndPrint(s, reading, tagging, &result, error))
        return false;
    *out = result;
    return true;
}

bool parseFromStandardInput(const QStringList &args, bool evenFromTerminal, ParallelCommand *out,
                            QString *error)
{
    QStringList withTheirs; // the profiles' and $PARALLEL's options first
    if (!parallel::withProfiles(args, &withTheirs, error))
        return false;
    QFile in;
    const bool reading
            = (evenFromTerminal || !::isatty(STDIN_FILENO)) && in.open(stdin, QIODevice::ReadOnly);
    return parse(withTheirs, reading ? &in : nullptr, out, error);
}

} // namespace procdeck::parallelcommand
