#include "enginelaunches.h"

#include "backgroundpanel.h"
#include "batchfileactions.h"
#include "jobactions.h"
#include "noticebar.h"

#include "core/client/enginejobs.h"
#include "core/client/enginerun.h"
#include "core/scheduling/scheduler.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStatusBar>

namespace procdeck::app {

namespace {

QString numbersText(const QList<int> &numbers)
{
    QStringList words;
    for (int n : numbers)
        words << QStringLiteral("#%1").arg(n);
    return words.join(QStringLiteral(", "));
}

} // namespace

EngineLaunches::EngineLaunches(Scheduler *scheduler, const JobActions *launches,
                               const BatchFileActions *batchFiles, QStatusBar *bar,
                               BackgroundPanel *background, QObject *parent)
    : QObject(parent),
      m_scheduler(scheduler),
      m_jobs(new EngineJobs(
              QStringLiteral("procdeck %1").arg(QCoreApplication::applicationVersion()), this)),
      m_bar(bar),
      m_notices(background->notices())
{
    // The Background tab shows the engine this one started (it attached to none running).
    connect(m_jobs, &EngineJobs::attached, background,
            [background] { background->attach(false); });
    connect(launches, &JobActions::backgroundLaunchRequested, this,
            [this](const JobSpec &spec, const RunOn &on) { submit({spec}, {false, 0, {}, on}); });
    connect(launches, &JobActions::backgroundBatchRequested, this,
            [this](const QList<JobSpec> &specs, int maxParallel, const QString &halt,
                   const RunOn &on) { submit(specs, {true, maxParallel, halt, on}); });
    connect(batchFiles, &BatchFileActions::backgroundBatchRequested, this,
            [this](const QList<JobSpec> &specs, int maxParallel) {
                submit(specs, {true, maxParallel, {}, {}});
            });
}

EngineLaunches::~EngineLaunches() = default;

void EngineLaunches::submit(const QList<JobSpec> &specs, const submitrequest::Options &options)
{
    if (specs.isEmpty())
        return;
    QPointer<EngineLaunches> self(this);
    m_jobs->submit(specs, options, [self, specs](const QList<int> &numbers, const QString &error) {
        if (!self)
            return;
        if (numbers.size() != specs.size()) {
            self->m_notices->showText(
                    tr("The jobs could not be sent to the background: %1").arg(error));
            return;
        }
        self->mirror(specs, numbers);
    });
}

void EngineLaunches::mirror(const QList<JobSpec> &specs, const QList<int> &numbers)
{
    // The window's copy keeps no clock and no retries of its own: the engine's timeout and
    // retries are the ones that count (a second clock here would kill it twice).
    QList<JobSpec> mirrored = specs;
    for (JobSpec &spec : mirrored) {
        spec.timeoutSeconds = 0;
        spec.retries = 0;
    }
    m_scheduler->addMirrored(mirrored, [this, numbers](int i) {
        return std::make_unique<EngineRun>(m_jobs, numbers.at(i));
    });
    const int count = int(numbers.size());
    m_bar->showMessage(tr("%n job(s) sent to the background: %1", nullptr, count)
                               .arg(numbersText(numbers)),
                       8000);
}

} // namespace procdeck::app
