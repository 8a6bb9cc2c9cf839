// The options procdeck and procdeck-cli take for their jobs, with their help, in one table.
#include "joboptions.h"

namespace procdeck::joboptions {

namespace {

struct Declared
{
    const char *names; ///< separated by spaces
    const char *valueName; ///< empty for a switch
    const char *help;
};

const Declared kOptions[] = {
    {"j jobs", "N", "Run at most N jobs at once (default: CPU count)."},
    {"shell", "LINE", "A job run through /bin/sh -c (repeatable)."},
    {"template", "T", "A batch: {} becomes each value, {#} the job's number."},
    {"range", "A..B", "Template values A..B."},
    {"values", "LIST", "Template values a,b,c."},
    {"values-file", "FILE", "Template values, one per line."},
    {"no-shell", "", "Split the template into argv instead of using /bin/sh -c."},
    {"timeout", "S", "Per-job timeout in seconds (decimals allowed; 0 = none)."},
    {"timeout-action", "kill|mark", "kill (default) or mark: what an expired timeout does."},
    {"grace", "S", "Seconds between SIGTERM and SIGKILL (default 2)."},
    {"encoding", "NAME", "Output encoding (default UTF-8; CP949, EUC-KR, Shift_JIS, …)."},
    {"cwd", "DIR", "Working directory of the jobs."},
    {"env", "K=V", "Add K=V to the jobs' environment (repeatable)."},
    {"input", "TEXT", "Text given to each job on standard input."},
    {"stdin-file", "FILE", "A file given to each job as standard input."},
    {"nice", "N", "Run every job at niceness N (GNU parallel's --nice; -20 to 19)."},
    {"load", "MAX",
     "Start no job while this computer's load (threads running or waiting for the disk) is "
     "MAX or more: N, N% of the CPU threads, +N, -N (GNU parallel's --load)."},
    {"memfree", "SIZE",
     "Start a job only with SIZE free (1G, 500M); below half of it the youngest job is killed "
     "and runs again if --retries allow (GNU parallel's --memfree)."},
    {"memsuspend", "SIZE",
     "Pause the youngest jobs while less than twice SIZE is free, all but one below SIZE "
     "(GNU parallel's --memsuspend)."},
    {"pty", "",
     "Run each job in a pseudo-terminal (colours, no pipe buffering; stdout and stderr "
     "merge)."},
    {"batch", "FILE", "Run the jobs of a batch file (JSON)."},
    {"commands-file", "FILE", "Run each line of FILE as a shell command."},
    {"export", "FILE",
     "Write a run log as the jobs end (.jsonl .csv .joblog .txt .html; - for stdout)."},
    {"format", "F",
     "The export's format when its extension does not say: jsonl, csv, joblog, txt, html."},
    {"joblog", "FILE", "Write GNU parallel's --joblog to FILE."},
    {"output-dir", "DIR",
     "Keep the complete output of each job in a new folder of this run's own inside DIR."},
    {"quiet", "", "Print no job output."},
    {"S sshlogin", "[N/]SSHLOGIN",
     "Run the jobs on ssh logins, as GNU parallel: [N/][ssh command] [user@]host, ':' for "
     "this computer; comma-separated, repeatable."},
    {"sshloginfile", "FILE", "Ssh logins, one a line."},
    {"ssh", "CMD",
     "The ssh command of the logins that name none (default: $PARALLEL_SSH, else ssh), as "
     "GNU parallel's --ssh."},
    {"ssh-workers", "",
     "With -S: one ssh login per host for the whole run, a ProcDeck worker there "
     "(procdeck-cli --worker) running the jobs, instead of one ssh per job."},
    {"slurm-workers", "",
     "With --slurm-allocate or inside an allocation: one ProcDeck worker step per node "
     "running the jobs, instead of one srun per job."},
    {"worker-command", "CMD",
     "The workers' procdeck-cli on the hosts or nodes (default: this procdeck-cli's absolute "
     "path)."},
    {"slurm", "", "Run every job through srun on the Slurm cluster (SLURM_CONF or the default)."},
    {"slurm-args", "ARGS", "Arguments given to srun (partition, time, memory, …)."},
    {"slurm-allocate", "ARGS",
     "Run the jobs as steps of one Slurm allocation, asked with salloc ARGS (-n 8 …) and "
     "given back when the batch ends."},
    {"retries", "N", "Run a job that failed, crashed or timed out up to N times in all."},
    {"retry-delay", "S",
     "Seconds before the second try, doubled for each further one (at most 10×, ±25 % "
     "jitter)."},
    {"halt halt-on-error", "WHEN,WHY=N",
     "GNU parallel's --halt: now|soon,fail|success|done=N or =P%, or 0, 1, 2, -1, -2."},
};

} // namespace

void addTo(QCommandLineParser &parser)
{
    QList<QCommandLineOption> options;
    for (const Declared &o : kOptions) {
        const QStringList names = QString::fromUtf8(o.names).split(QLatin1Char(' '));
        const QString help = QString::fromUtf8(o.help);
        options << (*o.valueName ? QCommandLineOption(names, help, QString::fromUtf8(o.valueName))
                                 : QCommandLineOption(names, help));
    }
    parser.addOptions(options);
}

} // namespace procdeck::joboptions
