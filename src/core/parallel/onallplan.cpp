#include "onallplan.h"

#include "joboptions.h"
#include "paralleloptions.h"
#include "remotefilesplan.h"

#include <algorithm>

namespace procdeck::parallel {

namespace {

bool anyRemote(const RunOn &on)
{
    return on.where == RunOn::Where::SshHosts
        && std::any_of(on.sshLogins.cbegin(), on.sshLogins.cend(),
                       [](const SshLogin &l) { return !l.isLocal(); });
}

bool settleBasefiles(const Settings &s, RunRequest *request, QString *error)
{
    const RemoteSettings &given = s.remote;
    if (given.basefiles.isEmpty())
        return true;
    if (!anyRemote(request->runOn)) {
        // parallel names the first of them; --basefile comes last.
        if (RemoteFilesPlan::unusedWarning(given).isEmpty())
            request->warnings << QStringLiteral("--basefile ignored as there are no remote "
                                                "--sshlogin.");
        return true;
    }
    if (request->runOn.sshWorkers) {
        *error = QStringLiteral("--basefile cannot be combined with --ssh-workers: the worker "
                                "copies no files");
        return false;
    }
    for (const QString &file : given.basefiles) {
        if (!file.startsWith(QLatin1Char('/')) && given.workdir == QLatin1String("...")) {
            *error = QStringLiteral("Work dir '...' will not work with relative basefiles.");
            return false;
        }
    }
    // parallel's folder there is a job's without values (its first).
    RemoteSettings folderOnly;
    folderOnly.workdir = given.workdir;
    folderOnly.hasWorkdir = given.hasWorkdir;
    RemoteFiles files = RemoteFilesPlan(folderOnly, s.names).forJob({}, 1, 1, Trim::None);
    files.transfer = given.basefiles;
    files.cleanup = given.cleanup || !given.trc.isEmpty();
    request->runOn.baseFiles = files;
    return true;
}

/// The logins as parallel's hash keeps them: one per text, sorted by it, one slot each.
QList<SshLogin> sortedLogins(const RunOn &on)
{
    QList<SshLogin> logins;
    if (on.where != RunOn::Where::SshHosts)
        return {SshLogin{}}; // parallel's -S : (this computer)
    for (SshLogin login : on.sshLogins) {
        login.slotCount = 1; // parallel -j1 on each
        const bool seen = std::any_of(logins.cbegin(), logins.cend(), [&](const SshLogin &l) {
            return l.text() == login.text();
        });
        if (!seen)
            logins << login;
    }
    std::sort(logins.begin(), logins.end(), [](const SshLogin &a, const SshLogin &b) {
        return a.text().toUtf8() < b.text().toUtf8(); // perl's sort: bytes
    });
    return logins;
}

bool spreadOverLogins(const Settings &s, RunRequest *request, QString *error)
{
    if (s.hasTagString || s.dryRun) { // parallel's outer run would tag or print its own
        *error = QStringLiteral("%1 is not supported with --onall or --nonall (--tag tags each "
                                "line with its login)")
                         .arg(s.dryRun ? QStringLiteral("--dry-run")
                                       : QStringLiteral("--tagstring"));
        return false;
    }
    if (request->runOn.where == RunOn::Where::SlurmCluster || request->pipe) {
        *error = QStringLiteral("--onall and --nonall run on -S logins; they cannot be combined "
                                "with %1").arg(request->pipe ? QStringLiteral("--pipe")
                                                             : QStringLiteral("--slurm"));
        return false;
    }
    const QList<SshLogin> logins = sortedLogins(request->runOn);
    const QList<JobSpec> jobs = std::exchange(request->jobs, {});
    request->tags.clear(); // parallel tags with the login (--tag), or not at all
    request->resultsOut.clear(); // its inner runs are given no --results
    request->resultsPath.clear();
    for (int login = 0; login < logins.size(); ++login) {
        for (JobSpec job : jobs) {
            job = job.withSlot(1); // each login's run is parallel -j1: its one slot
            job.onLogin = login;
            request->jobs << job;
            request->outputGroups << login;
            if (s.tag)
                request->tags << logins.at(login).parallelText(); // parallel's own name
        }
    }
    request->runOn.where = RunOn::Where::SshHosts;
    request->runOn.sshLogins = logins;
    // -j: the outer parallel's, how many logins' runs at once (-j 0 or none: all of them).
    request->runOn.onAllLoginsAtOnce = s.jobs.isEmpty() ? 0 : request->maxParallel;
    request->runOn.onAllJobsPerLogin = int(jobs.size());
    request->runOn.jobsPerLogin = JobsPerLogin::fromCount(1); // each login's run is -j1
    return true;
}

} // namespace

bool settleHosts(const Settings &s, RunRequest *request, QString *error)
{
    // -j as parallel applies it to each -S login: counted from the login's CPUs (N/ or asked).
    int jobs = 0;
    JobsPerLogin perLogin;
    if (!s.jobs.isEmpty() && !readJobs(s.jobs, &jobs, error, &perLogin))
        return false;
    if (!s.jobs.isEmpty())
        request->runOn.jobsPerLogin = perLogin;
    return settleBasefiles(s, request, error)
        && (!s.remote.onAll || spreadOverLogins(s, request, error));
}

} // namespace procdeck::parallel
