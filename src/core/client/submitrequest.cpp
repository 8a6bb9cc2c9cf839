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
    if (!options.halt.isEmpty())
        submit.insert(cborKey("halt"), options.halt);
    if (options.runOn && options.runOn->where != RunOn::Where::ThisComputer)
        submit.insert(cborKey("run_on"), runOnOf(*options.runOn));
    return submit;
}

} // namespace procdeck::submitrequest
