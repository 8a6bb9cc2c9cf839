#pragma once

#include "core/scheduling/endnotices.h"
#include "core/types/notifysettings.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QSystemTrayIcon;
class QWidget;

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

using procdeck::NotifySettings;

/// Tells the desktop when a batch ends (or a job run alone that took a while) and the window is
/// not the active one: a notification through org.freedesktop.Notifications over the session
/// bus, with a "Show" action where the server offers actions; the tray where no notification
/// server answers. Every D-Bus call is asynchronous: the GUI thread never waits on the bus.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    /// `window`: the one whose being active makes notifications needless.
    Notifier(QWidget *window, const procdeck::Scheduler *scheduler, QObject *parent = nullptr);
    ~Notifier() override;

    void setSettings(const NotifySettings &settings) { m_settings = settings; }
    const NotifySettings &settings() const { return m_settings; }

    /// What the notification server said it can do (GetCapabilities), once it answered.
    QStringList capabilities() const { return m_capabilities; }

signals:
    /// The person chose "Show" on the notification of this job (or batch: its first failure, or
    /// its last job).
    void showJobRequested(int seq);
    /// A notification was handed over: to the notification server (which answered with an id),
    /// or, `viaTray`, to the tray.
    void delivered(bool viaTray);

private slots:
    // Old-style slots: QDBusConnection::connect takes the signal's receiver this way.
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void onJobEnded(procdeck::Job *job);
    using Note = procdeck::EndNotice;
    void notify(const Note &note);
    void send(const Note &note);
    void onDelivered(uint id, int seq);
    void notifyByTray(const Note &note);

    QWidget *const m_window;
    const procdeck::Scheduler *const m_scheduler;
    NotifySettings m_settings;
    QStringList m_capabilities;
    bool m_capabilitiesKnown = false; ///< GetCapabilities answered (or failed)
    QList<Note> m_waiting;            ///< notifications held until then, so that "Show" is offered
    QHash<uint, QString> m_earlyActions; ///< an action that arrived before Notify's reply did
    QHash<uint, int> m_seqById; ///< notification id → the job "Show" selects
    procdeck::EndNotices m_notices;
    QSystemTrayIcon *m_tray = nullptr; ///< made when first needed; owned here (Qt parent)
    int m_traySeq = 0;
};

} // namespace procdeck::app
