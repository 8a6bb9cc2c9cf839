#include "engine.h"
#include "enginelog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <malloc.h>

namespace {

constexpr int kDefaultIdleExitSeconds = 600;

/// How long the engine stays idle before it exits: --idle-exit, else PROCDECK_ENGINE_IDLE_EXIT
/// (seconds; what a client that starts the engine passes on), else the setting
/// engine/idleExitSeconds, else 10 minutes. 0: never.
int idleExitMs(const QCommandLineParser &parser, bool *ok)
{
    QString text = parser.value(QStringLiteral("idle-exit"));
    if (text.isEmpty())
        text = qEnvironmentVariable("PROCDECK_ENGINE_IDLE_EXIT");
    if (text.isEmpty()) {
        const QSettings settings(QSettings::NativeFormat, QSettings::UserScope,
                                 QStringLiteral("procdeck"), QStringLiteral("procdeck"));
        text = settings.value(QStringLiteral("engine/idleExitSeconds"), kDefaultIdleExitSeconds)
                       .toString();
    }
    const double seconds = text.toDouble(ok);
    *ok = *ok && seconds >= 0 && seconds <= 365 * 86400.0;
    return int(seconds * 1000);
}

/// The words the engine says to the person (its notifications) in their language: the window's
/// translations, compiled into the engine too.
void installTranslations(QCoreApplication *app)
{
    auto *ours = new QTranslator(app);
    if (ours->load(QLocale(), QStringLiteral("procdeck"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral("procdeck_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}

} // namespace

int main(int argc, char *argv[])
{
    mallopt(M_ARENA_MAX, 2); // as procdeck-cli: its threads allocate little
    // Fixed, not glibc's dynamic thresholds: once a big block (an export, a submit) was freed
    // they rose to 32/64 MiB, and the second arena's top, which malloc_trim() leaves alone,
    // then kept up to 15 MiB of freed memory resident (10,000 ended jobs: 3.2 KiB a job of RSS,
    // 1.9 with these).
    mallopt(M_MMAP_THRESHOLD, 2 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 2 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCDECK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "The user's ProcDeck engine: runs the jobs procdeck-cli --detach and the window hand "
            "it, on the socket $XDG_RUNTIME_DIR/procdeck/engine. Clients start it on demand."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
            {QStringLiteral("idle-exit"),
             QStringLiteral("Exit after SECONDS with no job and no client (default: the setting "
                            "engine/idleExitSeconds, else 600; 0 = never)."),
             QStringLiteral("SECONDS")},
            {QStringLiteral("log-to-stderr"),
             QStringLiteral("Log to standard error, not to $XDG_STATE_HOME/procdeck/engine.log.")},
    });
    parser.process(app);
    installTranslations(&app);
    bool ok = false;
    const int idleMs = idleExitMs(parser, &ok);
    if (!ok) {
        std::fprintf(stderr, "procdeck-engine: --idle-exit: not a number of seconds\n");
        return 255;
    }
    QString error;
    if (!parser.isSet(QStringLiteral("log-to-stderr")) && !enginelog::open(&error))
        std::fprintf(stderr, "procdeck-engine: warning: the log: %s\n", qPrintable(error));
    // Before the lock: a second engine started by mistake shows in the log, even while it waits.
    enginelog::line(QStringLiteral("starting (procdeck-engine %1)").arg(PROCDECK_VERSION));
    Engine engine(idleMs);
    if (!engine.start(&error)) {
        enginelog::line(error);
        return 1;
    }
    return app.exec();
}
