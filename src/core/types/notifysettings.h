#pragma once

#include <QSettings>

namespace procdeck {

/// When to tell the person that work ended while they looked elsewhere: the window's and the
/// engine's notifications read the same setting.
struct NotifySettings {
    bool enabled = true;
    int afterSeconds = 10; ///< a job run alone is worth a notification from this long on

    static NotifySettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    friend bool operator==(const NotifySettings &a, const NotifySettings &b)
    {
        return a.enabled == b.enabled && a.afterSeconds == b.afterSeconds;
    }
};

} // namespace procdeck
