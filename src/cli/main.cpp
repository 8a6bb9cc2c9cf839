#include "clirunner.h"

#include "core/history/history.h"
#include "core/parallel/joboptions.h"
#include "core/parallel/parallelcommand.h"
#include "core/types/rawbytes.h"
#include "historycommand.h"
#include "resume.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <malloc.h>

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
    parser.setApplicationDescription(QStringLiteral(
        "Runs commands in parallel and captures their output, like Python's subprocess.\n\n"
        "  procdeck-cli [OPTIONS] COMMAND [ARGS...] ::: VALUES... [::: | :::+ | :::: | ::::+ ...]\n"
        "                                                     GNU parallel's command line: same output,\n"
        "                                                     same exit status ({} {.} {/} {//} {/.} {#} {%} {n},\n"
        "                                                     -j -k -n -0 -d -a --colsep --trim --tag --tagstring\n"
        "                                                     --dry-run --shellquote --delay --timeout --joblog);\n"
        "                                                     without ::: the values are read from standard input\n"
        "  procdeck-cli [OPTIONS] -- PROGRAM [ARGS...]        one job, no shell\n"
        "  procdeck-cli [OPTIONS] --shell 'LINE' [--shell ...] jobs through /bin/sh -c\n"
        "  procdeck-cli [OPTIONS] --template 'T' (--range A..B | --values a,b,c | --values-file FILE)\n\n"
        "Exit status: 0 all succeeded; 1-100 that many failed; 101 more than 100; 255 an error."));
    parser.addHelpOption();
    parser.addVersionOption();
    procdeck::joboptions::addTo(parser);
    parser.addOptions({
        {QStringLiteral("resume"), QStringLiteral("With --joblog: skip the jobs the joblog already has (by job number).")},
        {QStringLiteral("resume-failed"), QStringLiteral("With --joblog: run again the jobs the joblog has as failed, and those it lacks.")},
        {QStringLiteral("history"), QStringLiteral("List earlier runs, newest first, and exit.")},
        {QStringLiteral("limit"), QStringLiteral("With --history: at most N jobs (default 50; 0 = all)."), QStringLiteral("N")},
        {QStringLiteral("json"), QStringLiteral("With --history: one JSON object per line.")},
        {QStringLiteral("no-history"), QStringLiteral("Do not record these jobs in the history.")},
    });
    parser.addPositionalArgument(QStringLiteral("PROGRAM"), QStringLiteral("The program to run, after --."),
                                 QStringLiteral("[-- PROGRAM [ARGS...]]"));

    // The job texts keep their bytes: an argument that is not UTF-8 reaches the job as given.
    const QStringList args = procdeck::rawbytes::arguments(argc, argv);
    // GNU parallel's command line has a parser of its own; what it leaves (--no-history,
    // --resume, --help …) goes through the usual one.
    const bool parallelForm = procdeck::parallelcommand::isParallelForm(args);
    procdeck::ParallelCommand parallel;
    if (parallelForm) {
        QString parallelError;
        if (!procdeck::parallelcommand::parseFromStandardInput(args, true, &parallel, &parallelError)) {
            std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(parallelError));
            return 255;
        }
    }
    if (!parser.parse(QStringList{QCoreApplication::applicationFilePath()} + (parallelForm ? parallel.frontEndArgs : args))) {
        std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(parser.errorText()));
        return 255;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("procdeck-cli %s\n", PROCDECK_VERSION);
        return 0;
    }

    if (parser.isSet(QStringLiteral("history"))) {
        bool ok = true;
        const int limit = parser.isSet(QStringLiteral("limit")) ? parser.value(QStringLiteral("limit")).toInt(&ok) : 50;
        if (!ok || limit < 0) {
            std::fprintf(stderr, "procdeck-cli: --limit: not a whole number: '%s'\n", qPrintable(parser.value(QStringLiteral("limit"))));
            return 255;
        }
        return printHistory(procdeck::History::defaultPath(), limit, parser.isSet(QStringLiteral("json")));
    }

    procdeck::RunRequest request;
    QString error;
    if (parallelForm) {
        if (parallel.printOnly) { // --dry-run, --shellquote
            std::fwrite(parallel.output.constData(), 1, size_t(parallel.output.size()), stdout);
            return 0;
        }
        if (parallel.request.jobs.isEmpty())
            return 0; // no values (empty input): nothing to do, as for parallel
        request = parallel.request;
    } else if (!procdeck::joboptions::read(parser, &request, &error)) {
        std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(error));
        return 255;
    }
    if (request.jobs.isEmpty()) {
        std::fprintf(stderr, "procdeck-cli: nothing to run: give -- PROGRAM, --shell or --template (see --help)\n");
        return 255;
    }

    ResumeMode resume = ResumeMode::None;
    if (parser.isSet(QStringLiteral("resume")) || parser.isSet(QStringLiteral("resume-failed"))) {
        if (request.jobLogPath.isEmpty()) {
            std::fprintf(stderr, "procdeck-cli: --resume and --resume-failed need --joblog FILE\n");
            return 255;
        }
        resume = parser.isSet(QStringLiteral("resume-failed")) ? ResumeMode::ResumeFailed : ResumeMode::Resume;
    }
    ResumePlan plan;
    if (!planResume(request, resume, &plan, &error)) {
        std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(error));
        return 255;
    }

    std::unique_ptr<procdeck::History> history;
    if (!parser.isSet(QStringLiteral("no-history"))) {
        history = std::make_unique<procdeck::History>();
        QString notice;
        if (!history->open(procdeck::History::defaultPath(), &error, &notice)) {
            std::fprintf(stderr, "procdeck-cli: warning: %s; this run is not recorded\n", qPrintable(error));
            history.reset();
        } else if (!notice.isEmpty()) {
            std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(notice));
        }
    }

    CliRunner runner(std::move(request), std::move(plan), history.get());
    if (history) {
        // The history writes on its own thread and keeps what a busy database refuses: say so.
        QObject::connect(history.get(), &procdeck::History::writeStalled, [](const QString &reason) {
            std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(reason));
        });
        QObject::connect(history.get(), &procdeck::History::writeRecovered, [] {
            std::fprintf(stderr, "procdeck-cli: the history has caught up: every kept row is written\n");
        });
    }
    runner.start();
    const int status = app.exec();
    if (history) {
        if (const QString message = history->close(); !message.isEmpty())
            std::fprintf(stderr, "procdeck-cli: warning: %s\n", qPrintable(message));
    }
    return status;
}
