#pragma once

#include "core/client/submitrequest.h"

#include <QObject>

class QStatusBar;

namespace procdeck {
class EngineJobs;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class BackgroundPanel;
class BatchFileActions;
class JobActions;
class NoticeBar;

/// The window's jobs that run in the user's engine (issue 25): a launch or a batch the person
/// sends to the background is handed to the engine, and each of its jobs becomes a row of the
/// window's own table (Scheduler::addMirrored() with an EngineRun), so that its state, output,
/// timeline, notifications, exports and Kill/Pause/Resume work as for any job, while the job
/// lives in the engine and outlives the window.
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

    /// Hands `specs` to the engine (starting it when none runs); once it has numbered them,
    /// each is a row of the table.
    void submit(const QList<procdeck::JobSpec> &specs,
                const procdeck::submitrequest::Options &options);
    procdeck::EngineJobs *engineJobs() const { return m_jobs; }

private:
    void mirror(const QList<procdeck::JobSpec> &specs, const QList<int> &numbers);

    procdeck::Scheduler *m_scheduler;
    procdeck::EngineJobs *m_jobs;
    QStatusBar *m_bar;
    NoticeBar *m_notices;
};

} // namespace procdeck::app
