#pragma once

#include "process/remoterun.h"
#include "protocol/recordfields.h"

#include <QCborMap>
#include <QPointer>

namespace procdeck {

class EngineJobs;

/// A job of the user's engine mirrored by a job of the window (issue 25): no local process; the
/// engine runs it, and it outlives the window. Its state comes from the window's watch
/// (EngineJobs), its output and its end from a "follow" on the window's one follow connection
/// (FollowChannel), asked once the engine has started it (a batch's queued jobs ask nothing).
/// A kill, a pause or a resume is asked of the engine; the window going away (killNow(), its
/// destructor) leaves the job running there. The engine's history records it, not the
/// window's (engineJob()). Its start, run time and end state are the engine's. A job adopted
/// already ended (`adoptIfEnded`) is a row made ended from its record (endedBefore()), never
/// started nor watched, and its output comes only when asked (fetchOutput()): a window
/// attaching to 100,000 ended jobs asks no follow and registers nothing for them.
class EngineRun final : public RemoteRun
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineRun)

public:
    /// Mirrors job `number` of the engine `jobs` is attached to. With `adoptIfEnded`, a job
    /// whose record says it ended is mirrored as it ended (endedBefore()), never followed:
    /// fetchOutput() brings its output.
    EngineRun(EngineJobs *jobs, int number, bool adoptIfEnded = false, QObject *parent = nullptr);
    /// As adoptIfEnded, from `record`, job `number`'s record read already (an attach reads
    /// each once, for its spec too).
    EngineRun(EngineJobs *jobs, int number, const RecordFields &record,
              QObject *parent = nullptr);
    /// The spec a job of the engine is shown with, from its record (the JSON Lines fields).
    static JobSpec specOf(const RecordFields &record);
    /// Follows the job once for its output, when it ended before it was mirrored
    /// (endedUnseen()) and its output has not been asked yet; lateOutput() brings it, on the
    /// event loop's later turns. True when it was asked now.
    bool fetchOutput();
    ~EngineRun() override;

    int engineJob() const override { return m_number; }
    qint64 leaderPidHere() const override;
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
    /// Asked of the engine (`signal`, `priority`): its policy decides there, a refusal comes
    /// back to `refused`.
    bool forwardSignal(int sig, Refused refused) const override;
    bool forwardPriority(const PriorityRequest &request, Refused refused) const override;
    /// Queued in the engine: Move to top/bottom of queue ask it to move it there (`order`).
    bool movableThere() const override { return m_queuedThere && !m_ended && !m_jobs.isNull(); }
    void moveInQueueThere(bool toFront) const override;
    bool pausesItself() const override { return true; }
    void requestSuspended(bool suspended) override;
    bool suspendWanted() const override { return m_wanted; }
    QDateTime startedThere() const override;
    qint64 runMsThere() const override;
    bool endStateThere(JobState *state) const override;
    bool endedUnseen() const override { return m_endThere != nullptr; }
    bool endedBefore(EndThere *end) const override;

protected:
    QString failureReason(int exitCode, const QString &stderrText) const override;

private:
    /// Mirrors the job as it ended when `record` says it has: endedBefore() has that end.
    void adoptIfEnded(const RecordFields &record);
    void takeRecord(const QCborMap &record);
    void follow();
    void onFollowMessage(const QCborMap &message);
    void takeEnd(const QCborMap &ended);
    void endLost(const QString &why);
    /// Ends the mirror as the engine's job ended: `exitCode`, or the signal `sig` (> 0).
    void endAs(JobState state, int exitCode, int sig, bool timedOut);
    /// What endAs() keeps of such an end: the state, why (`error`: the engine's words), whether
    /// it ran at all.
    void noteEnd(JobState state, bool timedOut, const QString &error);
    void forget();
    /// A `kind` request with `fields` for this job; false when it has ended or is not attached.
    bool steerThere(const QString &kind, const QCborMap &fields, Refused refused) const;
    /// Ends the follow: the engine stops sending its output.
    void closeFollow();

    QPointer<EngineJobs> m_jobs;
    int m_number;
    int m_generation = 0;           ///< of the engine it mirrors (EngineJobs::generation())
    std::unique_ptr<EndThere> m_endThere; ///< ended before it was mirrored: how (endedBefore())
    bool m_fetched = false;         ///< fetchOutput() was called
    JobState m_endState = JobState::Queued; ///< the engine's, once ended (Queued: not yet)
    QCborMap m_record;              ///< the engine's last word on it (its watch)
    QString m_startedText;          ///< its record's "started"
    bool m_following = false;             ///< follow() asked, its end not come yet
    bool m_followAsked = false;           ///< follow() was called: it opens in its turn
    bool m_queuedThere = true;
    bool m_pausedThere = false;
    bool m_started = false;         ///< startRemote() was called
    bool m_ended = false;
    bool m_wanted = false;
    bool m_notStarted = false;
    QString m_failure;
};

} // namespace procdeck
