#pragma once

#include <QSettings>
#include <QStringList>

#include <memory>

namespace procdeck::app {

/// Where the window keeps what it remembers: ~/.config/procdeck/procdeck.conf.
class AppSettings final
{
public:
    /// The settings store, opened for one use.
    static std::unique_ptr<QSettings> open();
    /// The commands launched from the forms, the newest first (the New job form offers them).
    static QStringList recentCommands();
    /// Puts `command` first among the recent ones (kept: the last 50). Written once the event
    /// loop turns (all remembered until then in one write), and not at all when it is first
    /// already.
    static void rememberCommand(const QString &command);
    /// Writes the remembered commands now (the event loop does it, and so does quitting).
    static void writeRememberedCommands();
};

} // namespace procdeck::app
