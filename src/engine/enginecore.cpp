#include "enginecore.h"

#include "core/export/exportsnapshot.h"
#include "core/export/runlog.h"
#include "core/history/history.h"
#include "core/parallel/jobspecjson.h"
#include "core/scheduling/jobdependencies.h"
#include "core/types/exportformat.h"
#include "core/types/paths.h"
#include "types/cborkey.h"

#include <QCborArray>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QProcessEnvironment>
#include <QSet>

using namespace procdeck;

namespace {

/// A job count of a submit, 0 when it has none; false with *error when it is out of range.
bool readLimit(const QCborMap &request, const char *key, int *n, QString *error)
{
    const qint64 asked = request.value(QLatin1String(key)).toInteger(0);
    if (asked < 0 || asked > EngineCore::kMostParallel) {
        *error = QStringLiteral("%1: %2 is not a job count").arg(QLatin1String(key)).arg(asked);
        return false;
    }
    *n = int(asked);
    return true;
}

/// "run_on" of a submit: where its jobs go; false with *error.
bool readRunOn(const QCborMap &o, RunOn *out, QString *error)
{
    const QString where = o.value(cborKey("where")).toString();
    if (where == executor::ssh()) {
        out->where = RunOn::Where::SshHosts;
        for (const QCborValue &login : o.value(cborKey("ssh_logins")).toArray()) {
            if (!SshLogin::parseList(login.toString(), &out->sshLogins, error))
                return false;
        }
        if (out->sshLogins.isEmpty()) {
            *error = QStringLiteral("run_on: ssh without a login");
            return false;
        }
    } else if (where == executor::slurm()) {
        out->where = RunOn::Where::SlurmCluster;
        for (const QCborValue &word : o.value(cborKey("slurm_args")).toArray())
            out->slurmArgs << word.toString();
    } else if (where != executor::local()) {
        *error = QStringLiteral("run_on: unknown place '%1'").arg(where);
        return false;
    }
    return true;
}

/// The entries of a launcher's environment ("environment" of a submit, KEY=VALUE) that the
/// engine's own does not have as they are: what its jobs must be given on top of the engine's.
QStringList differences(const QCborArray &launcher)
{
    static const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
    QStringList out;
    for (const QCborValue &v : launcher) {
        const QString entry = v.toString();
        const qsizetype eq = entry.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString name = entry.left(eq);
        if (!own.contains(name) || own.value(name) != entry.mid(eq + 1))
            out << entry;
    }
    return out;
}

/// Points the fields that a submit's jobs mostly share (folder, encoding, program) at one copy:
/// each job's spec is read from its own CBOR map, so without this 100,000 jobs kept 100,000
/// copies of the same folder's name in the engine for as long as it runs.
void shareRepeatedStrings(JobSpec *spec, QSet<QString> *seen)
{
    for (QString *field : {&spec->workingDirectory, &spec->encoding, &spec->program}) {
        if (field->isEmpty())
            continue;
        if (const auto it = seen->constFind(*field); it != seen->cend())
            *field = *it;
        else
            seen->insert(*field);
    }
}

} // namespace

EngineCore::EngineCore(History *history, QObject *parent) : QObject(parent)
{
    // One folder for this engine's jobs' output, made at the first spill.
    m_scheduler.setOutputDir(paths::newRunFolder());
    // An ended job's output is read back from its spill file (follow, exports): memory keeps
    // none of it, so that a long-lived engine stays small.
    m_scheduler.setEndedJobKeep({0, false}); // no tail, no usage samples
    if (history)
        history->attach(&m_scheduler);
}

EngineCore::~EngineCore() = default;

bool EngineCore::readJobs(const QCborMap &request, QList<JobSpec> *specs, QString *error) const
{
    const QCborArray jobs = request.value(cborKey("jobs")).toArray();
    const QStringList launcher = differences(request.value(cborKey("environment")).toArray());
    QSet<QString> seen;
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        JobSpec spec;
        jobspecjson::Problem problem;
        if (!jobs.at(i).isMap()
            || !jobspecjson::fromJson(jobs.at(i).toMap().toJsonObject(), &spec, &problem)) {
            *error = QStringLiteral("job %1: %2%3")
                             .arg(i + 1)
                             .arg(problem.key.isEmpty() ? QString()
                                                        : problem.key + QStringLiteral(": "),
                                  jobs.at(i).isMap() ? problem.what : QStringLiteral("not a map"));
            return false;
        }
        if (spec.environment.isEmpty())
            spec.environment = launcher; // shared by the submit's jobs, not a copy each
        else if (!launcher.isEmpty())
            spec.environment = launcher + spec.environment; // the job's own changes win
        shareRepeatedStrings(&spec, &seen);
        specs->append(spec);
    }
    if (specs->isEmpty()) {
        *error = QStringLiteral("no jobs to run");
        return false;
    }
    return jobdependencies::check(*specs, error);
}

