#include "clirunner.h"

#include "core/history.h"
#include "core/joboptions.h"
#include "core/rawbytes.h"
#include "historycommand.h"
#include "resume.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs commands in parallel and captures their output, like Python's subprocess.\n\n"
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
    if (!parser.parse(QStringList{QCoreApplication::applicationFilePath()} + procdeck::rawbytes::arguments(argc, argv))) {
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
    if (!procdeck::joboptions::read(parser, &request, &error)) {
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
    runner.start();
    return app.exec();
}
