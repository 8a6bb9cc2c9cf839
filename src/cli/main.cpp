#include "clientcommands.h"
#include "clientoptions.h"
#include "clirunner.h"

#include "core/history/history.h"
#include "core/parallel/joboptions.h"
#include "core/parallel/jobspecjson.h"
#include "core/remote/workerlink.h"
#include "core/parallel/parallelcommand.h"
#include "core/parallel/paralleloptiontable.h"
#include "core/types/rawbytes.h"
#include "historycommand.h"
#include "resume.h"
#include "semaphorerun.h"
#include "workerserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <unistd.h>

#include <cstdio>
#include <malloc.h>
#include <memory>

namespace {

/// parseRequest() and planFor(): go on, rather than exit with a status.
constexpr int kGoOn = -1;

using clientcommands::fail; // one line on stderr, exit status 255

/// GNU parallel's `sem` is parallel called by that name (a link to it), --semaphore on; so is
/// procdeck-cli called `sem` or `procdeck-sem` (installed as a link to it).
bool calledAsSem(const char *argv0)
{
    const QString name = QFile::decodeName(argv0).section(QLatin1Char('/'), -1);
    return name == QLatin1String("sem") || name == QLatin1String("procdeck-sem");
}

void describe(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Runs commands in parallel and captures their output, like Python's subprocess.\n\n"
            "  procdeck-cli [OPTIONS] COMMAND [ARGS...] ::: VALUES... [::: | :::+ | :::: | ::::+ "
            "...]\n"
            "                                                     GNU parallel's command line: "
            "same output,\n"
            "                                                     same exit status ({} {.} {/} "
            "{//} {/.} {#} {%} {n},\n"
            "                                                     -j -k -n -0 -d -a --colsep "
            "--trim --tag --tagstring\n"
            "                                                     --dry-run --shellquote --delay "
            "--timeout --joblog);\n"
            "                                                     without ::: the values are read "
            "from standard input\n"
            "  procdeck-cli [OPTIONS] -- PROGRAM [ARGS...]        one job, no shell\n"
            "  procdeck-cli [OPTIONS] --shell 'LINE' [--shell ...] jobs through /bin/sh -c\n"
            "  procdeck-cli [OPTIONS] --template 'T' (--range A..B | --values a,b,c | "
            "--values-file FILE)\n\n"
            "Exit status: 0 all succeeded; 1-100 that many failed; 101 more than 100; 255 an "
            "error."));
    parser.addHelpOption();
    parser.addVersionOption();
    procdeck::joboptions::addTo(parser);
    clientoptions::addTo(parser);
    parser.addOptions({
            {QStringLiteral("resume"),
             QStringLiteral("With --joblog: skip the jobs the joblog already has (by job number). "
                            "Without: resume paused jobs N... of your engine.")},
            {QStringLiteral("resume-failed"),
             QStringLiteral("With --joblog: run again the jobs the joblog has as failed, and "
                            "those it lacks.")},
            {QStringLiteral("history"),
             QStringLiteral("List earlier runs, newest first, and exit.")},
            {QStringLiteral("limit"),
             QStringLiteral("With --history: at most N jobs (default 50; 0 = all)."),
             QStringLiteral("N")},
            {QStringLiteral("json"), QStringLiteral("With --history: one JSON object per line.")},
            {QStringLiteral("worker"),
             QStringLiteral("Alone: run the jobs sent as frames on standard input and send back "
                            "their output and ends on standard output (ProcDeck's worker on "
                            "another host).")},
            {QStringLiteral("list-parallel-options"),
             QStringLiteral("Alone: print every option of GNU parallel 20221122 and what "
                            "procdeck-cli does with it (a Markdown table), and exit.")},
            {QStringLiteral("no-history"),
             QStringLiteral("Do not record these jobs in the history.")},
    });
    parser.addPositionalArgument(QStringLiteral("PROGRAM"),
                                 QStringLiteral("The program to run, after --."),
                                 QStringLiteral("[-- PROGRAM [ARGS...]]"));
}

