#pragma once

#include <QCborMap>
#include <QObject>

class QWidget;

namespace procdeck {
class EngineConnection;
}

namespace procdeck::app {

class NoticeBar;

/// Offers to restart the user's engine when a newer one is installed (issue 25.4): the engine's
/// hello names its program and that file's time when it started; a newer file there (an
/// upgrade while it ran) shows a bar with "Restart when idle", which asks the engine to retire:
/// it takes no more jobs and ends once its jobs have, and the window then starts the new one.
class EngineRestartOffer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineRestartOffer)

public:
    EngineRestartOffer(procdeck::EngineConnection *connection, QWidget *barParent);

    /// The bar with the offer, for the window's top.
    NoticeBar *bar() const { return m_bar; }
    /// After each attach: looks at the engine's program on disk, off the GUI thread.
    void check();
    /// `retiring` from the engine (this window or another asked it to retire); false for any
    /// other message.
    bool take(const QCborMap &message);
    /// The engine went away: whether it was retiring (a new one should start), not lost.
    bool retired();

private:
    void offer(qint64 pid, const QString &built, const QString &onDisk);
    void askToRetire();
    void showRetiring();

    procdeck::EngineConnection *m_connection;
    NoticeBar *m_bar;
    bool m_retiring = false; ///< the engine said it retires: its end is the restart
};

} // namespace procdeck::app
