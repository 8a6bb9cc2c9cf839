#pragma once

#include <QString>

namespace procdeck {

/// GNU parallel's --halt: when a batch stops starting jobs (soon) or also ends the running ones
/// (now), after how many (or what share of its) jobs failed, succeeded or ended — and the exit
/// status parallel gives then. A plain value.
struct HaltPolicy {
    enum class When { Never, Soon, Now };
    enum class Why { Fail, Success, Done };

    When when = When::Never;
    Why why = Why::Fail;
    int count = 0;        ///< halt once this many… (when percent is 0)
    double percent = 0;   ///< …or once this share of all the batch's jobs, in % (0 < p ≤ 100)
    QString spelling;     ///< as given ("now,fail=1", "2", "20%")

    bool isActive() const { return when != When::Never; }

    /// Reads every spelling GNU parallel 20221122 takes: "never", "now|soon,fail|success|done=N"
    /// or "=P%", and the legacy 0, 1, 2, -1, -2 and "P%" (soon,fail=P%). False with *error
    /// naming the value.
    static bool parse(const QString &text, HaltPolicy *out, QString *error);

    /// True when the jobs counted so far reach the threshold. `total`: the batch's jobs.
    /// Checked as each job ends, as parallel does: fail forms when one fails, success forms
    /// when one succeeds, done forms on every end.
    bool reached(bool endedJobSucceeded, int failed, int succeeded, int total) const;

    /// parallel's exit status when the batch halted. `failed`/`total` as counted at that
    /// moment; `triggerStatus` the halting job's status (its exit code, or 128 + its signal).
    int exitStatusHalted(int failed, int total, int triggerStatus) const;
    /// parallel's exit status when the policy was set but never reached.
    int exitStatusNotHalted(int failed, int started) const;

    /// The policy in a person's words, translated: "stop everything after 1 failure", "start no
    /// more jobs once 10 % of the jobs failed", "never: every job runs".
    QString describe() const;

    /// One line for a person: "1 job failed (--halt now,fail=1): running jobs were stopped".
    QString reason(int failed, int succeeded) const;

    friend bool operator==(const HaltPolicy &a, const HaltPolicy &b)
    {
        return a.when == b.when && a.why == b.why && a.count == b.count && a.percent == b.percent;
    }
};

} // namespace procdeck
