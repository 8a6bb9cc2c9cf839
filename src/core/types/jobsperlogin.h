#pragma once

#include <QString>

namespace procdeck {

/// GNU parallel's -j as it applies to each -S login (`:` too): a number of jobs, or one reckoned
/// from the login's CPU threads — its N/ when the login gives one (parallel reads N/ as the CPU
/// count, not as a limit), else the count asked there. `-S 2/host` runs 2 at once there, `-S
/// 2/host -j 5` runs 5 and `-S 4/host -j 50%` runs 2, as parallel 20221122 does.
struct JobsPerLogin {
    enum class Form {
        CpuShare,  ///< N% of the CPU threads (100 when -j is not given)
        CpusPlus,  ///< +N
        CpusMinus, ///< -N
        Count,     ///< N: the CPU count does not matter
        AsMany     ///< 0: as many as possible
    };
    Form form = Form::CpuShare;
    double number = 100;

    /// The number of jobs `text` (-j's forms: N, N%, +N, -N, 0) stands for. False when it is
    /// none of them.
    static bool parse(const QString &text, JobsPerLogin *out);
    /// `count` jobs; 0 or less: a login's CPU count (parallel's 100 %).
    static JobsPerLogin fromCount(int count);
    /// True when the number depends on the CPU count.
    bool needsCpus() const { return form != Form::Count && form != Form::AsMany; }
    /// The jobs at once on a computer with `cpus` CPU threads, rounded up as parallel does
    /// (INT_MAX for AsMany); it may be below 1 (`-j -4` on 2 CPUs).
    int on(int cpus) const;

    friend bool operator==(const JobsPerLogin &a, const JobsPerLogin &b)
    {
        return a.form == b.form && a.number == b.number;
    }
    friend bool operator!=(const JobsPerLogin &a, const JobsPerLogin &b) { return !(a == b); }
};

} // namespace procdeck
