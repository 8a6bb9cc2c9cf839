#include "descriptorfit.h"

#include "core/process/fdbudget.h"
#include "core/scheduling/scheduler.h"

#include <climits>

namespace descriptorfit {

int jobsAtOnce(int wanted, bool history, bool pipe, QStringList *warning, QString *error)
{
    using namespace procdeck;
    if (fdbudget::limit() == INT_MAX)
        return wanted;
    // --pipe: the feeder's wake-up pipe and the block file it writes; each job's input, a file
    // opened for its start or a pipe whose write end is held while it runs (--round-robin).
    constexpr int kFeeder = 3;
    constexpr int kPipeInput = 2;
    const int open = fdbudget::openCount() + fdbudget::openedWithTheFirstJob(history)
            + (pipe ? kFeeder : 0);
    const int fit = pipe ? fdbudget::jobsThatFit(open, fdbudget::kHeldPerJob + 1,
                                                 fdbudget::kNeededToStart + kPipeInput)
                         : fdbudget::jobsThatFit(open);
    if (fit >= wanted)
        return wanted;
    if (fit < 1) {
        *error = QStringLiteral("too few file descriptors even for one job: %1 open, a job needs "
                                "%2 to start; raise the limit (ulimit -n, now %3)")
                         .arg(open)
                         .arg(fdbudget::kNeededToStart + (pipe ? kPipeInput : 0))
                         .arg(fdbudget::limit());
        return 0;
    }
    // GNU parallel's words (20221122), its name changed to ours.
    *warning = QStringList{
        QStringLiteral("Only enough file handles to run %1 jobs in parallel.").arg(fit),
        QStringLiteral("Try running 'procdeck-cli -j0 -N %1 --pipe procdeck-cli -j0'").arg(fit),
        QStringLiteral("or increasing 'ulimit -n' (try: ulimit -n `ulimit -Hn`)"),
        QStringLiteral("or increasing 'nofile' in /etc/security/limits.conf"),
        QStringLiteral("or increasing /proc/sys/fs/file-max"),
    };
    return fit;
}

bool fitJobs(procdeck::Scheduler *scheduler, int *maxParallel, qsizetype jobCount, bool history,
             bool pipe, const std::function<void(const QString &)> &say, QString *error)
{
    // -j0 wants as many at once as there are jobs: parallel warns only when fewer than those fit.
    const int wanted = scheduler->maxParallel() == INT_MAX && jobCount > 0
            ? int(qMin<qsizetype>(jobCount, INT_MAX))
            : scheduler->maxParallel();
    QStringList warning;
    const int atOnce = jobsAtOnce(wanted, history, pipe, &warning, error);
    for (const QString &line : std::as_const(warning))
        say(QStringLiteral("Warning: %1").arg(line));
    // One job fits by the count: a shortage later is our own threads' for a while (the printer
    // blocked on standard output with a finished job's files open), not a reason to fail jobs.
    scheduler->setWaitOutDescriptorShortage(atOnce > 0 && procdeck::fdbudget::limit() != INT_MAX);
    if (atOnce > 0 && atOnce < wanted) {
        scheduler->setMaxParallel(atOnce);
        *maxParallel = atOnce;
    }
    return atOnce > 0;
}

} // namespace descriptorfit
