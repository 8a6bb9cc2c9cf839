#include "enginerestartoffer.h"

#include "core/client/engineconnection.h"
#include "core/protocol/protocol.h"
#include "core/types/isotime.h"
#include "noticebar.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>

namespace procdeck::app {

EngineRestartOffer::EngineRestartOffer(EngineConnection *connection, QWidget *barParent)
    : QObject(barParent),
      m_connection(connection),
      m_bar(new NoticeBar(NoticeBar::Kind::Warning, barParent))
{
    m_bar->setObjectName(QStringLiteral("engineRestartBar"));
    connect(m_bar->setButton(tr("Restart when idle")), &QPushButton::clicked, this,
            &EngineRestartOffer::askToRetire);
}

void EngineRestartOffer::check()
{
    m_bar->hide();
    m_retiring = false;
    if (m_connection->engineRetiring()) { // another window asked before this one attached
        showRetiring();
        return;
    }
    const QString path = m_connection->enginePath();
    const QString built = m_connection->engineBuilt();
    if (path.isEmpty() || built.isEmpty())
        return; // an engine from before the offer: nothing to compare
    const qint64 pid = m_connection->enginePid();
    QPointer<EngineRestartOffer> self(this);
    QThreadPool::globalInstance()->start([self, path, built, pid] {
        // A stat of the engine's program: disk work, never on the GUI thread.
        const QDateTime onDisk = QFileInfo(path).lastModified().toUTC();
        const QDateTime running = isotime::parse(built);
        if (!onDisk.isValid() || !running.isValid() || onDisk <= running)
            return;
        QMetaObject::invokeMethod(qApp, [self, pid, built, onDisk] {
            if (self)
                self->offer(pid, built, onDisk.toString(Qt::ISODateWithMs));
        });
    });
}

void EngineRestartOffer::offer(qint64 pid, const QString &built, const QString &onDisk)
{
    if (!m_connection->isAttached() || m_connection->enginePid() != pid
        || m_connection->engineBuilt() != built)
        return; // another engine by now
    const auto when = [](const QString &iso) {
        return QLocale().toString(isotime::parse(iso).toLocalTime(), QLocale::ShortFormat);
    };
    //: %1: the engine's pid; %2, %3: dates and times of the two programs
    m_bar->showText(tr("A newer ProcDeck engine is installed (%3). The one running (pid %1) is "
                       "from %2: restart it once its jobs have ended to use the new one.")
                            .arg(pid)
                            .arg(when(built), when(onDisk)));
    m_bar->button()->show();
    m_bar->button()->setEnabled(true);
}

void EngineRestartOffer::askToRetire()
{
    if (!m_connection->isAttached())
        return;
    m_bar->button()->setEnabled(false);
    m_connection->send(protocol::message(protocol::type::retire));
}

bool EngineRestartOffer::take(const QCborMap &message)
{
    if (protocol::typeOf(message) != protocol::type::retiring)
        return false;
    showRetiring(); // whichever window asked: every one is told
    return true;
}

void EngineRestartOffer::showRetiring()
{
    m_retiring = true;
    m_bar->showText(tr("The engine (pid %1) takes no more jobs and ends once its jobs have "
                       "ended; a new one starts then.")
                            .arg(m_connection->enginePid()));
    m_bar->button()->hide(); // nothing to ask: it is under way
}

bool EngineRestartOffer::retired()
{
    if (!std::exchange(m_retiring, false))
        return false;
    m_bar->hide();
    return true;
}

} // namespace procdeck::app
