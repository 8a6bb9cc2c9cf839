#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <memory>

class QProcess;

namespace procdeck {
struct JobSpec;
}

namespace procdeck::parallel {

/// GNU parallel's {= perl expression =}, --rpl and --plus, evaluated by ONE `perl` for the whole
/// run, never one per job: it is started when the first expression is compiled and is fed the
/// expressions and then each value over its standard input, answering each request framed on its
/// standard output (a decimal length, a newline, the bytes). Each expression runs as parallel
/// runs it: a sub in package Arg with `$_` the value and `$job` the job, with Q(), pQ(), uq(),
/// skip(), seq(), slot(), total_jobs() and @arg (the job's values from $arg[1]).
///
/// The requests block: they are made where the jobs' command lines are made
/// (parallelcommand::parse), on the front end's main thread before any window or engine exists
/// (procdeck-cli, procdeck's command line) — never on a GUI thread that is showing anything.
/// The child is registered with the reaper while it runs, as core's helpers are.
class PerlEvaluator final
{
public:
    PerlEvaluator();
    ~PerlEvaluator();
    PerlEvaluator(const PerlEvaluator &) = delete;
    PerlEvaluator &operator=(const PerlEvaluator &) = delete;

    /// What the job the values belong to is.
    struct Job {
        int seq = 1;
        int slot = 1;
        int total = 1;          ///< total_jobs()
        int maxJobsRunning = 1; ///< --plus's {0%}
        QStringList args;       ///< @arg from $arg[1]: the job's values as read (not trimmed)
    };
    /// One value's result: quoted by the caller unless `unquote` (uq() was called).
    struct Result {
        QString text;
        bool unquote = false;
        bool skip = false; ///< skip() was called: the job is not run
    };

    /// Compiles `code` (as written between {= and =}, its position taken off) into the running
    /// perl; its number for evaluate(), or -1 with a one-line *error naming the expression.
    int compile(const QString &code, QString *error);
    /// Runs expression `id` with `$_` = `value`. Evaluated once per value of a job, as parallel
    /// caches it (`index` is the value's place among the job's): a second call for the same job,
    /// made while its command line's length is measured, gives the first answer.
    bool evaluate(int id, const QString &value, int index, const Job &job, Result *out);
    /// Why the last evaluate() failed (perl died or stopped answering); empty when none did.
    QString error() const { return m_error; }
    /// After a job's command is made: false with *error when perl failed (the run ends); a job
    /// whose expression called skip() is not run — parallel counts it failed (exit -2) — but
    /// --dry-run (`dryRun`) still prints its command.
    bool settle(bool dryRun, JobSpec *spec, QString *error);
    /// How many jobs settle() found skipped.
    int skippedJobs() const { return m_skippedJobs; }

private:
    bool start();
    bool request(const QList<QByteArray> &fields, int answers, QList<QByteArray> *out);
    void stop();

    std::unique_ptr<QProcess> m_perl;
    pid_t m_pid = 0;
    QStringList m_codes;
    QString m_error;
    bool m_skipped = false;
    int m_skippedJobs = 0;
    int m_cachedSeq = -1;
    QHash<QString, Result> m_cache; ///< this job's answers by expression and value's place
};

} // namespace procdeck::parallel
