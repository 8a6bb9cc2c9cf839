#include "mainwindow.h"

#include "core/fdbudget.h"
#include "core/joboptions.h"
#include "core/unixsignalwatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("procdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("ProcDeck"));
    QApplication::setApplicationVersion(QStringLiteral(PROCDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.procdeck.ProcDeck"));

    // The person's language: Qt's own strings and ours.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("procdeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "ProcDeck: run commands in parallel and watch them live."));
    parser.addHelpOption();
    parser.addVersionOption();
    procdeck::joboptions::addTo(parser);
    parser.addPositionalArgument(QStringLiteral("PROGRAM"), QApplication::translate("main", "A program to run, after --."),
                                 QStringLiteral("[-- PROGRAM [ARGS...]]"));
    parser.process(app); // --help, --version and unknown options end here
    procdeck::RunRequest request;
    QString error;
    if (!procdeck::joboptions::read(parser, &request, &error)) {
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(error));
        return 255;
    }

    procdeck::fdbudget::raiseToHardLimit();
    MainWindow window;
    procdeck::UnixSignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&signalWatcher, &procdeck::UnixSignalWatcher::received, &window, &MainWindow::quitNow);
    window.show();
    window.run(request);
    return app.exec();
}
