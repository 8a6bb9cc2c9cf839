#include "appsettings.h"

#include <QCoreApplication>
#include <QTimer>

namespace procdeck::app {

namespace {
constexpr int kCommandsKept = 50;
const QString kCommandsKey = QStringLiteral("history/commands");

/// The recent commands not yet written: many remembered in one turn of the event loop (Run again
/// on 1,000 jobs) are one write of the settings file, not 1,000.
struct UnwrittenCommands {
    QStringList commands;
    bool scheduled = false;
};

UnwrittenCommands &unwritten()
{
    static UnwrittenCommands state; // the GUI thread's alone
    return state;
}
} // namespace

std::unique_ptr<QSettings> AppSettings::open()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("procdeck"), QStringLiteral("procdeck"));
}

QStringList AppSettings::recentCommands()
{
    return unwritten().scheduled ? unwritten().commands
                                 : open()->value(kCommandsKey).toStringList();
}

void AppSettings::rememberCommand(const QString &command)
{
    UnwrittenCommands &state = unwritten();
    QStringList commands = recentCommands();
    if (!commands.isEmpty() && commands.first() == command)
        return; // nothing changes: nothing is written
    commands.removeAll(command);
    commands.prepend(command);
    state.commands = commands.mid(0, kCommandsKept);
    if (state.scheduled)
        return;
    state.scheduled = true;
    QTimer::singleShot(0, QCoreApplication::instance(), [] { writeRememberedCommands(); });
    static const bool atQuit
            = QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit,
                               [] { writeRememberedCommands(); }); // quit before the loop turned
    Q_UNUSED(atQuit)
}

void AppSettings::writeRememberedCommands()
{
    UnwrittenCommands &state = unwritten();
    if (!state.scheduled)
        return;
    state.scheduled = false;
    open()->setValue(kCommandsKey, state.commands);
}

} // namespace procdeck::app
