#include "clirunner.h"

#include "core/joboptions.h"

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
    parser.addPositionalArgument(QStringLiteral("PROGRAM"), QStringLiteral("The program to run, after --."),
                                 QStringLiteral("[-- PROGRAM [ARGS...]]"));

    if (!parser.parse(QCoreApplication::arguments())) {
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

    CliRunner runner(std::move(request));
    runner.start();
    return app.exec();
}
