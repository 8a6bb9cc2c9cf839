#include "notifier.h"

#include "core/scheduling/scheduler.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>
#include <QWidget>

#include <utility>

namespace procdeck::app {

using procdeck::Job;

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kShowAction = QStringLiteral("show");
const QString kDefaultAction = QStringLiteral("default"); // a click on the notification itself

QDBusMessage call(const QString &method)
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}
} // namespace

Notifier::Notifier(QWidget *window, const procdeck::Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_window(window), m_scheduler(scheduler), m_notices(scheduler)
{
    connect(m_scheduler, &procdeck::Scheduler::jobEnded, this, &Notifier::onJobEnded);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_capabilitiesKnown = true;
        return; // no session bus: the tray is the way
    }
    bus.connect(QString(), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(QString(), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                SLOT(onNotificationClosed(uint, uint)));
    // Asked once, without waiting: whether the server shows actions decides whether "Show" is
    // offered.
    auto *watcher = new QDBusPendingCallWatcher(
            bus.asyncCall(call(QStringLiteral("GetCapabilities"))), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<QStringList> reply = *w;
        if (!reply.isError())
            m_capabilities = reply.value();
        w->deleteLater();
        m_capabilitiesKnown = true;
        for (const Note &note : std::exchange(m_waiting, {}))
            send(note);
    });
}

Notifier::~Notifier() = default;

void Notifier::onJobEnded(Job *job)
{
    if (m_window->isVisible() && m_window->isActiveWindow() && !m_window->isMinimized())
        return;
    if (job->remote() && job->remote()->endedUnseen())
        return; // it ended in the engine before this window heard of it: no news
    if (const std::optional<Note> note = m_notices.onEnded(*job, m_settings))
        notify(*note);
}

void Notifier::notify(const Note &note)
{
    if (m_capabilitiesKnown)
        send(note);
    else
        m_waiting << note; // the server has not said yet whether it shows actions
}

void Notifier::send(const Note &note)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        notifyByTray(note);
        return;
    }
    QStringList actions;
    if (m_capabilities.contains(QLatin1String("actions")))
        actions << kDefaultAction << tr("Show") << kShowAction << tr("Show");
    const QVariantMap hints { { QStringLiteral("desktop-entry"), QApplication::desktopFileName() },
                              { QStringLiteral("urgency"),
                                QVariant::fromValue(uchar(note.failed ? 2 : 1)) } };
    QDBusMessage message = call(QStringLiteral("Notify"));
    message << QStringLiteral("ProcDeck") << uint(0) << QStringLiteral("procdeck") << note.summary
            << note.body << actions << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, note](QDBusPendingCallWatcher *w) {
                const QDBusPendingReply<uint> reply = *w;
                w->deleteLater();
                if (reply.isError()) { // no notification server on this bus
                    notifyByTray(note);
                    return;
                }
                onDelivered(reply.value(), note.seq);
            });
}

void Notifier::onDelivered(uint id, int seq)
{
    m_seqById.insert(id, seq);
    emit delivered(false);
    // A quick click (or a test server) may have answered before the reply to Notify came back.
    const QString early = m_earlyActions.take(id);
    if (!early.isEmpty())
        onActionInvoked(id, early);
}

void Notifier::notifyByTray(const Note &note)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        QApplication::alert(m_window); // the taskbar entry asks for attention: what is left
        return;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
                [this] { emit showJobRequested(m_traySeq); });
    }
    m_traySeq = note.seq;
    m_tray->show();
    m_tray->showMessage(note.summary, note.body,
                        note.failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    emit delivered(true);
}

void Notifier::onActionInvoked(uint id, const QString &actionKey)
{
    if (actionKey != kShowAction && actionKey != kDefaultAction)
        return;
    const auto it = m_seqById.constFind(id);
    if (it != m_seqById.constEnd())
        emit showJobRequested(it.value());
    else if (m_earlyActions.size()
             < 64) // bounded: ids of other programs' notifications come here too
        m_earlyActions.insert(id, actionKey);
}

void Notifier::onNotificationClosed(uint id, uint)
{
    m_seqById.remove(id);
    m_earlyActions.remove(id);
}

} // namespace procdeck::app
