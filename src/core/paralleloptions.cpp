#include "paralleloptions.h"

namespace procdeck::parallel {

namespace {

struct Known {
    const char *names; ///< '|'-separated, the canonical one first; one letter = a short option
    OptionId id;
    bool takesValue;
    const char *reason = nullptr;
};

const char *const kLaterIssue = "comes with ProcDeck's job-control work and is not there yet";

// GNU parallel 20221122's option names (its options_completion_hash) for what ProcDeck does, plus
// ProcDeck's own options, so that each gets its own answer instead of "unknown option".
const Known kKnown[] = {
    {"jobs|j|max-procs|maxprocs|P", OptionId::Jobs, true},
    {"keep-order|keeporder|k", OptionId::KeepOrder, false},
    {"no-keep-order|nokeeporder|nok|no-k", OptionId::NoKeepOrder, false},
    {"tag", OptionId::Tag, false},
    {"tag-string|tagstring", OptionId::TagString, true},
    {"dry-run|dryrun|dr", OptionId::DryRun, false},
    {"shell-quote|shellquote|shell_quote", OptionId::ShellQuote, false},
    {"null|0", OptionId::Null, false},
    {"delimiter|d", OptionId::Delimiter, true},
    {"arg-file|argfile|a", OptionId::ArgFile, true},
    {"col-sep|colsep|C", OptionId::Colsep, true},
    {"trim", OptionId::Trim, true},
    {"max-args|maxargs|n", OptionId::MaxArgs, true},
    {"no-run-if-empty|norunifempty|r", OptionId::NoRunIfEmpty, false},
    {"link|xapply", OptionId::Link, false},
    {"delay", OptionId::Delay, true},
    {"timeout", OptionId::Timeout, true},
    {"joblog|jl", OptionId::JobLog, true},
    {"env", OptionId::Env, true},
    {"will-cite|willcite|nn|nonotice|no-notice|group|plain|gnu", OptionId::Ignored, false},

    {"pipe|spreadstdin|pipe-part|pipepart|round-robin|roundrobin|round|block-size|blocksize|block|"
     "recstart|recend|cat|fifo|tee|header",
     OptionId::NotSupported, false,
     "hands out standard input in blocks; ProcDeck gives each job its values on its command line"},
    {"retries", OptionId::NotSupported, false, kLaterIssue},
    {"halt-on-error|haltonerror|halt", OptionId::NotSupported, false, kLaterIssue},
    {"ungroup|u|line-buffer|line-buffered|linebuffer|linebuffered|lb|latest-line|latestline|ll",
     OptionId::NotSupported, false, "is not supported: ProcDeck prints each job's output whole when it ends (--group)"},
    {"progress|bar|eta", OptionId::NotSupported, false, "is not supported: the window (procdeck) shows the jobs live"},
    {"results|result|res|files|output-as-files|outputasfiles", OptionId::NotSupported, false,
     "is not supported: ProcDeck keeps every job's output in its run folder (--output-dir) and exports it (--export)"},
    {"sshlogin|S|sshloginfile|slf|transfer|transferfile|tf|return|trc|cleanup|basefile|bf|onall|nonall|"
     "controlmaster|M|ssh|filter-hosts|workdir|work-dir|wd|sql|sqlmaster|sql-master|sqlworker|sql-worker",
     OptionId::NotSupported, false, "is not supported: ProcDeck runs jobs on this computer"},
    {"xargs|m|X|max-replace-args|N|L|max-lines|l|max-chars|s|I|i|replace|extensionreplace|er|"
     "basenamereplace|bnr|dirnamereplace|dnr|basenameextensionreplace|bner|seqreplace|slotreplace|"
     "rpl|plus|parens|quote|q|verbose|t|v|interactive|p|tty|open-tty|o|shuf|arg-sep|argsep|"
     "arg-file-sep|argfilesep|csv|load|memfree|memsuspend|noswap|nice|semaphore|fg|bg|wait|filter|"
     "skip-first-line|eof|e|E|limit|term-seq|termseq|ctag|ctag-string|ctagstring|color|colour|"
     "color-failed|cf|profile|J|record-env|session|tmpdir|tempdir|compress|retry-failed|silent|"
     "number-of-cpus|number-of-cores|number-of-threads|number-of-sockets|max-line-length-allowed|"
     "show-limits|min-version|citation|bibtex|tmux|tmuxpane|embed|shebang|hashbang|group-by|groupby|"
     "shard|bin|hostgroups|total-jobs|total|use-cores-instead-of-threads|use-sockets-instead-of-threads",
     OptionId::NotSupported, false, "is not supported by ProcDeck's parallel form"},

    {"grace|timeout-action|encoding|cwd|input|stdin-file|export|format|output-dir", OptionId::ProcDeck, true},
    {"quiet", OptionId::ProcDeck, false},
    {"shell|template|range|values|values-file|batch|commands-file", OptionId::Conflicting, true},
    {"no-shell", OptionId::Conflicting, false},
    {"no-history|resume|help|h|version", OptionId::FrontEnd, false},
    {"resume-failed|resumefailed", OptionId::FrontEnd, false},
};

/// The entry one of whose names is `name`, or null. A one-letter name is a short option.
const Known *find(const QString &name)
{
    for (const Known &k : kKnown) {
        const QStringList names = QString::fromLatin1(k.names).split(QLatin1Char('|'));
        if (names.contains(name))
            return &k;
    }
    return nullptr;
}

Option make(const Known &k, const QString &spelling, const QString &value)
{
    Option o;
    o.id = k.id;
    o.spelling = spelling;
    o.canonical = QString::fromLatin1(k.names).section(QLatin1Char('|'), 0, 0);
    o.value = value;
    o.hasValue = k.takesValue;
    if (k.reason)
        o.reason = QString::fromLatin1(k.reason);
    return o;
}

} // namespace

bool readOptions(const QStringList &args, bool lenient, QList<Option> *options, qsizetype *end,
                 bool *endedAtDoubleDash, QString *error)
{
    *endedAtDoubleDash = false;
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--")) {
            *endedAtDoubleDash = true;
            ++i;
            break;
        }
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            break;
        if (arg.startsWith(QLatin1String("--"))) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const Known *k = find(name);
            if (!k) {
                if (lenient)
                    break;
                *error = QStringLiteral("unknown option '--%1'").arg(name);
                return false;
            }
            QString value;
            if (k->takesValue) {
                if (eq >= 0) {
                    value = arg.mid(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.at(++i);
                } else {
                    *error = QStringLiteral("--%1 needs a value").arg(name);
                    return false;
                }
            } else if (eq >= 0 && k->id != OptionId::NotSupported) {
                *error = QStringLiteral("--%1 takes no value").arg(name);
                return false;
            }
            options->append(make(*k, QStringLiteral("--") + name, value));
            continue;
        }
        // A bundle of one-letter options; one that takes a value takes the rest, or the next word.
        const qsizetype optionsBefore = options->size();
        bool stop = false;
        for (qsizetype j = 1; j < arg.size(); ++j) {
            const QString letter = arg.mid(j, 1);
            const Known *k = find(letter);
            if (!k) {
                if (lenient) {
                    options->resize(optionsBefore);
                    stop = true;
                    break;
                }
                *error = QStringLiteral("unknown option '-%1'").arg(letter);
                return false;
            }
            if (!k->takesValue) {
                options->append(make(*k, QStringLiteral("-") + letter, QString()));
                continue;
            }
            QString value = arg.mid(j + 1);
            if (value.isEmpty()) {
                if (i + 1 >= args.size()) {
                    *error = QStringLiteral("-%1 needs a value").arg(letter);
                    return false;
                }
                value = args.at(++i);
            }
            options->append(make(*k, QStringLiteral("-") + letter, value));
            break;
        }
        if (stop)
            break;
    }
    *end = i;
    return true;
}

} // namespace procdeck::parallel
