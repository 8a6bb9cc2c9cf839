#include "enginenotifier.h"

#include "core/scheduling/scheduler.h"
#include "enginecore.h"
#include "enginelog.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSettings>

using namespace procdeck;

EngineNotifier::EngineNotifier(const EngineCore *core, QObject *parent)
    : QObject(parent), m_notices(&core->scheduler())
{
    connect(&core->scheduler(), &Scheduler::jobEnded, this, &EngineNotifier::onJobEnded);
}

void EngineNotifier::onJobEnded(Job *job)
{
    // Read at each end: the person may have switched notifications off in the window since.
    const NotifySettings settings = NotifySettings::load(
            QSettings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("procdeck"),
                      QStringLiteral("procdeck")));
    if (const std::optional<EndNotice> notice = m_notices.onEnded(*job, settings))
        send(*notice);
}

void EngineNotifier::send(const EndNotice &notice)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        if (!std::exchange(m_saidNoBus, true))
            enginelog::line(QStringLiteral("no session bus: ends are not notified"));
        return;
    }
    const QVariantMap hints{{QStringLiteral("desktop-entry"),
                             QStringLiteral("org.procdeck.ProcDeck")},
                            {QStringLiteral("urgency"),
                             QVariant::fromValue(uchar(notice.failed ? 2 : 1))}};
    QDBusMessage message = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.Notifications"),
            QStringLiteral("/org/freedesktop/Notifications"),
            QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    message << QStringLiteral("ProcDeck") << uint(0) << QStringLiteral("procdeck")
            << notice.summary << notice.body << QStringList() << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            enginelog::line(QStringLiteral("notification not shown: %1")
                                    .arg(reply.error().message()));
        w->deleteLater();
    });
}
