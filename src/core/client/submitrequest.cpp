#include "submitrequest.h"

#include "parallel/jobspecjson.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"

#include <QCborArray>
#include <QDir>
#include <QProcessEnvironment>

namespace procdeck::submitrequest {

namespace {

QCborArray jobsOf(const QList<JobSpec> &specs)
{
    const QString here = QDir::currentPath();
    QCborArray jobs;
    for (JobSpec spec : specs) {
        if (spec.workingDirectory.isEmpty())
            spec.workingDirectory = here;
        jobs << QCborMap::fromJsonObject(jobspecjson::toJson(spec));
    }
    return jobs;
}

/// The launcher's environment, once for all its jobs: the engine keeps what differs from its own.
QCborArray environment()
{
    QCborArray out;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        out << name + u'=' + env.value(name);
    return out;
}

QCborMap runOnOf(const RunOn &runOn)
{
    QCborArray logins;
    for (const SshLogin &login : runOn.sshLogins)
        logins << login.text();
    QCborArray slurmArgs;
    for (const QString &word : runOn.slurmArgs)
        slurmArgs << word;
    const QString where = runOn.where == RunOn::Where::SshHosts ? executor::ssh()
                                                                 : executor::slurm();
    return {{cborKey("where"), where},
            {cborKey("ssh_logins"), logins},
            {cborKey("slurm_args"), slurmArgs}};
}

} // namespace

QCborMap make(const QList<JobSpec> &jobs, const Options &options)
{
    QCborMap submit = protocol::message(protocol::type::submit,
                                        {{cborKey("jobs"), jobsOf(jobs)},
                                         {cborKey("batch"), options.batch},
                                         {cborKey("environment"), environment()}});
    if (options.maxParallel > 0)
        submit.insert(cborKey("max_parallel"), options.maxParallel);
    if (options.batchMaxParallel > 0)
        submit.insert(cborKey("batch_max_parallel"), options.batchMaxParallel);
    if (!options.halt.isEmpty())
        submit.insert(cborKey("halt"), options.halt);
    if (options.runOn && options.runOn->where != RunOn::Where::ThisComputer)
        submit.insert(cborKey("run_on"), runOnOf(*options.runOn));
    return submit;
}

Options optionsOf(const RunRequest &request)
{
    Options options;
    options.batch = request.isBatch;
    options.maxParallel = request.maxParallel;
    if (request.halt.isActive())
        options.halt = request.halt.spelling;
    options.runOn = request.runOn;
    return options;
}

QString whyNotForEngine(const RunOn &runOn)
{
    // A submit's run_on says where, not how: these were dropped, and the jobs ran one by one.
    if (!runOn.slurmAllocate.isEmpty() || runOn.sshWorkers || runOn.slurmWorkers)
        return QStringLiteral("--slurm-allocate, --ssh-workers and --slurm-workers do not go to "
                              "the engine yet");
    return {};
}

QString whyNotForEngine(const RunRequest &request)
{
    if (!request.outputDir.isEmpty())
        return QStringLiteral("--output-dir does not go to the engine: it keeps its jobs' output "
                              "in a folder of its own");
    // The engine's start loop is every client's: a limit given with one request would hold the
    // others' jobs too (a --memfree of more than there is, for ever).
    if (request.resources.any() || request.startDelaySeconds > 0)
        return QStringLiteral("--load, --memfree, --memsuspend and --delay do not go to the "
                              "engine yet: it runs every client's jobs, and they would hold them "
                              "all");
    // A submit carries a job's spec as the batch files' keys, which have no place for its files.
    if (!request.runOn.baseFiles.transfer.isEmpty() || !request.outputGroups.isEmpty())
        return QStringLiteral("--basefile, --onall and --nonall do not go to the engine yet");
    for (const JobSpec &job : request.jobs) {
        if (!job.remoteFiles.isEmpty())
            return QStringLiteral("--transfer, --return, --cleanup and --wd on ssh logins do not "
                                  "go to the engine yet");
    }
    if (const QString why = whyNotForEngine(request.runOn); !why.isEmpty())
        return why;
    if (request.pipe) // its blocks are read from the launcher's standard input
        return QStringLiteral("--pipe does not go to the engine yet");
    return {};
}

} // namespace procdeck::submitrequest
