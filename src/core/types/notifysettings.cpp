#include "notifysettings.h"

namespace procdeck {

NotifySettings NotifySettings::load(const QSettings &settings)
{
    NotifySettings s;
    s.enabled = settings.value(QStringLiteral("notify/enabled"), s.enabled).toBool();
    s.afterSeconds = qMax(
            0, settings.value(QStringLiteral("notify/afterSeconds"), s.afterSeconds).toInt());
    return s;
}

void NotifySettings::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("notify/enabled"), enabled);
    settings.setValue(QStringLiteral("notify/afterSeconds"), afterSeconds);
}

} // namespace procdeck
