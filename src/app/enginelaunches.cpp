#include "enginelaunches.h"

#include "backgroundpanel.h"
#include "batchfileactions.h"
#include "jobactions.h"
#include "jobtablepanel.h"
#include "noticebar.h"

#include "core/client/engineconnection.h"
#include "core/client/enginejobs.h"
#include "core/client/enginerun.h"
#include "core/process/jobstart.h"
#include "core/protocol/recordfields.h"
#include "core/scheduling/scheduler.h"

#include <QCoreApplication>
#include <QItemSelectionModel>
#include <QPointer>
#include <QStatusBar>
#include <QTableView>

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
    // The Background tab shows the engine this one started (it attached to none running), its
    // rows from this watch.
    background->showJobsOf(m_jobs);
    connect(m_jobs, &EngineJobs::attached, background,
            [background] { background->attach(false); });
    connect(launches, &JobActions::backgroundLaunchRequested, this,
            [this](const JobSpec &spec, const RunOn &on) { submit({spec}, {false, 0, {}, on}); });
    // A batch's Max parallel is its own, within the engine's (as a batch run in the window):
    // the engine's limit is every window's toolbar Parallel, not one batch's to change.
    connect(launches, &JobActions::backgroundBatchRequested, this,
            [this](const QList<JobSpec> &specs, int maxParallel, const QString &halt,
                   const RunOn &on) { submit(specs, batchOptions(maxParallel, halt, on)); });
    connect(batchFiles, &BatchFileActions::backgroundBatchRequested, this,
            [this](const QList<JobSpec> &specs, int maxParallel) {
                submit(specs, batchOptions(maxParallel, {}, {}));
            });
    connect(launches, &JobActions::engineAgainRequested, this, &EngineLaunches::runAgain);
    const JobTablePanel *table = launches->table();
    connect(table->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, table] { fetchShownOutput(table); });
    // Every job of the engine is a row, whoever started it; an engine started from the
    // Background tab is attached to as well.
    connect(m_jobs, &EngineJobs::appeared, this, &EngineLaunches::onAppeared);
    m_listingTurn.setSingleShot(true);
    m_listingTurn.setInterval(250);
    connect(&m_listingTurn, &QTimer::timeout, this, &EngineLaunches::adoptDeferred);
    connect(m_jobs, &EngineJobs::listed, this, &EngineLaunches::adoptDeferred);
    connect(m_jobs, &EngineJobs::lost, this, &EngineLaunches::onEngineLost);
    // The toolbar's Parallel is the engine's while attached: one number for every window, which
    // this window's own jobs (--in-window) follow too. The engine's wins at the attach.
    connect(m_jobs, &EngineJobs::maxParallelChanged, scheduler, &Scheduler::setMaxParallel);
    connect(scheduler, &Scheduler::maxParallelChanged, m_jobs, &EngineJobs::setMaxParallel);
    connect(background->connection(), &EngineConnection::attached, m_jobs,
            &EngineJobs::attachIfRunning);
    m_jobs->attachIfRunning();
}

EngineLaunches::~EngineLaunches() = default;

submitrequest::Options EngineLaunches::batchOptions(int maxParallel, const QString &halt,
                                                    const std::optional<RunOn> &on)
{
    submitrequest::Options options;
    options.batch = true;
    options.batchMaxParallel = maxParallel;
    options.halt = halt;
    options.runOn = on;
    return options;
}

void EngineLaunches::submit(const QList<JobSpec> &specs, const submitrequest::Options &options,
                            Mirrored then)
{
    if (specs.isEmpty())
        return;
    QPointer<EngineLaunches> self(this);
    m_jobs->submit(specs, options, [self, specs, then](const QList<int> &numbers,
                                                       const QString &error) {
        if (!self)
            return;
        const bool taken = numbers.size() == specs.size();
        const int firstSeq = taken ? self->mirror(specs, numbers) : 0;
        if (then)
            then(firstSeq, taken ? QString() : error);
        else if (!taken)
            self->m_notices->showText(
                    tr("The jobs could not be sent to the background: %1").arg(error));
        self->adoptDeferred();
    });
}

int EngineLaunches::mirror(const QList<JobSpec> &specs, const QList<int> &numbers)
{
    // The window's copy keeps no clock and no retries of its own: the engine's timeout and
    // retries are the ones that count (a second clock here would kill it twice).
    QList<JobSpec> mirrored = specs;
    for (JobSpec &spec : mirrored) {
        spec.timeoutSeconds = 0;
        spec.retries = 0;
    }
    for (int n : numbers)
        m_mirrored.insert(n);
    const int first = m_scheduler->count();
    m_scheduler->addMirrored(mirrored, [this, numbers](int i) {
        return std::make_unique<EngineRun>(m_jobs, numbers.at(i));
    });
    const int count = int(numbers.size());
    m_bar->showMessage(tr("%n job(s) sent to the background: %1", nullptr, count)
                               .arg(numbersText(numbers)),
                       8000);
    return m_scheduler->jobAt(first)->seq();
}

