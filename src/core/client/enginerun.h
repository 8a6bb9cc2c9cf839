#pragma once

#include "process/remoterun.h"

#include <QCborMap>
#include <QPointer>

namespace procdeck {

class EngineConnection;
class EngineJobs;

/// A job of the user's engine mirrored by a job of the window (issue 25): no local process; the
/// engine runs it, and it outlives the window. Its state comes from the window's watch
/// (EngineJobs), its output and its end from a "follow" on a connection of its own, opened once
/// the engine has started it (a batch's queued jobs hold no connection). A kill, a pause or a
/// resume is asked of the engine; the window going away (killNow(), its destructor) leaves the
/// job running there. The engine's history records it, not the window's (engineJob()).
class EngineRun final : public RemoteRun
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineRun)

public:
    /// Mirrors job `number` of the engine `jobs` is attached to.
    EngineRun(EngineJobs *jobs, int number, QObject *parent = nullptr);
    ~EngineRun() override;

    int engineJob() const override { return m_number; }
    QString executorKey() const override;
    QString host() const override;
    QString slurmJobId() const override;
    /// Queued in the engine: the table says it waits there ("Pending …").
    bool pendingOnCluster() const override { return m_queuedThere; }
    bool runsItself() const override { return true; }
    JobSpec localCommand(const JobSpec &spec, int treeId) override;
    void startRemote(const JobSpec &spec, int treeId) override;
    bool failedToStart() const override { return m_notStarted; }
    bool endsRunsItself() const override { return true; }
    /// The engine's kill: SIGTERM to the tree, SIGKILL after the job's grace, there.
    void terminate(double graceSeconds) override;
    /// The window goes (quitting, its destructor): the job is the engine's and runs on.
    void killNow() override {}
    bool pausesItself() const override { return true; }
    void requestSuspended(bool suspended) override;
    bool suspendWanted() const override { return m_wanted; }

protected:
    QString failureReason(int exitCode, const QString &stderrText) const override;

private:
    void takeRecord(const QCborMap &record);
    void follow();
    void onFollowMessage(const QCborMap &message);
    void takeEnd(const QCborMap &ended);
    void endLost(const QString &why);

    QPointer<EngineJobs> m_jobs;
    int m_number;
    QCborMap m_record;              ///< the engine's last word on it (its watch)
    EngineConnection *m_follow = nullptr; ///< from its start there until its end
    bool m_queuedThere = true;
    bool m_pausedThere = false;
    bool m_started = false;         ///< startRemote() was called
    bool m_ended = false;
    bool m_wanted = false;
    bool m_notStarted = false;
    QString m_failure;
};

} // namespace procdeck
