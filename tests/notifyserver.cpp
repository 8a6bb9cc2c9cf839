// A notification server for tests: it owns org.freedesktop.Notifications on the session bus it is
// started on (a private one: dbus-run-session), prints one line per call on stdout, and with
// `--invoke KEY` answers every notification with ActionInvoked(id, KEY), as a click would.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QTimer>
#include <QVariantMap>

#include <cstdio>

#include <sys/prctl.h>
#include <csignal>
#include <unistd.h>

class NotificationServer final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    explicit NotificationServer(QString invoke) : m_invoke(std::move(invoke)) {}

public slots:
    QStringList GetCapabilities()
    {
        say(QStringLiteral("CAPS"));
        return {QStringLiteral("actions"), QStringLiteral("body")};
    }

    uint Notify(const QString &app, uint replaces, const QString &icon, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(replaces)
        Q_UNUSED(icon)
        Q_UNUSED(timeout)
        const uint id = ++m_lastId;
        say(QStringLiteral("NOTIFY\t%1\t%2\t%3\t%4\t%5\t%6")
                .arg(id)
                .arg(app, summary, body, actions.join(QLatin1Char(',')), hints.value(QStringLiteral("desktop-entry")).toString()));
        if (!m_invoke.isEmpty()) {
            QTimer::singleShot(0, this, [id, key = m_invoke] {
                QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                                 QStringLiteral("org.freedesktop.Notifications"),
                                                                 QStringLiteral("ActionInvoked"));
                signal << id << key;
                QDBusConnection::sessionBus().send(signal);
            });
        }
        return id;
    }

    void CloseNotification(uint id) { say(QStringLiteral("CLOSE\t%1").arg(id)); }

    QString GetServerInformation(QString &vendor, QString &version, QString &spec)
    {
        vendor = QStringLiteral("procdeck-tests");
        version = QStringLiteral("1");
        spec = QStringLiteral("1.2");
        return QStringLiteral("procdeck-test-notifyserver");
    }

private:
    static void say(const QString &line)
    {
        std::printf("%s\n", qPrintable(line));
        std::fflush(stdout); // before the reply goes out: whoever got the reply can read the line
    }

    QString m_invoke;
    uint m_lastId = 0;
};

int main(int argc, char *argv[])
{
    // Gone with the test that started it, even if that test was killed: nothing left behind.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() == 1)
        return 1;
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--invoke"));
    NotificationServer server(at >= 0 ? args.value(at + 1) : QString());
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &server, QDBusConnection::ExportAllSlots)
        || !bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        std::fprintf(stderr, "notifyserver: %s\n", qPrintable(bus.lastError().message()));
        return 1;
    }
    std::printf("READY\n");
    std::fflush(stdout);
    return app.exec();
}

#include "notifyserver.moc"