void EngineLaunches::onAppeared(const QList<int> &numbers, bool listing)
{
    // A submit of this window's unanswered: these may be its jobs, which its answer mirrors
    // with the specs as given. What is left once it has answered is adopted then. A page of
    // the listing waits for the next ones, until it ends or the timer's turn comes.
    if (m_jobs->pendingSubmits() > 0 || listing) {
        for (int n : numbers)
            m_deferred.append({n, listing});
        if (listing && !m_listingTurn.isActive())
            m_listingTurn.start();
        return;
    }
    adoptDeferred(); // what was listed before them comes first
    adopt(numbers, listing);
}

void EngineLaunches::adoptDeferred()
{
    if (m_jobs->pendingSubmits() > 0 || m_deferred.isEmpty())
        return;
    // In the order they came, each run of one kind (listed, new since) at once.
    const auto deferred = std::exchange(m_deferred, {});
    QList<int> run;
    for (qsizetype i = 0; i < deferred.size(); ++i) {
        run << deferred.at(i).first;
        if (i + 1 == deferred.size() || deferred.at(i + 1).second != deferred.at(i).second)
            adopt(std::exchange(run, {}), deferred.at(i).second);
    }
}

void EngineLaunches::adopt(const QList<int> &numbers, bool listing)
{
    // Grouped by the engine's batch, in the engine's order: one window batch per engine batch.
    QList<int> batchOrder;
    QHash<int, QList<int>> byBatch;
    for (int n : numbers) {
        if (m_mirrored.contains(n))
            continue; // a row already: the window's own launch, or adopted before
        m_mirrored.insert(n);
        const int batch = int(m_jobs->recordOf(n).value(QLatin1StringView("batch")).toInteger());
        if (!byBatch.contains(batch))
            batchOrder << batch;
        byBatch[batch] << n;
    }
    for (int batch : std::as_const(batchOrder)) {
        const QList<int> group = byBatch.value(batch);
        // Each record read once, for its spec and its end (a listing's rows are made as they
        // ended): 100,000 rows at an attach.
        QList<JobSpec> specs;
        specs.reserve(group.size());
        std::vector<std::unique_ptr<EngineRun>> runs;
        runs.reserve(size_t(group.size()));
        for (int n : group) {
            const RecordFields record(m_jobs->recordOf(n));
            specs << EngineRun::specOf(record);
            runs.push_back(listing ? std::make_unique<EngineRun>(m_jobs, n, record)
                                   : std::make_unique<EngineRun>(m_jobs, n));
        }
        int windowBatch = 0;
        if (batch > 0) {
            const auto it = m_batchOf.constFind(batch);
            windowBatch = it != m_batchOf.cend() ? *it : m_scheduler->newBatchId();
            m_batchOf.insert(batch, windowBatch);
        }
        // Those listed at the attach that had ended are followed only when shown.
        m_scheduler->addMirrored(std::move(specs), [&runs](int i) {
            return std::move(runs[size_t(i)]);
        }, windowBatch);
    }
}

void EngineLaunches::onEngineLost()
{
    // The next engine numbers its jobs anew: none of them has a row yet.
    m_mirrored.clear();
    m_batchOf.clear();
    m_deferred.clear();
    m_listingTurn.stop();
}

void EngineLaunches::runAgain(const QList<int> &numbers)
{
    QPointer<EngineLaunches> self(this);
    m_jobs->again(numbers, [self](const QList<int> &again, const QString &error) {
        if (!self)
            return;
        if (again.isEmpty()) //: %1: the engine's reason
            self->m_notices->showText(tr("The engine did not run them again: %1").arg(error));
        else // their rows come with the engine's watch, as any new job's
            self->m_bar->showMessage(tr("%n job(s) queued again in the engine: %1", nullptr,
                                        int(again.size()))
                                             .arg(numbersText(again)),
                                     8000);
        self->adoptDeferred();
    });
}

void EngineLaunches::fetchShownOutput(const JobTablePanel *table)
{
    const Job *shown = table->shownJob();
    if (!shown || !shown->remote() || shown->remote()->engineJob() <= 0)
        return;
    // The run is the job's; asking for its output changes nothing the table holds. A row made
    // ended (JobStart::adoptEnded()) takes it into its logs from its first ask.
    auto *run = qobject_cast<EngineRun *>(const_cast<RemoteRun *>(shown->remote()));
    if (run && run->fetchOutput())
        JobStart::takeLateOutput(*const_cast<Job *>(shown));
}

} // namespace procdeck::app
