#include "appsettings.h"

namespace procdeck::app {

namespace {
constexpr int kCommandsKept = 50;
const QString kCommandsKey = QStringLiteral("history/commands");
} // namespace

std::unique_ptr<QSettings> AppSettings::open()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("procdeck"),
                                       QStringLiteral("procdeck"));
}

QStringList AppSettings::recentCommands()
{
    return open()->value(kCommandsKey).toStringList();
}

void AppSettings::rememberCommand(const QString &command)
{
    const auto s = open();
    QStringList history = s->value(kCommandsKey).toStringList();
    history.removeAll(command);
    history.prepend(command);
    s->setValue(kCommandsKey, history.mid(0, kCommandsKept));
}

} // namespace procdeck::app