/// --history: the earlier runs, and the status to exit with.
int listHistory(const QCommandLineParser &parser)
{
    bool ok = true;
    const QString limitText = parser.value(QStringLiteral("limit"));
    const int limit = parser.isSet(QStringLiteral("limit")) ? limitText.toInt(&ok) : 50;
    if (!ok || limit < 0)
        return fail(QStringLiteral("--limit: not a whole number: '%1'").arg(limitText));
    return printHistory(procdeck::History::defaultPath(), limit,
                        parser.isSet(QStringLiteral("json")));
}

/// Reads the command line (GNU parallel's form or ProcDeck's own) into *request: kGoOn, or
/// the status to exit with (help, version, --history, --dry-run, a refused option).
int parseRequest(QCommandLineParser &parser, const QStringList &args,
                 procdeck::RunRequest *request, procdeck::parallel::SemaphoreOptions *semaphore)
{
    // GNU parallel's command line has a parser of its own; what it leaves (--no-history,
    // --resume, --help …) goes through the usual one.
    const bool parallelForm = !clientoptions::isClientForm(args)
                              && procdeck::parallelcommand::isParallelForm(
                                      args, !::isatty(STDIN_FILENO));
    procdeck::ParallelCommand parallel;
    QString error;
    if (parallelForm
        && !procdeck::parallelcommand::parseFromStandardInput(args, true, &parallel, &error))
        return fail(error);
    if (!parallel.tmpDir.isEmpty()) // --tmpdir: ours and the jobs', as parallel sets its own
        qputenv("TMPDIR", QFile::encodeName(parallel.tmpDir));
    const QStringList rest = parallelForm ? parallel.frontEndArgs : args;
    if (!parser.parse(QStringList{QCoreApplication::applicationFilePath()} + rest)) {
        if (parser.unknownOptionNames().contains(QStringLiteral("in-window")))
            return fail(QStringLiteral("--in-window is the window's (procdeck --in-window …): "
                                       "procdeck-cli runs its jobs in its own process already"));
        return fail(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("procdeck-cli %s\n", PROCDECK_VERSION);
        return 0;
    }
    if (parser.isSet(QStringLiteral("history")))
        return listHistory(parser);
    if (const int status = clientoptions::run(parser); status != kGoOn)
        return status; // a client of the user's engine: --status, --follow, --wait …
    if (parallelForm) {
        if (parallel.printOnly) { // --dry-run, --shellquote
            std::fwrite(parallel.errorOutput.constData(), 1, size_t(parallel.errorOutput.size()),
                        stderr);
            std::fwrite(parallel.output.constData(), 1, size_t(parallel.output.size()), stdout);
            if (!parallel.request.stopError.isEmpty()) // after the jobs before it, as parallel
                return fail(parallel.request.stopError);
            return parallel.printExitCode;
        }
        if (parallel.request.jobs.isEmpty() && !parallel.request.pipe)
            return 0; // no values (empty input): nothing to do, as for parallel
        *request = parallel.request;
        *semaphore = parallel.semaphore;
    } else if (!procdeck::joboptions::read(parser, request, &error)) {
        return fail(error);
    }
    if (request->jobs.isEmpty() && !request->pipe)
        return fail(QStringLiteral(
                "nothing to run: give -- PROGRAM, --shell or --template, or commands on "
                "standard input (see --help)"));
    return kGoOn;
}

/// --resume and --resume-failed: which of the request's jobs still run. kGoOn or 255.
int planFor(const QCommandLineParser &parser, const procdeck::RunRequest &request,
            ResumePlan *plan)
{
    ResumeMode resume = ResumeMode::None;
    const bool failedOnly = parser.isSet(QStringLiteral("resume-failed"));
    if (parser.isSet(QStringLiteral("resume")) || failedOnly) {
        if (request.jobLogPath.isEmpty())
            return fail(QStringLiteral("--resume and --resume-failed need --joblog FILE"));
        resume = failedOnly ? ResumeMode::ResumeFailed : ResumeMode::Resume;
    }
    QString error;
    return planResume(request, resume, plan, &error) ? kGoOn : fail(error);
}

/// The history these jobs are recorded in; null with --no-history or when it cannot be opened
/// (said on stderr: the jobs run all the same).
std::unique_ptr<procdeck::History> openHistory(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("no-history")))
        return nullptr;
    auto history = std::make_unique<procdeck::History>();
    QString error;
    QString notice;
    if (!history->open(procdeck::History::defaultPath(), &error, &notice)) {
        std::fprintf(stderr, "procdeck-cli: warning: %s; this run is not recorded\n",
                     qPrintable(error));
        return nullptr;
    }
    if (!notice.isEmpty())
        std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(notice));
    // The history writes on its own thread and keeps what a busy database refuses: say so.
    QObject::connect(history.get(), &procdeck::History::writeStalled, [](const QString &reason) {
        std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(reason));
    });
    QObject::connect(history.get(), &procdeck::History::writeRecovered, [] {
        std::fprintf(stderr,
                     "procdeck-cli: the history has caught up: every kept row is written\n");
    });
    return history;
}

} // namespace

