#include "parallelsettings.h"

#include <algorithm>
#include <climits>

namespace procdeck::parallel {

namespace {

/// A count of -n, -N, -L, -l or -s: a whole number from 0 (-l's may be left out: 1).
bool readCount(const Option &o, qsizetype *count, QString *error)
{
    if (o.value.isEmpty() && o.id == OptionId::MaxLines) {
        *count = 1;
        return true;
    }
    bool ok = false;
    *count = o.value.toLongLong(&ok);
    if (!ok || *count < 0) {
        *error = QStringLiteral("%1: expected a whole number from 0, not '%2'")
                         .arg(o.spelling, o.value);
        return false;
    }
    if (*count == 0 && o.id == OptionId::MaxLines)
        *count = 1; // parallel: -l 0 is -l 1
    return true;
}

bool applyCount(const Option &o, Settings *s, QString *error)
{
    qsizetype count = 0;
    if (!readCount(o, &count, error))
        return false;
    const int n = int(std::min<qsizetype>(count, INT_MAX));
    switch (o.id) {
    case OptionId::MaxArgs: s->maxArgs = n; break;
    case OptionId::MaxReplaceArgs: s->maxReplaceArgs = n; break;
    case OptionId::MaxLines:
        s->maxLines = n;
        s->maxLinesIsL = o.spelling == QLatin1String("-L");
        break;
    default:
        if (count < 1) {
            *error = QStringLiteral("%1: expected a length from 1, not '%2'")
                             .arg(o.spelling, o.value);
            return false;
        }
        s->maxChars = count;
        break;
    }
    return true;
}

/// --er, --bnr, --dnr, --bner, --seqreplace, --slotreplace: another name for {.} {/} {//} {/.}
/// {#} {%} (parallel's rpl(): the old name is text from then on).
void renameReplacement(const Option &o, ReplacementNames *names)
{
    const QString &c = o.canonical;
    QString *name = c == QLatin1String("extensionreplace")   ? &names->noExtension
            : c == QLatin1String("basenamereplace")          ? &names->basename
            : c == QLatin1String("dirnamereplace")           ? &names->dirname
            : c == QLatin1String("basenameextensionreplace") ? &names->basenameNoExtension
            : c == QLatin1String("seqreplace")               ? &names->seq
                                                             : &names->slot;
    *name = o.value;
}

/// The options whose value is checked: -I, -n, --delay, --timeout.
bool applyChecked(const Option &o, Settings *s, QString *error)
{
    switch (o.id) {
    case OptionId::ReplaceString:
        if (o.value.isEmpty() && o.spelling == QLatin1String("-I")) {
            *error = QStringLiteral("-I needs a replacement string");
            return false;
        }
        if (!o.value.isEmpty()) // -i alone keeps {}
            s->names.whole = o.value;
        return true;
    case OptionId::MaxArgs:
    case OptionId::MaxReplaceArgs:
    case OptionId::MaxLines:
    case OptionId::MaxChars:
        return applyCount(o, s, error);
    case OptionId::Delay:
    case OptionId::SshDelay:
        if (!readDuration(o.value, o.id == OptionId::Delay ? &s->delay : &s->sshDelay)) {
            *error = QStringLiteral("%1: not a duration: '%2' (seconds, or 1m30s)")
                             .arg(o.spelling, o.value);
            return false;
        }
        s->hasDelay = s->hasDelay || o.id == OptionId::Delay;
        return true;
    case OptionId::Timeout:
        if (o.value.endsWith(QLatin1Char('%'))) {
            *error = QStringLiteral("--timeout %1: a percentage of the median run time is not "
                                    "supported; give seconds")
                             .arg(o.value);
            return false;
        }
        if (!readDuration(o.value, &s->timeout)) {
            *error = QStringLiteral("--timeout: not a duration: '%1' (seconds, or 1m30s)")
                             .arg(o.value);
            return false;
        }
        return true;
    default:
        return true;
    }
}

/// --pipe's family: taken as written, read when the blocks' rules are made.
void applyPipe(const Option &o, PipeSettings *p)
{
    switch (o.id) {
    case OptionId::Pipe: p->pipe = true; break;
    case OptionId::PipePart: p->part = true; break;
    case OptionId::Block: p->block = o.value; break;
    case OptionId::RecStart: p->recstart = o.value; p->hasRecstart = true; break;
    case OptionId::RecEnd: p->recend = o.value; p->hasRecend = true; break;
    case OptionId::Regexp: p->regexp = true; break;
    case OptionId::RemoveRecSep: p->removeRecSep = true; break;
    case OptionId::Header: p->header = o.value; break;
    case OptionId::Cat: p->cat = true; break;
    case OptionId::Fifo: p->fifo = true; break;
    case OptionId::RoundRobin: p->roundRobin = true; break;
    case OptionId::Tee: p->tee = true; break;
    case OptionId::Shard: case OptionId::Bin:
        p->shard = o.value;
        p->hasShard = true;
        p->bin = o.id == OptionId::Bin;
        break;
    default: break;
    }
}

/// Where an option that is a flag and nothing else is kept; null for the others.
bool *flagOf(OptionId id, Settings *s)
{
    switch (id) {
    case OptionId::KeepOrder: return &s->keepOrder;
    case OptionId::NoKeepOrder: return &s->noKeepOrder;
    case OptionId::Tag: return &s->tag;
    case OptionId::DryRun: return &s->dryRun;
    case OptionId::Quote: return &s->quote;
    case OptionId::Verbose: return &s->verbose;
    case OptionId::Trace: return &s->trace;
    case OptionId::Null: return &s->null;
    case OptionId::NoRunIfEmpty: return &s->noRunIfEmpty;
    case OptionId::Link: return &s->linkAll;
    case OptionId::ContextReplace: return &s->contextReplaceX;
    case OptionId::MultipleArgs: return &s->multipleArgs;
    case OptionId::Xargs: return &s->xargs;
    case OptionId::Ungroup: return &s->ungroup;
    case OptionId::LineBuffer: return &s->lineBuffer;
    case OptionId::Files: return &s->files;
    case OptionId::Compress: return &s->compress;
    case OptionId::Plus: return &s->plus;
    case OptionId::Shuf: return &s->shuf;
    case OptionId::Progress: return &s->progress;
    case OptionId::Eta: return &s->eta;
    case OptionId::Bar: return &s->bar;
    default: return nullptr;
    }
}

/// --transfer, --tf, --return, --trc, --cleanup, --wd; false for any other option.
bool applyRemote(const Option &o, RemoteSettings *r)
{
    switch (o.id) {
    case OptionId::Transfer: r->transferAll = true; break;
    case OptionId::TransferFile: r->transfer << o.value; break;
    case OptionId::Return: r->returns << o.value; break;
    case OptionId::Trc: r->trc << o.value; break;
    case OptionId::Cleanup: r->cleanup = true; break;
    case OptionId::Workdir: r->workdir = o.value; r->hasWorkdir = true; break;
    case OptionId::Basefile: r->basefiles << o.value; break;
    case OptionId::OnAll: r->onAll = true; break;
    case OptionId::NonAll: r->nonAll = r->onAll = true; break;
    default: return false;
    }
    return true;
}

} // namespace

bool apply(const Option &o, Settings *s, QStringList *frontEnd, QString *error)
{
    if (bool *flag = flagOf(o.id, s)) {
        *flag = true;
        return true;
    }
    switch (o.id) {
    case OptionId::Jobs: s->jobs = o.value; break;
    case OptionId::TagString: s->tagString = o.value; s->hasTagString = true; break;
    case OptionId::ShellQuote: ++s->shellQuote; break;
    case OptionId::Delimiter: s->delimiter = o.value; s->hasDelimiter = true; break;
    case OptionId::ArgFile: s->argFiles << o.value; break;
    case OptionId::Rpl: s->rpl << o.value; break;
    case OptionId::Colsep: s->colsep = o.value; s->hasColsep = true; break;
    case OptionId::Trim: s->trim = o.value; s->hasTrim = true; break;
    case OptionId::JobLog: s->jobLog = o.value; break;
    case OptionId::Eof: s->eof = o.value; break;
    case OptionId::ArgSep: s->separators.values = o.value; break;
    case OptionId::RenameReplacement: renameReplacement(o, &s->names); break;
    case OptionId::ArgFileSep: s->separators.files = o.value; break;
    case OptionId::Results: s->results = o.value; break;
    case OptionId::TmpDir: s->tmpDir = o.value; break;
    case OptionId::ReplaceString:
    case OptionId::MaxArgs:
    case OptionId::MaxReplaceArgs:
    case OptionId::MaxLines:
    case OptionId::MaxChars:
    case OptionId::Delay:
    case OptionId::SshDelay:
    case OptionId::Timeout:
        return applyChecked(o, s, error);
    case OptionId::Env:
        // KEY=VALUE is ProcDeck's --env; a bare NAME (parallel's, for ssh logins) changes nothing.
        if (o.value.contains(QLatin1Char('=')))
            s->procdeckArgs << QStringLiteral("--env") << o.value;
        break;
    case OptionId::Semaphore: return applySemaphore(o, &s->semaphore, error);
    case OptionId::NotSupported:
        *error = QStringLiteral("GNU parallel's %1 %2").arg(o.spelling, o.reason);
        return false;
    case OptionId::ProcDeck:
        // --name=value: a value that starts with '-' (--halt -1) is still the value.
        s->procdeckArgs << QStringLiteral("--") + o.canonical
                        + (o.hasValue ? QLatin1Char('=') + o.value : QString());
        break;
    case OptionId::Conflicting:
        *error = QStringLiteral("%1 cannot be combined with parallel's command line (COMMAND ::: "
                                "VALUES): they are two ways to give the jobs; use one")
                         .arg(o.spelling);
        return false;
    case OptionId::FrontEnd:
        *frontEnd << QStringLiteral("--") + o.canonical;
        break;
    default: // --pipe's family, Pipe to Fifo, the files for ssh logins, or Ignored
        if (!applyRemote(o, &s->remote))
            applyPipe(o, &s->pipe);
        break;
    }
    return true;
}

ArgCounts argCounts(const Settings &s)
{
    // parallel's parse_options and main, in their order: -n, then -l and -L only when -n gave
    // none (perl's ||=, so -n0 gives way too), -N last; -N replaces in context
    // always, -L unless -m or --xargs, -X always.
    int max = s.maxArgs;
    if (s.maxLines >= 0 && max <= 0)
        max = s.maxLines;
    ArgCounts c;
    if (s.maxReplaceArgs >= 0)
        max = s.maxReplaceArgs;
    const bool bigL = s.maxLines >= 0 && s.maxLinesIsL;
    c.contextReplace = s.contextReplaceX || s.maxReplaceArgs >= 0
            || (bigL && !(s.xargs || s.multipleArgs));
    // --nonall's and --semaphore's one record: parallel's "\0noarg"
    const bool oneJob = s.remote.nonAll || s.semaphore.on;
    c.noArgs = max == 0 || oneJob;
    c.perJob = oneJob ? 1
            : max > 0      ? max
            : (s.contextReplaceX || s.multipleArgs || s.xargs) ? 0
                                                               : 1;
    c.spread = s.contextReplaceX || s.multipleArgs;
    return c;
}

} // namespace procdeck::parallel
