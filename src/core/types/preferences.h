#pragma once

#include "jobspec.h"
#include "runon.h"

#include <QSettings>

namespace procdeck {

/// The defaults a person sets once ("Timeouts & defaults"): kept with QSettings.
struct Preferences {
    int maxParallel = 0;        ///< 0 = the CPU count
    double timeoutSeconds = 0;  ///< the "communicate timeout" new jobs get; 0 = none
    TimeoutAction timeoutAction = TimeoutAction::Kill;
    double graceSeconds = 2;
    QString encoding = QStringLiteral("UTF-8");
    int tailKiB = 1024;         ///< memory kept per output stream
    int sampleMs = 500;         ///< how often CPU and memory are read
    /// A running job whose tree used no CPU and did no storage I/O this long is marked idle
    /// (0: never).
    int idleAfterSeconds = 60;
    int keepDays
            = 30; ///< history retention: jobs older than this go, with their output (0 = forever)
    int keepJobs = 10000;       ///< history retention: at most this many jobs (0 = no limit)
    /// The ssh logins the forms' "Run on: SSH hosts" uses: GNU parallel's `[N/]SSHLOGIN`, one a
    /// line.
    QString sshLogins;
    /// What "Run on: Slurm cluster" gives srun (-p short --time=10 …), as one would type it.
    QString slurmArgs;

    static Preferences load(const QSettings &settings);
    void save(QSettings &settings) const;
    /// A JobSpec carrying these defaults (timeout, action, grace, encoding).
    JobSpec applyTo(JobSpec spec) const;
    /// Where "Run on: `where`" sends jobs: these logins or Slurm arguments. False with a
    /// one-line *error when they do not read, or when no ssh login is set for SshHosts.
    bool runOn(RunOn::Where where, RunOn *out, QString *error) const;
    /// Where a job that ran with `executor` (the exports' "local", "ssh", "slurm") on `host` runs
    /// again: the ssh login of these Preferences whose host is `host`, alone (with its N/); the
    /// Slurm cluster with these Slurm arguments; else this computer. False when the login is not
    /// among these logins any more (or the Slurm arguments do not read).
    bool runAgainOn(const QString &executor, const QString &host, RunOn *out) const;
    /// The Slurm configuration srun reads: SLURM_CONF, else /etc/slurm/slurm.conf.
    static QString slurmConfig();
    /// True when slurmConfig() exists: without it srun reaches no cluster (one stat).
    static bool slurmReachable();

    friend bool operator==(const Preferences &a, const Preferences &b)
    {
        return a.maxParallel == b.maxParallel && a.timeoutSeconds == b.timeoutSeconds
            && a.timeoutAction == b.timeoutAction && a.graceSeconds == b.graceSeconds
            && a.encoding == b.encoding && a.tailKiB == b.tailKiB && a.keepDays == b.keepDays
            && a.keepJobs == b.keepJobs && a.sampleMs == b.sampleMs
            && a.idleAfterSeconds == b.idleAfterSeconds && a.sshLogins == b.sshLogins
            && a.slurmArgs == b.slurmArgs;
    }
};

} // namespace procdeck
