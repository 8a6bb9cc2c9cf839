#pragma once

#include "jobspec.h"

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
    int keepDays = 30;          ///< history retention: jobs older than this go, with their output (0 = forever)
    int keepJobs = 10000;       ///< history retention: at most this many jobs (0 = no limit)

    static Preferences load(const QSettings &settings);
    void save(QSettings &settings) const;
    /// A JobSpec carrying these defaults (timeout, action, grace, encoding).
    JobSpec applyTo(JobSpec spec) const;

    friend bool operator==(const Preferences &a, const Preferences &b)
    {
        return a.maxParallel == b.maxParallel && a.timeoutSeconds == b.timeoutSeconds
            && a.timeoutAction == b.timeoutAction && a.graceSeconds == b.graceSeconds
            && a.encoding == b.encoding && a.tailKiB == b.tailKiB && a.keepDays == b.keepDays
            && a.keepJobs == b.keepJobs && a.sampleMs == b.sampleMs;
    }
};

} // namespace procdeck
