#include "paralleloptions.h"

#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <climits>
#include <cmath>

namespace procdeck::parallel {

namespace {

struct Known {
    /// '|'-separated spellings of one option, the canonical one first; a one-letter name is a short
    /// option. A NotSupported entry groups the options that share one reason.
    const char *names;
    OptionId id;
    bool takesValue;
    const char *reason = nullptr;
};

// GNU parallel 20221122's option names (its options_completion_hash) for what ProcDeck does, plus
// ProcDeck's own options, so that each gets its own answer instead of "unknown option".
const Known kKnown[] = {
    { "jobs|j|max-procs|maxprocs|P", OptionId::Jobs, true },
    { "keep-order|keeporder|k", OptionId::KeepOrder, false },
    { "no-keep-order|nokeeporder|nok|no-k", OptionId::NoKeepOrder, false },
    { "tag", OptionId::Tag, false },
    { "tag-string|tagstring", OptionId::TagString, true },
    { "dry-run|dryrun|dr", OptionId::DryRun, false },
    { "shell-quote|shellquote|shell_quote", OptionId::ShellQuote, false },
    { "null|0", OptionId::Null, false },
    { "delimiter|d", OptionId::Delimiter, true },
    { "arg-file|argfile|a", OptionId::ArgFile, true },
    { "col-sep|colsep|C", OptionId::Colsep, true },
    { "trim", OptionId::Trim, true },
    { "max-args|maxargs|n", OptionId::MaxArgs, true },
    { "no-run-if-empty|norunifempty|r", OptionId::NoRunIfEmpty, false },
    { "link|xapply", OptionId::Link, false },
    { "delay", OptionId::Delay, true },
    { "timeout", OptionId::Timeout, true },
    { "joblog|jl", OptionId::JobLog, true },
    { "env", OptionId::Env, true },
    { "I", OptionId::ReplaceString, true },
    { "will-cite|willcite|nn|nonotice|no-notice|group|plain|gnu", OptionId::Ignored, false },

    { "pipe|spreadstdin|pipe-part|pipepart|round-robin|roundrobin|round|block-size|blocksize|block|"
      "recstart|recend|cat|fifo|tee|header",
      OptionId::NotSupported, false,
      "hands out standard input in blocks; ProcDeck gives each job its values on its command "
      "line" },
    { "ungroup|u|line-buffer|line-buffered|linebuffer|linebuffered|lb|latest-line|latestline|ll",
      OptionId::NotSupported, false,
      "is not supported: ProcDeck prints each job's output whole when it ends (--group)" },
    { "progress|bar|eta", OptionId::NotSupported, false,
      "is not supported: the window (procdeck) shows the jobs live" },
    { "results|result|res|files|output-as-files|outputasfiles", OptionId::NotSupported, false,
      "is not supported: ProcDeck keeps every job's output in its run folder (--output-dir) and "
      "exports it (--export)" },
    { "transfer|transferfile|tf|return|trc|cleanup|basefile|bf|onall|nonall|"
      "controlmaster|M|ssh|filter-hosts|workdir|work-dir|wd|sql|sqlmaster|sql-master|sqlworker|sql-"
      "worker",
      OptionId::NotSupported, false,
      "is not supported: ProcDeck runs jobs on ssh logins (-S) without copying files or setting up "
      "hosts" },
    { "xargs|m|X|max-replace-args|N|L|max-lines|l|max-chars|s|i|replace|extensionreplace|er|"
      "basenamereplace|bnr|dirnamereplace|dnr|basenameextensionreplace|bner|seqreplace|slotreplace|"
      "rpl|plus|parens|quote|q|verbose|t|v|interactive|p|tty|open-tty|o|shuf|arg-sep|argsep|"
      "arg-file-sep|argfilesep|csv|load|memfree|memsuspend|noswap|nice|semaphore|fg|bg|wait|filter|"
      "skip-first-line|eof|e|E|limit|term-seq|termseq|ctag|ctag-string|ctagstring|color|colour|"
      "color-failed|cf|profile|J|record-env|session|tmpdir|tempdir|compress|retry-failed|silent|"
      "number-of-cpus|number-of-cores|number-of-threads|number-of-sockets|max-line-length-allowed|"
      "show-limits|min-version|citation|bibtex|tmux|tmuxpane|embed|shebang|hashbang|group-by|"
      "groupby|"
      "shard|bin|hostgroups|total-jobs|total|use-cores-instead-of-threads|use-sockets-instead-of-"
      "threads",
      OptionId::NotSupported, false, "is not supported by ProcDeck's parallel form" },

    // ProcDeck's own, each under its one name.
    { "sshlogin|S", OptionId::ProcDeck, true },
    { "sshloginfile|slf", OptionId::ProcDeck, true },
    { "slurm", OptionId::ProcDeck, false },
    { "pty", OptionId::ProcDeck, false },
    { "slurm-args", OptionId::ProcDeck, true },
    { "slurm-allocate", OptionId::ProcDeck, true },
    { "grace", OptionId::ProcDeck, true },
    { "retries", OptionId::ProcDeck, true },
    { "retry-delay", OptionId::ProcDeck, true },
    { "halt-on-error|haltonerror|halt", OptionId::ProcDeck, true },
    { "timeout-action", OptionId::ProcDeck, true },
    { "encoding", OptionId::ProcDeck, true },
    { "cwd", OptionId::ProcDeck, true },
    { "input", OptionId::ProcDeck, true },
    { "stdin-file", OptionId::ProcDeck, true },
    { "export", OptionId::ProcDeck, true },
    { "format", OptionId::ProcDeck, true },
    { "output-dir", OptionId::ProcDeck, true },
    { "quiet", OptionId::ProcDeck, false },
    { "shell", OptionId::Conflicting, true },
    { "template", OptionId::Conflicting, true },
    { "range", OptionId::Conflicting, true },
    { "values", OptionId::Conflicting, true },
    { "values-file", OptionId::Conflicting, true },
    { "batch", OptionId::Conflicting, true },
    { "commands-file", OptionId::Conflicting, true },
    { "no-shell", OptionId::Conflicting, false },
    { "no-history", OptionId::FrontEnd, false },
    { "detach", OptionId::FrontEnd, false },
    { "resume", OptionId::FrontEnd, false },
    { "resume-failed|resumefailed", OptionId::FrontEnd, false },
    { "help|h", OptionId::FrontEnd, false },
    { "version", OptionId::FrontEnd, false },
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
    QString value;
    if (k->takesValue) {
        if (eq >= 0) {
            value = arg.mid(eq + 1);
        } else if (*i + 1 < args.size()) {
            value = args.at(++*i);
        } else {
            *error = QStringLiteral("--%1 needs a value").arg(name);
            return Read::Failed;
        }
    } else if (eq >= 0 && k->id != OptionId::NotSupported) {
        *error = QStringLiteral("--%1 takes no value").arg(name);
        return Read::Failed;
    }
    options->append(make(*k, QStringLiteral("--") + name, value));
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
        if (!k->takesValue) {
            options->append(make(*k, QStringLiteral("-") + letter, QString()));
            continue;
        }
        QString value = arg.mid(j + 1);
        if (value.isEmpty()) {
            if (*i + 1 >= args.size()) {
                *error = QStringLiteral("-%1 needs a value").arg(letter);
                return Read::Failed;
            }
            value = args.at(++*i);
        }
        options->append(make(*k, QStringLiteral("-") + letter, value));
        break;
    }
    return Read::Taken;
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

bool isSeparator(const QString &word)
{
    return word == QLatin1String(":::") || word == QLatin1String(":::+")
        || word == QLatin1String("::::") || word == QLatin1String("::::+");
}

QString unquotePrintf(QString text)
{
    text.replace(QLatin1String("\\t"), QLatin1String("\t"));
    text.replace(QLatin1String("\\n"), QLatin1String("\n"));
    text.replace(QLatin1String("\\r"), QLatin1String("\r"));
    static const QRegularExpression octal(QStringLiteral(R"(\\([0-7]{3}|[0-7]))"));
    QString out;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = octal.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(at, m.capturedStart() - at);
        out += QChar(char16_t(m.captured(1).toUInt(nullptr, 8) & 0xFF));
        at = m.capturedEnd();
    }
    return out + text.mid(at);
}

bool readDuration(const QString &text, double *seconds)
{
    static const QRegularExpression whole(QStringLiteral(R"(^(\d+(\.\d+)?[dhms]?)+$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (!whole.match(text).hasMatch())
        return false;
    static const QRegularExpression part(QStringLiteral(R"((\d+(?:\.\d+)?)([dhms]?))"),
                                         QRegularExpression::CaseInsensitiveOption);
    double total = 0;
    QRegularExpressionMatchIterator it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QChar unit
                = m.captured(2).isEmpty() ? QLatin1Char('s') : m.captured(2).at(0).toLower();
        const double factor = unit == QLatin1Char('d') ? 86400
                : unit == QLatin1Char('h')             ? 3600
                : unit == QLatin1Char('m')             ? 60
                                                       : 1;
        total += m.captured(1).toDouble() * factor;
    }
    *seconds = total;
    return true;
}

bool readJobs(const QString &text, int *jobs, QString *error)
{
    const int cpus = QThread::idealThreadCount();
    static const QRegularExpression form(QStringLiteral(R"(^([+-]?)(\d+(?:\.\d+)?)(%?)$)"));
    QString value = text;
    QRegularExpressionMatch m = form.match(value);
    if (!m.hasMatch() && QFile::exists(value)) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("-j: cannot read '%1'").arg(text);
            return false;
        }
        value = QString::fromUtf8(file.readAll()).trimmed();
        m = form.match(value);
    }
    const bool wholeNumber = m.hasMatch() && !m.captured(2).contains(QLatin1Char('.'));
    if (!m.hasMatch() || (!m.captured(3).isEmpty() && !m.captured(1).isEmpty())
        || (m.captured(3).isEmpty() && !wholeNumber)) {
        *error = QStringLiteral("-j: expected N, N%, +N, -N or 0, not '%1'").arg(text);
        return false;
    }
    const double n = m.captured(2).toDouble();
    double count = n;
    if (!m.captured(3).isEmpty())
        count = cpus * n / 100;
    else if (m.captured(1) == QLatin1String("+"))
        count = cpus + n;
    else if (m.captured(1) == QLatin1String("-"))
        count = cpus - n;
    else if (n == 0)
        count = INT_MAX; // "as many as possible": the scheduler's file-descriptor budget is the
                         // limit
    count = std::ceil(count);
    if (count < 1) {
        *error = QStringLiteral("-j %1: that leaves no job to run at once on this %2-CPU machine")
                         .arg(text)
                         .arg(cpus);
        return false;
    }
    *jobs = count >= INT_MAX ? INT_MAX : int(count);
    return true;
}

} // namespace procdeck::parallel
