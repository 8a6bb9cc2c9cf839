#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace procdeck {
class Scheduler;
}

/// procdeck-cli's Ctrl+Z: every tree paused and nothing new started, then procdeck-cli stops
/// itself, once the trees being killed have had their SIGKILL (stopped, it could send none)
/// and the Slurm and ssh jobs' pauses have been answered (up to kRemotePauseWaitMs).
class Stopper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Stopper)

public:
    static constexpr int kRemotePauseWaitMs = 10000;

    /// `say` writes one line on stderr.
    Stopper(procdeck::Scheduler *scheduler, std::function<void(const QString &)> say,
            QObject *parent = nullptr);

    /// SIGTSTP (`name` as it is said): pauses everything, says so, and stops this process as
    /// soon as it may.
    void stop(const QString &name);
    /// SIGCONT: a stop still waiting is not made; every tree goes on.
    void resume();

    /// The signals procdeck-cli handles: every one whose default action ends the process, but
    /// those only a fault raises.
    static QList<int> handledSignals();
    /// Signals that stop the run: every job is killed, the export still written.
    static bool stopsTheRun(int sig);

private:
    void stopWhenReady();
    bool remotePauseUnderWay() const;

    procdeck::Scheduler *m_scheduler;
    std::function<void(const QString &)> m_say;
    QTimer m_poll;
    QElapsedTimer m_waited; ///< since the SIGTSTP
};
