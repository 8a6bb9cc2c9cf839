#pragma once

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

/// GNU parallel's stop at an input it cannot run (-s: its command alone too long): the jobs
/// before it run, and when its turn comes (every one of them started and a slot free) the error
/// is said and the jobs still running are killed, their output never printed, as parallel's
/// wait_and_exit(255).
class InputStop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InputStop)

public:
    /// `error` empty: never stops. `say` writes the line on stderr (and marks the run failed).
    InputStop(procdeck::Scheduler *scheduler, QString error,
              std::function<void(const QString &)> say, QObject *parent = nullptr);

    /// The job was running when the turn came: it ends killed, and is not printed.
    bool killed(const procdeck::Job *job) const { return m_killed.contains(job); }

private:
    void check();

    procdeck::Scheduler *m_scheduler;
    QString m_error;
    std::function<void(const QString &)> m_say;
    bool m_stopped = false;
    QSet<const procdeck::Job *> m_killed;
};