int main(int argc, char *argv[])
{
    // A thread's first allocation gets it a malloc arena of its own, 64 MiB of address space
    // reserved each. procdeck-cli runs where address space is limited (ulimit -v, a cluster job's
    // vmem) and its threads (the pipes' reader, the spill writer, the history) allocate little:
    // the main thread's arena and one they share. Measured: under ulimit -v 250000, 8 × 50 MB
    // with --export failed 2 runs in 3 with the reader's own arena, 0 in 12 with this.
    mallopt(M_ARENA_MAX, 2);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCDECK_VERSION));

    QCommandLineParser parser;
    describe(parser);
    // The job texts keep their bytes: an argument that is not UTF-8 reaches the job as given.
    QStringList args = procdeck::rawbytes::arguments(argc, argv);
    if (argc > 0 && calledAsSem(argv[0]))
        args.prepend(QStringLiteral("--semaphore"));
    // --ssh-workers' specs go as the batch files' JSON, which remote/ cannot include itself.
    procdeck::WorkerLink::setSpecEncoder(&procdeck::jobspecjson::toJson);
    if (args == QStringList{QStringLiteral("--worker")})
        return runWorker(); // jobs from the frames on stdin (docs/protocol.md, "The worker")
    if (args == QStringList{QStringLiteral("--list-parallel-options")}) { // the README's table
        std::fputs(qPrintable(procdeck::parallel::parallelOptionTable()), stdout);
        return 0;
    }
    procdeck::RunRequest request;
    procdeck::parallel::SemaphoreOptions semaphore;
    if (const int status = parseRequest(parser, args, &request, &semaphore); status != kGoOn)
        return status;
    if (clientoptions::detaches(parser) && semaphore.on) // the engine would not wait its turn
        return fail(QStringLiteral("--semaphore cannot be combined with --detach"));
    if (clientoptions::detaches(parser))
        return clientcommands::detach(request);
    ResumePlan plan;
    if (const int status = planFor(parser, request, &plan); status != kGoOn)
        return status;
    std::unique_ptr<procdeck::CountingSemaphore> held; // released when this process is done
    if (const int status = semaphore.on ? semaphorerun::take(semaphore, &held) : kGoOn;
        status != kGoOn) // (before any thread starts: it forks)
        return status;
    const std::unique_ptr<procdeck::History> history = openHistory(parser);

    CliRunner runner(std::move(request), std::move(plan), history.get());
    runner.start();
    const int ran = app.exec();
    const int status = semaphore.on ? semaphorerun::jobStatus(runner.scheduler(), ran) : ran;
    if (history) {
        if (const QString message = history->close(); !message.isEmpty())
            std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(message));
    }
    return status;
}
