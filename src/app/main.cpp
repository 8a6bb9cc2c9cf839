#include "mainwindow.h"
#include "translations.h"

#include "core/process/fdbudget.h"
#include "core/parallel/joboptions.h"
#include "core/parallel/parallelcommand.h"
#include "core/types/rawbytes.h"
#include "core/process/unixsignalwatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <csignal>
#include <cstdio>

using namespace procdeck::app;

namespace {

/// GNU parallel's error at an input after the jobs (-s: too long), said on the terminal the
/// window was started from; the window shows the jobs before it. 255, parallel's status.
int stopped(const procdeck::RunRequest &request)
{
    std::fprintf(stderr, "procdeck: %s\n", qPrintable(request.stopError));
    return 255;
}

/// The batch files the desktop asks the window to open (`Exec=procdeck %F`, files of type
/// application/json): every argument (`args` from argv[1] on) an existing *.json file. Empty for
/// any other command line, GNU parallel's form among them.
QStringList batchFilesToOpen(const QStringList &args)
{
    QStringList files;
    for (const QString &arg : args) {
        const QFileInfo info(arg);
        if (arg.startsWith(QLatin1Char('-')) || !info.isFile()
            || info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) != 0)
            return {};
        files << info.absoluteFilePath();
    }
    return files;
}

/// Reads the command line into *request, *batchFiles and *inWindow (--in-window). -1 to go on,
/// else the exit code: an error said on standard error, or --dry-run's output written. --help,
/// --version and unknown options end in QCommandLineParser::process().
int readCommandLine(int argc, char *argv[], procdeck::RunRequest *request, QStringList *batchFiles,
                    bool *inWindow)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
            "main", "ProcDeck: run commands in parallel and watch them live."));
    parser.addHelpOption();
    parser.addVersionOption();
    procdeck::joboptions::addTo(parser);
    const QCommandLineOption inWindowOption(
            QStringLiteral("in-window"),
            QApplication::translate("main", "Run the command line's jobs in this window's own "
                                            "process: they end when it closes. Without it they "
                                            "go to your engine and run on after the window."));
    parser.addOption(inWindowOption);
    parser.addPositionalArgument(QStringLiteral("PROGRAM"),
                                 QApplication::translate("main", "A program to run, after --."),
                                 QStringLiteral("[-- PROGRAM [ARGS...]]"));
    // GNU parallel's command line (procdeck 'gzip {}' ::: *.log) has a parser of its own. Values
    // are read from standard input only when it is not a terminal: the window would wait unseen.
    const QStringList args = procdeck::rawbytes::arguments(argc, argv);
    *batchFiles = batchFilesToOpen(args);
    const bool parallelForm
            = batchFiles->isEmpty() && procdeck::parallelcommand::isParallelForm(args);
    procdeck::ParallelCommand parallel;
    if (parallelForm) {
        QString parallelError;
        if (!procdeck::parallelcommand::parseFromStandardInput(args, false, &parallel,
                                                               &parallelError)) {
            std::fprintf(stderr, "procdeck: %s\n", qPrintable(parallelError));
            return 255;
        }
        if (parallel.semaphore.on) { // waiting for a turn, then gone to the background
            std::fprintf(stderr, "procdeck: --semaphore (sem) is procdeck-cli's: run it there\n");
            return 255;
        }
        if (!parallel.tmpDir.isEmpty()) // --tmpdir: ours and the jobs', as parallel's
            qputenv("TMPDIR", QFile::encodeName(parallel.tmpDir));
        if (parallel.printOnly) { // --dry-run, --shellquote: nothing to show
            std::fwrite(parallel.output.constData(), 1, size_t(parallel.output.size()), stdout);
            return parallel.request.stopError.isEmpty() ? 0 : stopped(parallel.request);
        }
        if (!parallel.request.stopError.isEmpty()) // the jobs before it are shown
            stopped(parallel.request);
    }
    const QStringList self{QApplication::applicationFilePath()};
    parser.process(parallelForm             ? self + parallel.frontEndArgs
                   : batchFiles->isEmpty() ? QApplication::arguments()
                                           : self);
    *request = parallel.request;
    *inWindow = parser.isSet(inWindowOption);
    QString error;
    if (!parallelForm && !procdeck::joboptions::read(parser, request, &error)) {
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(error));
        return 255;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("procdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("ProcDeck"));
    QApplication::setApplicationVersion(QStringLiteral(PROCDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.procdeck.ProcDeck"));

    translations::install(&app);

    procdeck::RunRequest request;
    QStringList batchFiles;
    bool inWindow = false;
    if (const int exitCode = readCommandLine(argc, argv, &request, &batchFiles, &inWindow);
        exitCode >= 0)
        return exitCode;

    procdeck::fdbudget::raiseToHardLimit();
    MainWindow window;
    procdeck::UnixSignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    // The first SIGTERM, SIGINT or SIGHUP stops every job as a timeout would (SIGTERM, SIGKILL
    // after the grace) and quits; a second one kills at once.
    QObject::connect(&signalWatcher, &procdeck::UnixSignalWatcher::received, &window,
                     &MainWindow::quitOnSignal);
    QString error;
    if (!window.run(request, &error, inWindow)) {
        std::fprintf(stderr, "procdeck: %s\n", qPrintable(error));
        return 255;
    }
    window.show();
    for (const QString &file : batchFiles)
        window.openBatchFile(file); // a file that does not parse is said in a message box
    return app.exec();
}
