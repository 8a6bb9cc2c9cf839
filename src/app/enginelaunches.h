#pragma once

#include "core/client/submitrequest.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class QStatusBar;

namespace procdeck {
class EngineJobs;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class BackgroundPanel;
class BatchFileActions;
class JobActions;
class JobTablePanel;
class NoticeBar;

/// The window's jobs that run in the user's engine (issue 25): a launch or a batch the person
/// sends to the background is handed to the engine, and each of its jobs becomes a row of the
/// window's own table (Scheduler::addMirrored() with an EngineRun), so that its state, output,
/// timeline, notifications, exports and Kill/Pause/Resume work as for any job, while the job
/// lives in the engine and outlives the window. Every other job of the engine (procdeck-cli's
/// --detach, a script's, another window's) is adopted the same way as soon as the window hears
/// of it: once attached, the table shows every job the engine has, each exactly once, one
/// window batch per engine batch.
class EngineLaunches final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineLaunches)

public:
    /// Mirrors in `scheduler` what `launches` and `batchFiles` send to the background; says
    /// what was sent in `bar` and a refusal in the `background` tab's notices, which attaches
    /// to an engine this starts.
    EngineLaunches(procdeck::Scheduler *scheduler, const JobActions *launches,
                   const BatchFileActions *batchFiles, QStatusBar *bar,
                   BackgroundPanel *background, QObject *parent = nullptr);
    ~EngineLaunches() override;

    /// What became of a submit: the window's number of the first of its rows (the others
    /// follow it in order), or, when the engine refused them or none could be started, why.
    using Mirrored = std::function<void(int firstSeq, const QString &refusal)>;
    /// Hands `specs` to the engine (starting it when none runs); once it has numbered them,
    /// each is a row of the table. Without `then`, a refusal is said in the Background tab.
    void submit(const QList<procdeck::JobSpec> &specs,
                const procdeck::submitrequest::Options &options, Mirrored then = {});
    procdeck::EngineJobs *engineJobs() const { return m_jobs; }

private:
    /// A batch of the forms: `maxParallel` its own limit, within the engine's.
    static procdeck::submitrequest::Options batchOptions(int maxParallel, const QString &halt,
                                                         const std::optional<procdeck::RunOn> &on);
    /// Rows for the engine's `numbers`; returns the window's number of the first.
    int mirror(const QList<procdeck::JobSpec> &specs, const QList<int> &numbers);
    /// Jobs of the engine the window has no row for yet (EngineJobs::appeared()).
    void onAppeared(const QList<int> &numbers, bool listing);
    void adopt(const QList<int> &numbers, bool listing);
    /// Adopts what came while a submit of this window's was unanswered (it may be its jobs),
    /// and the listing's pages held so far.
    void adoptDeferred();
    void onEngineLost();
    void runAgain(const QList<int> &numbers);
    /// The shown row's output, when it ended in the engine before this window saw it.
    void fetchShownOutput(const JobTablePanel *table);

    procdeck::Scheduler *m_scheduler;
    procdeck::EngineJobs *m_jobs;
    QStatusBar *m_bar;
    NoticeBar *m_notices;
    QSet<int> m_mirrored;           ///< the engine's numbers that have a row
    QHash<int, int> m_batchOf;      ///< the window's batch of each engine batch
    /// Appeared while a submit was unanswered, or listed at the attach and not adopted yet.
    QList<std::pair<int, bool>> m_deferred;
    /// The listing's pages are adopted together when it ends, or at this timer's turn: a few
    /// insertions and paints for 100,000 jobs, not one for each page of 500.
    QTimer m_listingTurn;
};

} // namespace procdeck::app
