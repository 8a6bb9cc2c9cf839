#include "paralleloptions.h"

#include <QRegularExpression>

namespace procdeck::parallel {

namespace {

/// Whether an option takes a value, as parallel's Getopt::Long spec says: =s, :s (optional: the
/// next word unless it starts with '-') or :f (optional: the next word when it is a number).
enum class Value { None, Required, Optional, OptionalNumber };

struct Known {
    /// '|'-separated spellings of one option, the canonical one first; a one-letter name is a short
    /// option. A NotSupported entry groups the options that share one reason.
    const char *names;
    OptionId id;
    Value value;
    const char *reason = nullptr;
};

// Which of parallel's options that ProcDeck refuses take a value (its =s and =i), so that the
// value, glued (-N2) or next (--results dir), is not read as options or as the command.
const char kRefusedWithValue[]
        = "parens|U|load|ctag-string|"
          "ctagstring|B|rsync-opts|rsyncopts|"
          "usecompressprogram|compressprogram|usedecompressprogram|decompressprogram|H|total-jobs|"
          "totaljobs|total|linkinputsource|xapplyinputsource|limit|memfree|memsuspend|"
          "term-seq|termseq|process-slot-var|processslotvar|min-version|minversion|"
          "block-timeout|blocktimeout|bt|group-by|"
          "groupby|filter|sql|sql-master|sqlmaster|sql-worker|sqlworker|sql-and-worker|"
          "sqlandworker|debug|D|shell-completion|shellcompletion|"
          "tmpl";

// GNU parallel 20221122's option names (its options_completion_hash) for what ProcDeck does, plus
// ProcDeck's own options, so that each gets its own answer instead of "unknown option".
const Known kKnown[] = {
    { "jobs|j|max-procs|maxprocs|P", OptionId::Jobs, Value::Required },
    { "keep-order|keeporder|k", OptionId::KeepOrder, Value::None },
    { "no-keep-order|nokeeporder|nok|no-k", OptionId::NoKeepOrder, Value::None },
    { "tag", OptionId::Tag, Value::None },
    { "tag-string|tagstring", OptionId::TagString, Value::Required },
    { "dry-run|dryrun|dr", OptionId::DryRun, Value::None },
    { "shell-quote|shellquote|shell_quote", OptionId::ShellQuote, Value::None },
    { "quote|q", OptionId::Quote, Value::None },
    { "v", OptionId::Verbose, Value::None },
    { "verbose|t", OptionId::Trace, Value::None },
    { "null|0", OptionId::Null, Value::None },
    { "delimiter|d", OptionId::Delimiter, Value::Required },
    { "arg-file|argfile|a", OptionId::ArgFile, Value::Required },
    { "col-sep|colsep|C", OptionId::Colsep, Value::Required },
    { "trim", OptionId::Trim, Value::Required },
    { "max-args|maxargs|n", OptionId::MaxArgs, Value::Required },
    { "no-run-if-empty|norunifempty|r", OptionId::NoRunIfEmpty, Value::None },
    { "link|xapply", OptionId::Link, Value::None },
    { "delay", OptionId::Delay, Value::Required },
    { "shuf", OptionId::Shuf, Value::None },
    { "timeout", OptionId::Timeout, Value::Required },
    { "joblog|jl", OptionId::JobLog, Value::Required },
    { "env", OptionId::Env, Value::Required },
    { "I", OptionId::ReplaceString, Value::Required },
    { "replace|i", OptionId::ReplaceString, Value::Optional },
    { "max-replace-args|maxreplaceargs|N", OptionId::MaxReplaceArgs, Value::Required },
    { "L", OptionId::MaxLines, Value::Required },
    { "max-lines|maxlines|l", OptionId::MaxLines, Value::OptionalNumber },
    { "X", OptionId::ContextReplace, Value::None },
    { "m", OptionId::MultipleArgs, Value::None },
    { "xargs", OptionId::Xargs, Value::None },
    { "max-chars|maxchars|s", OptionId::MaxChars, Value::Required },
    { "E", OptionId::Eof, Value::Required },
    { "eof|e", OptionId::Eof, Value::Optional },
    { "arg-sep|argsep", OptionId::ArgSep, Value::Required },
    { "arg-file-sep|argfilesep", OptionId::ArgFileSep, Value::Required },
    { "extensionreplace|er", OptionId::RenameReplacement, Value::Required },
    { "basenamereplace|bnr", OptionId::RenameReplacement, Value::Required },
    { "dirnamereplace|dnr", OptionId::RenameReplacement, Value::Required },
    { "basenameextensionreplace|bner", OptionId::RenameReplacement, Value::Required },
    { "seqreplace", OptionId::RenameReplacement, Value::Required },
    { "slotreplace", OptionId::RenameReplacement, Value::Required },
    { "plus", OptionId::Plus, Value::None },
    { "rpl", OptionId::Rpl, Value::Required },
    { "will-cite|willcite|nn|nonotice|no-notice|group|gnu", OptionId::Ignored, Value::None },
    { "exit|x", OptionId::Ignored, Value::None }, // parallel 20221122 reads -x and never uses it

    { "pipe|spreadstdin", OptionId::Pipe, Value::None },
    { "pipe-part|pipepart", OptionId::PipePart, Value::None },
    { "block-size|blocksize|block", OptionId::Block, Value::Required },
    { "recstart", OptionId::RecStart, Value::Required },
    { "recend", OptionId::RecEnd, Value::Required },
    { "regexp|regex", OptionId::Regexp, Value::None },
    { "remove-rec-sep|removerecsep|rrs", OptionId::RemoveRecSep, Value::None },
    { "header", OptionId::Header, Value::Required },
    { "cat", OptionId::Cat, Value::None },
    { "fifo", OptionId::Fifo, Value::None },
    { "round-robin|roundrobin|round", OptionId::RoundRobin, Value::None },
    { "tee", OptionId::Tee, Value::None },
    { "shard", OptionId::Shard, Value::Required },
    { "bin", OptionId::Bin, Value::Required },
    { "ungroup|u", OptionId::Ungroup, Value::None },
    { "line-buffer|line-buffered|linebuffer|linebuffered|lb", OptionId::LineBuffer, Value::None },
    { "results|result|res", OptionId::Results, Value::Required },
    { "files|output-as-files|outputasfiles", OptionId::Files, Value::None },
    { "compress", OptionId::Compress, Value::None },
    { "tmpdir|tempdir", OptionId::TmpDir, Value::Required },
    { "latest-line|latestline|ll", OptionId::NotSupported, Value::None,
      "is not supported: ProcDeck prints whole lines (--line-buffer) or whole jobs" },
    { "progress", OptionId::Progress, Value::None },
    { "eta", OptionId::Eta, Value::None },
    { "bar", OptionId::Bar, Value::None },
    { "transfer", OptionId::Transfer, Value::None },
    { "transfer-file|transferfile|transfer-files|transferfiles|tf", OptionId::TransferFile,
      Value::Required },
    { "return", OptionId::Return, Value::Required },
    { "trc", OptionId::Trc, Value::Required },
    { "cleanup", OptionId::Cleanup, Value::None },
    { "workdir|work-dir|wd|W", OptionId::Workdir, Value::Required },
    { "basefile|bf", OptionId::Basefile, Value::Required },
    { "onall", OptionId::OnAll, Value::None },
    { "nonall", OptionId::NonAll, Value::None },
    { "controlmaster|M|filter-hosts|filterhosts|filter-host|sql|sqlmaster|sql-master|"
      "sqlworker|sql-worker|sql-and-worker|sqlandworker|B|rsync-opts|rsyncopts",
      OptionId::NotSupported, Value::None,
      "is not supported: ProcDeck copies files (--transfer, --basefile) but sets up no more on "
      "hosts" },
    { "semaphore", OptionId::Semaphore, Value::None },
    { "fg", OptionId::Semaphore, Value::None },
    { "bg", OptionId::Semaphore, Value::None },
    { "wait", OptionId::Semaphore, Value::None },
    { "semaphore-name|semaphorename|id", OptionId::Semaphore, Value::Required },
    { "semaphore-timeout|semaphoretimeout|st", OptionId::Semaphore, Value::Required },
    { "number-of-cpus|number-of-cores|number-of-threads|number-of-sockets|numberofcores|"
      "numberofcpus|numberofsockets|numberofthreads|max-line-length-allowed|"
      "maxlinelengthallowed|show-limits|showlimits|min-version|minversion|citation|bibtex|bug|"
      "shell-completion|shellcompletion",
      OptionId::NotSupported, Value::None,
      "is not supported: it asks GNU parallel about itself or this computer; ask parallel" },
    { "use-compress-program|compress-program|usecompressprogram|compressprogram|"
      "use-decompress-program|decompress-program|usedecompressprogram|decompressprogram",
      OptionId::NotSupported, Value::None,
      "is not supported: --compress keeps nothing compressed here (the output is the same)" },
    { "parens|interactive|p|tty|open-tty|o|csv|noswap|filter|"
      "skip-first-line|limit|term-seq|termseq|ctag|ctag-string|ctagstring|color|colour|"
      "color-failed|cf|record-env|session|retry-failed|silent|"
      "tmux|tmuxpane|embed|shebang|hashbang|group-by|groupby|"
      "hostgroups|total-jobs|total|use-cores-instead-of-threads|use-sockets-instead-of-"
      "threads|"
      // The rest of parallel 20221122's options_completion_hash, so that none is "unknown".
      "H|T|U|Y|g|tollef|block-timeout|blocktimeout|bt|colour-failed|colorfailed|"
      "colourfailed|color-fail|colour-fail|colorfail|colourfail|ctrl-c|ctrlc|no-ctrl-c|no-ctrlc|"
      "noctrlc|debug|D|hgrp|hostgrp|hostgroup|linkinputsource|xapplyinputsource|"
      "process-slot-var|processslotvar|recordenv|"
      "retryfailed|skipfirstline|tmpl|tmux-pane|totaljobs|"
      "use-cpus-instead-of-cores|usecpusinsteadofcores|usecoresinsteadofthreads|"
      "usesocketsinsteadofthreads",
      OptionId::NotSupported, Value::None, "is not supported by ProcDeck's parallel form" },

    // ProcDeck's own, each under its one name.
    { "sshlogin|S", OptionId::ProcDeck, Value::Required },
    { "ssh", OptionId::ProcDeck, Value::Required },
    // -J and --plain are read before the rest (parallelprofiles.h).
    { "profile|J", OptionId::Profile, Value::Required },
    { "plain", OptionId::Profile, Value::None },
    { "ssh-delay|sshdelay", OptionId::SshDelay, Value::Required },
    { "sshloginfile|slf", OptionId::ProcDeck, Value::Required },
    { "ssh-workers", OptionId::ProcDeck, Value::None },
    { "slurm-workers", OptionId::ProcDeck, Value::None },
    { "worker-command", OptionId::ProcDeck, Value::Required },
    { "slurm", OptionId::ProcDeck, Value::None },
    { "pty", OptionId::ProcDeck, Value::None },
    { "nice", OptionId::ProcDeck, Value::Required }, // GNU parallel's too, and the same
    { "load", OptionId::ProcDeck, Value::Required }, // these three too (ResourcePolicy)
    { "memfree", OptionId::ProcDeck, Value::Required },
    { "memsuspend", OptionId::ProcDeck, Value::Required },
    { "slurm-args", OptionId::ProcDeck, Value::Required },
    { "slurm-allocate", OptionId::ProcDeck, Value::Required },
    { "grace", OptionId::ProcDeck, Value::Required },
    { "retries", OptionId::ProcDeck, Value::Required },
    { "retry-delay", OptionId::ProcDeck, Value::Required },
    { "halt-on-error|haltonerror|halt", OptionId::ProcDeck, Value::Required },
    { "timeout-action", OptionId::ProcDeck, Value::Required },
    { "encoding", OptionId::ProcDeck, Value::Required },
    { "cwd", OptionId::ProcDeck, Value::Required },
    { "input", OptionId::ProcDeck, Value::Required },
    { "stdin-file", OptionId::ProcDeck, Value::Required },
    { "export", OptionId::ProcDeck, Value::Required },
    { "format", OptionId::ProcDeck, Value::Required },
    { "output-dir", OptionId::ProcDeck, Value::Required },
    { "quiet", OptionId::ProcDeck, Value::None },
    { "shell", OptionId::Conflicting, Value::Required },
    { "template", OptionId::Conflicting, Value::Required },
    { "range", OptionId::Conflicting, Value::Required },
    { "values", OptionId::Conflicting, Value::Required },
    { "values-file", OptionId::Conflicting, Value::Required },
    { "batch", OptionId::Conflicting, Value::Required },
    { "commands-file", OptionId::Conflicting, Value::Required },
    { "no-shell", OptionId::Conflicting, Value::None },
    { "no-history", OptionId::FrontEnd, Value::None },
    { "detach", OptionId::FrontEnd, Value::None },
    { "resume", OptionId::FrontEnd, Value::None },
    { "resume-failed|resumefailed", OptionId::FrontEnd, Value::None },
    { "help|h", OptionId::FrontEnd, Value::None },
    { "version|V", OptionId::FrontEnd, Value::None },
    // The window's (procdeck --in-window -j2 echo ::: a b): procdeck-cli refuses it in one line.
    { "in-window", OptionId::FrontEnd, Value::None },
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

/// The kind of value `name`, one of `k`'s names, takes.
Value valueOf(const Known &k, const QString &name)
{
    if (k.id == OptionId::NotSupported
        && QString::fromLatin1(kRefusedWithValue).split(QLatin1Char('|')).contains(name))
        return Value::Required;
    return k.value;
}

Option make(const Known &k, const QString &spelling, const QString &value, bool hasValue)
{
    Option o;
    o.id = k.id;
    o.spelling = spelling;
    o.canonical = QString::fromLatin1(k.names).section(QLatin1Char('|'), 0, 0);
    o.value = value;
    o.hasValue = hasValue;
    if (k.reason)
        o.reason = QString::fromLatin1(k.reason);
    return o;
}

bool isNumber(const QString &text)
{
    static const QRegularExpression number(QStringLiteral(R"(^-?\d+(\.\d*)?$)"));
    return number.match(text).hasMatch();
}

/// An optional value not given with the option itself: the next word when Getopt::Long would take
/// it (a word that is not an option; for a number, a number). *i moves to it when taken.
QString nextOptionalValue(Value kind, const QStringList &args, qsizetype *i)
{
    if (*i + 1 >= args.size())
        return QString();
    const QString &next = args.at(*i + 1);
    const bool taken = kind == Value::OptionalNumber ? isNumber(next)
                                                     : !next.startsWith(QLatin1Char('-'));
    if (!taken)
        return QString();
    ++*i;
    return next;
}

/// How reading one argument went: taken, the end of the options (an unknown one, read
/// leniently), or a mistake said in `error`.
enum class Read { Taken, Stop, Failed };

/// `--name`, `--name=value` or `--name value` (`*i` then moves to the value).
Read readLong(const QStringList &args, qsizetype *i, bool lenient, QList<Option> *options,
              QString *error)
{
    const QString &arg = args.at(*i);
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
    const Known *k = find(name);
    if (!k) {
        if (lenient)
            return Read::Stop;
        *error = QStringLiteral("unknown option '--%1'").arg(name);
        return Read::Failed;
    }
    const Value kind = valueOf(*k, name);
    QString value;
    if (kind != Value::None && eq >= 0) {
        value = arg.mid(eq + 1);
    } else if (kind == Value::Required) {
        if (*i + 1 >= args.size()) {
            *error = QStringLiteral("--%1 needs a value").arg(name);
            return Read::Failed;
        }
        value = args.at(++*i);
    } else if (kind != Value::None) {
        value = nextOptionalValue(kind, args, i);
    } else if (eq >= 0 && k->id != OptionId::NotSupported) {
        *error = QStringLiteral("--%1 takes no value").arg(name);
        return Read::Failed;
    }
    options->append(make(*k, QStringLiteral("--") + name, value, kind != Value::None));
    return Read::Taken;
}

/// A bundle of one-letter options; one that takes a value takes the rest, or the next word.
Read readBundle(const QStringList &args, qsizetype *i, bool lenient, QList<Option> *options,
                QString *error)
{
    const QString &arg = args.at(*i);
    const qsizetype optionsBefore = options->size();
    for (qsizetype j = 1; j < arg.size(); ++j) {
        const QString letter = arg.mid(j, 1);
        const Known *k = find(letter);
        if (!k) {
            if (lenient) {
                options->resize(optionsBefore);
                return Read::Stop;
            }
            *error = QStringLiteral("unknown option '-%1'").arg(letter);
            return Read::Failed;
        }
        const Value kind = valueOf(*k, letter);
        QString value = arg.mid(j + 1);
        if (kind == Value::None || (kind == Value::OptionalNumber && !isNumber(value))) {
            // -l glued to other letters (-lk) is -l without its number.
            const bool alone = kind == Value::None || !value.isEmpty();
            value = alone ? QString() : nextOptionalValue(kind, args, i);
            options->append(make(*k, QStringLiteral("-") + letter, value, kind != Value::None));
            if (alone)
                continue;
            break;
        }
        if (value.isEmpty() && kind == Value::Optional) {
            value = nextOptionalValue(kind, args, i);
        } else if (value.isEmpty()) {
            if (*i + 1 >= args.size()) {
                *error = QStringLiteral("-%1 needs a value").arg(letter);
                return Read::Failed;
            }
            value = args.at(++*i);
        }
        options->append(make(*k, QStringLiteral("-") + letter, value, true));
        break;
    }
    return Read::Taken;
}

} // namespace

bool lookUp(const QString &name, Option *option)
{
    const Known *k = find(name);
    if (k)
        *option = make(*k, name, QString(), valueOf(*k, name) != Value::None);
    return k;
}

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
        const Read read = arg.startsWith(QLatin1String("--"))
                              ? readLong(args, &i, lenient, options, error)
                              : readBundle(args, &i, lenient, options, error);
        if (read == Read::Failed)
            return false;
        if (read == Read::Stop)
            break;
    }
    *end = i;
    return true;
}

bool isSeparator(const QString &word, const Separators &separators)
{
    const QChar plus = QLatin1Char('+');
    return word == separators.values || word == separators.values + plus
            || word == separators.files || word == separators.files + plus;
}

} // namespace procdeck::parallel
