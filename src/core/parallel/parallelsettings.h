#pragma once

#include "paralleloptions.h"
#include "parallelsemaphore.h"
#include "paralleltemplate.h"

#include <QString>
#include <QStringList>

namespace procdeck::parallel {

/// --pipe and its family, as given.
struct PipeSettings {
    bool pipe = false;     ///< --pipe
    bool part = false;     ///< --pipepart (with -a FILE)
    bool cat = false;      ///< --cat: {} is a file holding the block
    bool fifo = false;     ///< --fifo: {} is a named pipe giving the block
    bool roundRobin = false; ///< --round-robin: -j jobs, each given many blocks on its stdin
    bool tee = false;      ///< --tee: every job (one per value) given all of standard input
    bool regexp = false;   ///< --regexp
    bool removeRecSep = false; ///< --rrs
    QString block;         ///< --block, as written; empty: parallel's default
    QString recstart;
    QString recend;
    bool hasRecstart = false;
    bool hasRecend = false;
    QString header;        ///< --header; empty: none
    QString shard;         ///< --shard or --bin's COLSPEC, as written
    bool hasShard = false; ///< --shard or --bin given
    bool bin = false;      ///< it was --bin
};

/// --transfer, --return, --cleanup, --trc, --wd, as given.
struct RemoteSettings {
    QStringList transfer; ///< --transferfile's, and --transfer's {} (the -I string)
    bool transferAll = false; ///< --transfer
    QStringList returns;  ///< --return
    QStringList trc;      ///< --trc: returned after --return's, transferred, cleaned up
    bool cleanup = false; ///< --cleanup
    QString workdir;      ///< --wd
    bool hasWorkdir = false;
    QStringList basefiles; ///< --basefile: copied to each login once (RunOn::baseFiles)
    bool onAll = false;    ///< --onall (and --nonall): every job on every login
    bool nonAll = false;   ///< --nonall: the command once on every login, no values
};

/// What the options of GNU parallel's form asked for, before the jobs are made.
struct Settings {
    QString jobs;
    bool keepOrder = false;
    bool noKeepOrder = false;
    bool tag = false;
    QString tagString;
    bool hasTagString = false;
    bool dryRun = false;
    int shellQuote = 0;
    bool quote = false;   ///< -q: each word of the command quoted whole, values and all
    bool verbose = false; ///< -v: each command on stdout before its output
    bool trace = false;   ///< --verbose/-t: each command on stderr as it starts
    bool null = false;
    QString delimiter;
    bool hasDelimiter = false;
    QStringList argFiles;
    QString colsep;
    bool hasColsep = false;
    QString trim;
    bool hasTrim = false;
    int maxArgs = -1;         ///< -n; -1: not given
    int maxReplaceArgs = -1;  ///< -N; -1: not given
    int maxLines = -1;        ///< -L, -l; -1: not given
    bool maxLinesIsL = false; ///< given as -L, which replaces in context
    bool contextReplaceX = false; ///< -X
    bool multipleArgs = false;    ///< -m
    bool xargs = false;           ///< --xargs
    qsizetype maxChars = 0;   ///< -s; 0: not given
    QString eof;              ///< -E: the line that ends an input source (none when empty)
    Separators separators;    ///< --arg-sep, --arg-file-sep
    bool noRunIfEmpty = false;
    bool linkAll = false;
    double delay = 0;
    bool hasDelay = false;    ///< --delay given (even 0)
    double sshDelay = 0;      ///< --sshdelay: parallel 20221122 makes it --delay when none
    double timeout = 0;
    QString jobLog;
    ReplacementNames names; ///< -I, --er, --bnr …: what stands for the value and its kin
    bool plus = false;        ///< --plus: its replacement strings
    bool shuf = false;        ///< --shuf: the records shuffled before they become jobs
    bool progress = false;    ///< --progress
    bool eta = false;         ///< --eta
    bool bar = false;         ///< --bar
    QStringList rpl;          ///< --rpl 'NAME PERL', as given
    QStringList procdeckArgs; ///< ProcDeck's own job options, for joboptions::read
    PipeSettings pipe;
    bool ungroup = false;    ///< -u
    bool lineBuffer = false; ///< --line-buffer
    bool files = false;      ///< --files
    bool compress = false;   ///< --compress
    QString results;         ///< --results; empty: not given
    QString tmpDir;          ///< --tmpdir; empty: not given
    QStringList columnNames; ///< --header's names of the columns, in order (--results' tree)
    RemoteSettings remote;   ///< files for the jobs on ssh logins
    SemaphoreOptions semaphore; ///< --semaphore: one command, counted across invocations
};

/// Takes one option of the parallel form into *s; one the front end handles itself (--resume,
/// --help …) goes to *frontEnd. False with a one-line *error for a value it cannot use, an
/// option that is not supported or one that conflicts with the parallel form.
bool apply(const Option &o, Settings *s, QStringList *frontEnd, QString *error);

/// How many values a job takes, after parallel's rules for -n, -N, -L, -l, -X, -m and --xargs.
struct ArgCounts {
    int perJob = 1;               ///< records a job takes at most; 0: as many as fit the line
    bool noArgs = false;          ///< -n0, -N0: one record a job, replaced by nothing
    bool contextReplace = false;  ///< -X, -N, -L: a word with {} repeated for each value
    bool spread = false;          ///< -X, -m: the last line's values spread over the job slots
};
ArgCounts argCounts(const Settings &s);

} // namespace procdeck::parallel