bool EngineCore::readPlacing(const QCborMap &request, QString *error)
{
    m_halt = {};
    m_runOn.reset();
    const QString halt = request.value(cborKey("halt")).toString();
    if (!halt.isEmpty() && !HaltPolicy::parse(halt, &m_halt, error))
        return false;
    if (request.contains(cborKey("run_on"))) {
        RunOn runOn;
        if (!readRunOn(request.value(cborKey("run_on")).toMap(), &runOn, error))
            return false;
        m_runOn = runOn;
    }
    int maxParallel = 0;
    if (!readLimit(request, "max_parallel", &maxParallel, error)
        || !readLimit(request, "batch_max_parallel", &m_batchMaxParallel, error))
        return false;
    if (maxParallel > 0)
        m_scheduler.setMaxParallel(maxParallel);
    return true;
}

void EngineCore::refuseSubmits(const QString &reason)
{
    m_refusal = reason;
}

QList<int> EngineCore::submit(const QCborMap &request, QString *error)
{
    if (!m_refusal.isEmpty()) {
        *error = m_refusal;
        return {};
    }
    QList<JobSpec> specs;
    if (!readJobs(request, &specs, error) || !readPlacing(request, error))
        return {};
    const int first = m_scheduler.count();
    if (request.value(cborKey("batch")).toBool() || m_halt.isActive()) {
        const int batch = m_scheduler.addBatch(specs, m_halt, m_runOn);
        // Its own, within the engine's: as a batch in the window (the engine's limit is every
        // window's toolbar Parallel, which one batch's form must not change).
        m_scheduler.setBatchMaxParallel(batch, m_batchMaxParallel);
    } else {
        for (const JobSpec &spec : std::as_const(specs))
            m_scheduler.add(spec, m_runOn);
    }
    QList<int> numbers;
    for (int i = first; i < m_scheduler.count(); ++i)
        numbers << m_scheduler.jobAt(i)->seq();
    return numbers;
}

Job *EngineCore::job(int n) const
{
    Job *job = n > 0 ? m_scheduler.jobBySeq(n) : nullptr;
    // A retry has a number of its own but is not a job a person named.
    return job && job->firstSeq() == job->seq() ? job : nullptr;
}

Job *EngineCore::lastTry(Job *job) const
{
    while (job && job->retriedAs() != 0) {
        Job *next = m_scheduler.jobBySeq(job->retriedAs());
        if (!next)
            break;
        job = next;
    }
    return job;
}

QList<int> EngineCore::aliveNumbers() const
{
    QList<int> numbers;
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job *job = m_scheduler.jobAt(i);
        if (job->firstSeq() == job->seq() && !isTerminal(lastTry(const_cast<Job *>(job))->state()))
            numbers << job->seq();
    }
    return numbers;
}

QList<int> EngineCore::allNumbers() const
{
    QList<int> numbers;
    for (int i = 0; i < m_scheduler.count(); ++i) {
        const Job *job = m_scheduler.jobAt(i);
        if (job->firstSeq() == job->seq())
            numbers << job->seq();
    }
    return numbers;
}

QList<int> EngineCore::runAgain(const QList<int> &numbers, QString *error)
{
    if (!m_refusal.isEmpty()) {
        *error = m_refusal;
        return {};
    }
    QList<int> added;
    for (int n : numbers) {
        // The spec as given, not as its last try ran it (a slot is given anew), where it ran.
        const Job *was = job(n);
        added << m_scheduler.add(was->spec(), m_scheduler.runOnOf(was))->seq();
    }
    return added;
}

QList<int> EngineCore::unknown(const QList<int> &list) const
{
    QList<int> out;
    for (int n : list) {
        if (!job(n))
            out << n;
    }
    return out;
}

qsizetype EngineCore::firstAlive(const QList<int> &numbers, qsizetype from) const
{
    for (qsizetype i = from; i < numbers.size(); ++i) {
        const Job *last = lastTry(job(numbers.at(i)));
        if (last && !isTerminal(last->state()))
            return i;
    }
    return numbers.size();
}

int EngineCore::followStatus(const Job &job)
{
    if (job.timedOut() && !isSuccess(job.state()))
        return 124;
    if (job.signal() > 0)
        return 128 + job.signal();
    return job.exitCode() >= 0 ? job.exitCode() : 255;
}

int EngineCore::waitStatus(const QList<int> &numbers) const
{
    int failed = 0;
    for (int n : numbers) {
        const Job *last = lastTry(job(n));
        if (last && !isSuccess(last->state()))
            ++failed;
    }
    return failed > 100 ? 101 : failed;
}

void EngineCore::writeExport(const QList<int> &numbers, const QString &path,
                             const QString &formatName, QObject *context,
                             std::function<void(const QString &)> written) const
{
    // As --export: the format named, else the one the extension says, else JSON Lines.
    runlog::Format format = runlog::Format::JsonLines;
    if (!runlog::formatFromName(formatName, &format))
        runlog::formatForPath(path, &format);
    // An ended job keeps no tail here (setEndedJobKeep): its spill files have it all, read
    // back on the worker.
    auto snapshot = std::make_shared<ExportSnapshot>();
    for (int n : numbers) {
        if (const Job *last = lastTry(job(n)))
            snapshot->add(*last, n);
    }
    auto promise = std::make_shared<QPromise<QString>>();
    auto *watcher = new QFutureWatcher<QString>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, written = std::move(written)] {
                         written(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, snapshot, path, format] {
        promise->addResult(snapshot->write(path, format));
        promise->finish();
    });
}
