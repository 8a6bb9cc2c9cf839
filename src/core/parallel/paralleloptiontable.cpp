#include "paralleloptiontable.h"

#include "paralleloptions.h"

#include <QRegularExpression>

namespace procdeck::parallel {

namespace {

// GNU parallel 20221122's options, as its options_completion_hash names them (its internal
// _parset, _pipe-means-argfiles and _test left out), in the order `sort` gives: one row each.
// tests/tst_paralleloptiontable.cpp reads them out of /usr/bin/parallel and compares.
const char *const kParallelOptions[] = {
    "B", "E", "H", "I", "L", "T", "U", "W", "X", "Y", "arg-file-sep|argfilesep",
    "arg-file|argfile|a", "arg-sep|argsep", "bar", "basefile|bf", "basenameextensionreplace|bner",
    "basenamereplace|bnr", "bg", "bin", "block-size|blocksize|block",
    "block-timeout|blocktimeout|bt", "bug", "cat", "cleanup", "col-sep|colsep|C",
    "color-failed|colour-failed|colorfailed|colourfailed|color-fail|colour-fail|colorfail|"
    "colourfail|cf",
    "color|colour", "compress", "controlmaster|M", "csv", "ctag-string|ctagstring", "ctag",
    "ctrl-c|ctrlc", "debug|D", "delay", "delimiter|d", "dirnamereplace|dnr", "dry-run|dryrun|dr",
    "embed", "env", "eof|e", "eta", "exit|x", "extensionreplace|er", "fg", "fifo",
    "filter-hosts|filterhosts|filter-host", "filter", "g", "gnu", "group-by|groupby", "group",
    "halt-on-error|haltonerror|halt", "header", "help|h", "hgrp|hostgrp|hostgroup|hostgroups",
    "interactive|p", "joblog|jl", "jobs|j", "keep-order|keeporder|k", "latest-line|latestline|ll",
    "limit", "line-buffer|line-buffered|linebuffer|linebuffered|lb",
    "linkinputsource|xapplyinputsource", "link|xapply", "load", "m", "max-args|maxargs|n",
    "max-chars|maxchars|s", "max-line-length-allowed|maxlinelengthallowed", "max-lines|maxlines|l",
    "max-procs|maxprocs|P", "max-replace-args|maxreplaceargs|N", "memfree", "memsuspend",
    "min-version|minversion", "nice", "no-ctrl-c|no-ctrlc|noctrlc",
    "no-keep-order|nokeeporder|nok|no-k", "no-run-if-empty|norunifempty|r", "nonall", "noswap",
    "null|0", "number-of-cores|numberofcores", "number-of-cpus|numberofcpus",
    "number-of-sockets|numberofsockets", "number-of-threads|numberofthreads", "onall",
    "open-tty|o", "output-as-files|outputasfiles|files", "parens", "pipe-part|pipepart",
    "pipe|spreadstdin", "plain", "plus", "process-slot-var|processslotvar", "profile|J",
    "progress", "quote|q", "recend", "recordenv|record-env", "recstart", "regexp|regex",
    "remove-rec-sep|removerecsep|rrs", "replace|i", "results|result|res",
    "resume-failed|resumefailed", "resume", "retries", "retry-failed|retryfailed", "return",
    "round-robin|roundrobin|round", "rpl", "rsync-opts|rsyncopts",
    "semaphore-name|semaphorename|id", "semaphore-timeout|semaphoretimeout|st", "semaphore",
    "seqreplace", "session", "shard", "shebang|hashbang", "shell-completion|shellcompletion",
    "shell-quote|shellquote|shell_quote", "show-limits|showlimits", "shuf", "silent",
    "skip-first-line|skipfirstline", "slotreplace", "sql-and-worker|sqlandworker",
    "sql-master|sqlmaster", "sql-worker|sqlworker", "sql", "ssh-delay|sshdelay", "ssh",
    "sshloginfile|slf", "sshlogin|S", "tag-string|tagstring", "tag", "tee", "template|tmpl",
    "term-seq|termseq", "timeout", "tmpdir|tempdir", "tmux-pane|tmuxpane", "tmux", "tollef",
    "total-jobs|totaljobs|total", "transfer-file|transferfile|transfer-files|transferfiles|tf",
    "transfer", "trc", "trim", "tty", "ungroup|u",
    "use-compress-program|compress-program|usecompressprogram|compressprogram",
    "use-cores-instead-of-threads|usecoresinsteadofthreads",
    "use-cpus-instead-of-cores|usecpusinsteadofcores",
    "use-decompress-program|decompress-program|usedecompressprogram|decompressprogram",
    "use-sockets-instead-of-threads|usesocketsinsteadofthreads", "v", "verbose|t", "version|V",
    "wait", "will-cite|willcite|nn|nonotice|no-notice", "work-dir|workdir|wd", "xargs",
};

/// `--name` for a long name, `-n` for a letter.
QString dashed(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

/// What procdeck-cli does with `o`, in a few words.
QString statusOf(const Option &o)
{
    switch (o.id) {
    case OptionId::Ignored:
        return QStringLiteral("accepted; changes nothing here");
    case OptionId::NotSupported: // "is not supported: WHY" or "is not supported by …"
        return QStringLiteral("refused: ")
                + QString(o.reason).remove(
                        QRegularExpression(QStringLiteral("^is (not supported: )?")));
    case OptionId::Conflicting:
        return QStringLiteral("refused: ProcDeck's own --%1 gives the jobs another way")
                .arg(o.canonical);
    case OptionId::FrontEnd:
        if (o.canonical == QLatin1String("help") || o.canonical == QLatin1String("version"))
            return QStringLiteral("procdeck-cli's own");
        return QStringLiteral("supported");
    default:
        return QStringLiteral("supported");
    }
}

} // namespace

QStringList parallelOptionNames()
{
    QStringList names;
    for (const char *spec : kParallelOptions)
        names << QString::fromLatin1(spec);
    return names;
}

QString parallelOptionTable()
{
    QString table = QStringLiteral("| GNU parallel 20221122 | procdeck-cli |\n| --- | --- |\n");
    for (const QString &spec : parallelOptionNames()) {
        const QStringList names = spec.split(QLatin1Char('|'));
        QStringList shown;
        for (const QString &name : names)
            shown << QLatin1Char('`') + dashed(name) + QLatin1Char('`');
        Option o;
        const QString status = lookUp(names.first(), &o) ? statusOf(o)
                                                         : QStringLiteral("refused: unknown");
        table += QStringLiteral("| %1 | %2 |\n").arg(shown.join(QLatin1Char(' ')), status);
    }
    return table;
}

} // namespace procdeck::parallel
