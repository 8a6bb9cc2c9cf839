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
    /// Puts `command` first among the recent ones (kept: the last 50).
    static void rememberCommand(const QString &command);
};

} // namespace procdeck::app
