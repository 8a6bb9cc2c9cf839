#pragma once

#include "types/jobsperlogin.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck::parallel {

/// What an option of the parallel form does in ProcDeck.
enum class OptionId {
    Jobs, KeepOrder, NoKeepOrder, Tag, TagString, DryRun, ShellQuote, Null, Delimiter, ArgFile,
    Colsep, Trim, MaxArgs, NoRunIfEmpty, Link, Delay, Timeout, JobLog, Env, ReplaceString,
    MaxReplaceArgs, MaxLines, ContextReplace, MultipleArgs, Xargs, MaxChars, Eof, ArgSep,
    ArgFileSep, Quote, Verbose, Trace, Plus, Rpl,
    RenameReplacement, ///< --er, --bnr, --dnr, --bner, --seqreplace, --slotreplace
    Pipe, PipePart, Block, RecStart, RecEnd, Regexp, Header, Cat, Fifo, ///< --pipe's, in a row
    RemoveRecSep,   ///< --rrs: --pipe's blocks without their record separators
    Ungroup, LineBuffer, Results, Files, Compress, ///< how the output is given
    RoundRobin, Tee,
    Shard, Bin,     ///< --pipe's lines to the job their column's key picks
    Transfer, TransferFile, Return, Trc, Cleanup, Workdir, ///< files for ssh logins
    Basefile, OnAll, NonAll, ///< ssh logins' set-up, every job on every login
    Shuf,           ///< --shuf: the records in a random order
    TmpDir,         ///< --tmpdir: TMPDIR for procdeck-cli and the jobs
    Progress, Eta, Bar, ///< progress on standard error
    Semaphore,      ///< --semaphore, --fg, --bg, --wait, --id, --st
    SshDelay,       ///< --sshdelay: --delay, when that is not given
    Profile,        ///< -J: read with $PARALLEL before the rest (withProfiles)
    Ignored,        ///< accepted and without effect here (--will-cite, --group …)
    NotSupported,   ///< parallel's, refused with a reason
    ProcDeck,       ///< one of ProcDeck's own job options, allowed alongside (--encoding …)
    Conflicting,    ///< one of ProcDeck's own ways to give jobs (--shell, --template …)
    FrontEnd,       ///< handled by the front end itself (--no-history, --resume, --help …)
};

/// One option met on the command line, its value read.
struct Option {
    OptionId id = OptionId::Ignored;
    QString spelling;   ///< as written, for messages: "--tagstring", "-j"
    QString canonical;  ///< the first of its names: "tag-string", "jobs"
    QString value;      ///< when it takes one
    bool hasValue = false;  ///< it takes one (an optional one may be empty)
    QString reason;     ///< NotSupported: why
};

/// The options at the front of `args`, read as GNU parallel reads them (Getopt::Long with
/// bundling and require_order: `-kj2`, `--jobs=2`, `--jobs 2`; the first word that is not an
/// option ends them, and `--` is dropped). *end is the index of the first word after them.
/// Returns false with *error for an unknown option or a missing value; with `lenient`, an
/// unknown option stops the reading instead (*end at it) and is not an error.
bool readOptions(const QStringList &args, bool lenient, QList<Option> *options, qsizetype *end,
                 bool *endedAtDoubleDash, QString *error);

/// The option one of whose names (without dashes) is `name`, as readOptions() would give it
/// without a value; false for a name that neither parallel nor ProcDeck knows.
bool lookUp(const QString &name, Option *option);

/// What ends the command and starts a source of values: ::: and :::: unless --arg-sep and
/// --arg-file-sep say otherwise.
struct Separators {
    QString values = QStringLiteral(":::");
    QString files = QStringLiteral("::::");
};

/// True for :::, :::+, :::: and ::::+ (or the separators given instead).
bool isSeparator(const QString &word, const Separators &separators = Separators());

/// parallel's unquote_printf, for -d and --tagstring: \t \n \r and octal \NNN or \N.
QString unquotePrintf(QString text);

/// parallel's durations (--delay, --timeout): seconds, or sums with d/h/m/s units ("1m30s").
/// False when `text` is neither.
bool readDuration(const QString &text, double *seconds);

/// -j: N; N% of the CPU threads; +N or -N from them; 0 for as many as possible (INT_MAX: the
/// scheduler's file-descriptor budget is then the limit); or a file holding one of those. False
/// with a one-line *error for anything else or for a count under one. `perLogin`, when given:
/// the same -j as it applies to each -S login, counted there.
bool readJobs(const QString &text, int *jobs, QString *error, JobsPerLogin *perLogin = nullptr);

} // namespace procdeck::parallel
