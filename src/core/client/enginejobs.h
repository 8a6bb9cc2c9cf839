#pragma once

#include "followchannel.h"
#include "submitrequest.h"

#include <QCborMap>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace procdeck {

class EngineConnection;

/// The window's side of the jobs it runs in the user's engine (issue 25): one connection, on
/// which it submits, steers (kill, pause, resume) and watches; each engine job the window
/// mirrors (EngineRun) is told its job's record as the watch brings it. Attaches on first use,
/// starting an engine when none answers. Nothing here waits.
class EngineJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineJobs)

public:
    /// `client` names the program in its hello ("procdeck 0.1.0").
    explicit EngineJobs(QString client, QObject *parent = nullptr);
    ~EngineJobs() override;

    /// The engine's answer to a submit: the jobs' numbers in the order given, or why none was
    /// queued (`error`, numbers empty).
    using Submitted = std::function<void(const QList<int> &numbers, const QString &error)>;
    /// The answer to a kill, pause or resume of one job: done, or why not.
    using Steered = std::function<void(bool done, const QString &why)>;
    /// A record of the watch (the JSON Lines export's keys: seq, state, exit_code …).
    using RecordTaker = std::function<void(const QCborMap &record)>;

    /// Hands `jobs` to the engine (starting one when none runs); `then` has the answer.
    void submit(const QList<JobSpec> &jobs, const submitrequest::Options &options,
                Submitted then);
    /// `kind` ("kill", "pause", "resume", "signal", "priority") for job `number`, with the
    /// message's other `fields` (a signal's number …); `then` (may be empty) the answer.
    void steer(const QString &kind, int number, Steered then = {}, QCborMap fields = {});
    /// Queues `numbers` again in the engine, as they were given (`again`); `then` has the new
    /// numbers, whose rows come as any new job's (appeared()).
    void again(const QList<int> &numbers, Submitted then);
    /// Submits asked and not answered yet: the jobs they make are not to be taken for others'.
    int pendingSubmits() const;
    /// Every record of job `number` from now on goes to `take` (the last one known at once);
    /// an empty `take` forgets it. When the engine goes away, each `take` still registered is
    /// given an empty record (lostReason() says why) and forgotten.
    void watchJob(int number, RecordTaker take);
    /// Counts the engines attached to (and lost): a number of one is not another's.
    int generation() const { return m_generation; }
    QString lostReason() const { return m_lostReason; }
    /// The last record the watch brought of job `number`; empty when none came yet.
    QCborMap recordOf(int number) const { return m_records.value(number); }
    /// The numbers of every job the engine has, as its watch listed them so far.
    QList<int> numbers() const { return m_records.keys(); }
    bool isAttached() const;
    /// What this client calls itself in its hello (its follows' connections say the same).
    QString client() const { return m_client; }
    /// The engine attached to: its pid and its start, which tell one engine from the next.
    QString engineSeen() const;
    /// The engine's limit of jobs running at once (its hello, then `parallel`: any client may
    /// change it); 0 when not attached, or the engine does not say.
    int maxParallel() const { return m_maxParallel; }
    /// Asks the engine to run at most `n` of its jobs at once; nothing while not attached or
    /// when the engine does not know `parallel`.
    void setMaxParallel(int n);
    static constexpr int kMostParallel = 100000; ///< the engine's bound

    /// Attaches when an engine runs; none is started.
    void attachIfRunning();
    /// The one connection every mirrored job's output comes on (EngineRun).
    FollowChannel &follows() { return *m_follows; }

signals:
    /// Attached to an engine (one this window may just have started).
    void attached();
    /// The engine's watch has listed every job it had when this window attached.
    void listed();
    /// Jobs the watch brought for the first time, in the engine's order: `listing` while it
    /// lists what the engine had when this client attached, else new since.
    void appeared(const QList<int> &numbers, bool listing);
    /// The engine went away (`reason`): what it ran has ended with it.
    void lost(const QString &reason);
    /// The engine's limit of jobs running at once, as said at the attach and at each change.
    void maxParallelChanged(int n);
    /// Each message of the watch (jobs, changed, end), whole, as decoded once for every view of
    /// the engine's jobs: the Background tab's model takes them as the table's rows do.
    void watched(const QCborMap &message);

private:
    struct Pending {
        QString kind;
        Submitted submitted;
        Steered steered;
    };
    void request(Pending pending, const QCborMap &message);
    void onAttached();
    void onFailed(const QString &reason);
    void onMessage(const QCborMap &message);
    void onAnswer(const QCborMap &answer);
    void takeRecords(const QCborArray &records);
    void onLost(const QString &reason);

    QString m_client;
    EngineConnection *m_connection;
    QList<Pending> m_asked;                    ///< sent, not answered yet, in order
    QList<std::pair<Pending, QCborMap>> m_unsent; ///< asked while not attached
    QHash<int, QCborMap> m_records;            ///< by job number, the last of each
    QHash<int, RecordTaker> m_takers;
    QString m_lostReason;
    int m_generation = 0;
    bool m_listing = false; ///< the watch's first pages are under way
    int m_maxParallel = 0;
    bool m_startWanted = false; ///< a submit came while an attach without a start was under way
    FollowChannel *m_follows;
};

} // namespace procdeck
