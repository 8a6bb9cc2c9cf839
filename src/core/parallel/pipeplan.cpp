#include "pipeplan.h"

#include "joboptions.h"
#include "parallelsettings.h"
#include "types/rawbytes.h"

#include <QFile>
#include <QFileInfo>

namespace procdeck {

using namespace procdeck::parallel;

namespace {

/// parallel's --recstart/--recend without --regexp: printf's \0 \r \n \t \' \" \\ undone.
QString unescaped(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar n = i + 1 < text.size() ? text.at(i + 1) : QChar();
        static const QString from = QStringLiteral("0rnt'\"\\");
        static const QString to = QString(QChar(0)) + QStringLiteral("\r\n\t'\"\\");
        const qsizetype which = n.isNull() ? -1 : from.indexOf(n);
        if (c != QLatin1Char('\\') || which < 0) {
            out += c;
            continue;
        }
        out += to.at(which);
        ++i;
    }
    return out;
}

bool readBlockValues(const QString &path, PipePlan *plan, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the input file '%1': %2")
                         .arg(path, file.errorString());
        return false;
    }
    QByteArray bytes = file.readAll();
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    for (const QByteArray &line : bytes.split('\n'))
        plan->blockValues << rawbytes::fromBytes(line);
    if (plan->blockValues.isEmpty())
        plan->blockValues << QString();
    return true;
}

QString shellPath(const QString &path)
{
    return shellQuote(path);
}

/// --shard and --bin's rules, as parallel reads them: the lines split at --colsep, else at TAB
/// with --header, else at ","; the header (for a column's name) at --colsep or TAB only.
PipeSharder::Rules shardRules(const Settings &s)
{
    PipeSharder::Rules r;
    r.option = s.pipe.bin ? QStringLiteral("--bin") : QStringLiteral("--shard");
    r.colspec = s.pipe.shard;
    r.bin = s.pipe.bin;
    r.headerSep = s.hasColsep              ? s.colsep
            : s.pipe.header.isEmpty() ? QString()
                                      : QStringLiteral("\t");
    r.sep = r.headerSep.isEmpty() || r.headerSep == QLatin1String("0") ? QStringLiteral(",")
                                                                        : r.headerSep;
    return r;
}

} // namespace

JobSpec PipePlan::jobFor(int seq, const QString &blockFile, qint64 offset, qint64 size) const
{
    JobSpec spec = base;
    const int slot = (seq - 1) % std::max(1, slotCount) + 1;
    const QString fifoPath = blockFile + QStringLiteral(".fifo");
    const QStringList args = cat   ? QStringList{blockFile}
            : fifo                 ? QStringList{fifoPath}
            : blockValues.isEmpty() ? QStringList{}
                                   : QStringList{blockValues.value(seq - 1)};
    QString command = this->command.expand(args, seq, slot, Trim::None, &spec.slotAt);
    if (!cat && !this->fifo) {
        // A pipe, as parallel gives: a job may tell a file from a pipe (wc's column widths).
        const QString pipe = QStringLiteral("cat | (");
        for (qsizetype &at : spec.slotAt)
            at += pipe.size();
        command = pipe + command + QStringLiteral("\n)");
    } else if (this->fifo) {
        // parallel's --fifo: the command runs beside a writer that fills the pipe from the block.
        const QString f = shellPath(fifoPath);
        const qsizetype shift = QStringLiteral("mkfifo %1 && { ( ").arg(f).size();
        for (qsizetype &at : spec.slotAt)
            at += shift;
        command = QStringLiteral("mkfifo %1 && { ( %2\n) </dev/null & cat > %1; wait $!; "
                                 "s=$?; rm -f %1; exit $s; }")
                          .arg(f, command);
    }
    spec.shellCommand = command;
    spec.standardInputFile = blockFile;
    spec.values = QStringList{pipeplan::blockValue(offset, size)};
    spec.environment << QStringLiteral("PARALLEL_SEQ=%1").arg(seq);
    return spec;
}

JobSpec PipePlan::streamJobFor(int seq, const QString &pipe) const
{
    JobSpec spec = base;
    // The job's standard input is a pipe already, as parallel's --round-robin gives it.
    spec.shellCommand = command.expand({}, seq, seq, Trim::None, &spec.slotAt);
    spec.standardInputFile = pipe;
    spec.values = QStringList{
            mode == Mode::Shard
                    ? QStringLiteral("the lines whose key picks job %1 (%2 %3)")
                              .arg(QString::number(seq), shard.option, shard.colspec)
                    : QStringLiteral("blocks in turn (--round-robin)")};
    spec.environment << QStringLiteral("PARALLEL_SEQ=%1").arg(seq);
    return spec;
}

namespace pipeplan {

QString blockValue(qint64 offset, qint64 size)
{
    return QStringLiteral("block at byte %1, %2 bytes").arg(offset).arg(size);
}

bool readRules(const Settings &s, PipeRules *rules, QString *error)
{
    const PipeSettings &p = s.pipe;
    if (!p.block.isEmpty() && !readBlockSize(p.block, &rules->blockSize)) {
        *error = QStringLiteral("--block: not a size: '%1' (bytes, or with k, K, M, G …)")
                         .arg(p.block);
        return false;
    }
    rules->regexp = p.regexp;
    rules->recstart = p.hasRecstart ? p.recstart : QString();
    rules->recend = p.hasRecend ? p.recend
            : p.hasRecstart      ? QString()
                                 : QStringLiteral("\n");
    if (p.regexp && p.hasRecend && !p.hasRecstart && p.recend.isEmpty())
        rules->recend = QStringLiteral("(?s:.)");
    if (!p.regexp) {
        rules->recstart = unescaped(rules->recstart);
        rules->recend = unescaped(rules->recend);
    }
    rules->records = s.maxReplaceArgs > 0 ? s.maxReplaceArgs : std::max(0, s.maxArgs);
    rules->header = p.header;
    rules->removeSeparators = p.removeRecSep;
    return PipeSplitter::check(*rules, error);
}

bool make(const Settings &s, const QStringList &words, const QStringList &sources,
          const JobSpec &base, int slotCount, RunRequest *request, QString *error)
{
    const auto refuse = [error](const QString &what) {
        *error = QStringLiteral("%1 cannot be combined with --pipe or --pipepart here").arg(what);
        return false;
    };
    if (s.pipe.roundRobin && (s.pipe.cat || s.pipe.fifo))
        return refuse(QStringLiteral("--cat and --fifo with --round-robin"));
    if (s.pipe.roundRobin && base.retries > 0)
        return refuse(QStringLiteral("--retries with --round-robin"));
    if (!sources.isEmpty()) {
        *error = QStringLiteral("--pipe reads standard input: ::: and :::: do not go with it");
        return false;
    }
    if (s.tag || s.hasTagString)
        return refuse(QStringLiteral("--tag"));
    if (s.maxLines >= 0)
        return refuse(QStringLiteral("-L"));
    if (s.dryRun || s.shellQuote > 0)
        return refuse(QStringLiteral("--dry-run"));
    if (!s.pipe.part && s.argFiles.size() > 1)
        return refuse(QStringLiteral("-a more than once"));
    auto plan = std::make_shared<PipePlan>();
    if (!readRules(s, &plan->rules, error))
        return false;
    plan->base = base;
    // --pipe -a FILE, as parallel: block N's job has line N of the file as {} (empty past its
    // end); nothing is appended to a command without {}. Standard input is still what is cut.
    if (!s.pipe.part && !s.argFiles.isEmpty()
        && !readBlockValues(s.argFiles.first(), plan.get(), error))
        return false;
    plan->command = CommandTemplate::forCommand(words, s.names, plan->blockValues.isEmpty());
    plan->slotCount = slotCount;
    plan->cat = s.pipe.cat;
    plan->fifo = s.pipe.fifo && !s.pipe.cat;
    // parallel's test of the COLSPEC is perl's truth: "" and "0" are plain --pipe.
    if (s.pipe.hasShard && !s.pipe.shard.isEmpty() && s.pipe.shard != QLatin1String("0")) {
        if (s.pipe.part || s.pipe.roundRobin || plan->cat || plan->fifo) {
            *error = QStringLiteral("%1 goes with --pipe alone: not with --pipepart, "
                                    "--round-robin, --cat or --fifo")
                             .arg(s.pipe.bin ? QStringLiteral("--bin") : QStringLiteral("--shard"));
            return false;
        }
        plan->mode = PipePlan::Mode::Shard;
        plan->shard = shardRules(s);
        request->pipe = plan;
        return true;
    }
    if (!s.pipe.part) {
        if (s.pipe.roundRobin)
            plan->mode = PipePlan::Mode::RoundRobin;
        plan->inTurn = s.keepOrder && !s.noKeepOrder;
        request->pipe = plan;
        return true;
    }
    if (plan->cat || plan->fifo)
        return refuse(QStringLiteral("--cat and --fifo with --pipepart"));
    return makePartJobs(s, *plan, &request->jobs, error);
}

bool prepareModes(Settings *s, const QStringList &sources, QString *file, QString *error)
{
    const bool piping = s->pipe.pipe || s->pipe.part;
    if (s->pipe.hasShard && (!piping || s->pipe.tee)) {
        *error = QStringLiteral("%1 goes with --pipe (and not --tee)")
                         .arg(s->pipe.bin ? QStringLiteral("--bin") : QStringLiteral("--shard"));
        return false;
    }
    if (!s->pipe.tee && (piping || !s->pipe.roundRobin))
        return true;
    if (!piping)
        *error = s->pipe.tee ? QStringLiteral("--tee goes with --pipe or --pipepart")
                             : QStringLiteral("--round-robin goes with --pipe or --pipepart");
    else if (s->pipe.part && s->argFiles.isEmpty())
        *error = QStringLiteral("--pipepart --tee needs -a FILE");
    else if (s->pipe.roundRobin)
        *error = QStringLiteral("--tee and --round-robin cannot be combined");
    else if (s->pipe.cat || s->pipe.fifo)
        *error = QStringLiteral("--cat and --fifo cannot be combined with --tee here");
    if (!error->isEmpty())
        return false;
    if (s->pipe.part)
        *file = s->argFiles.takeFirst();
    if (sources.isEmpty() && s->argFiles.isEmpty()) {
        *error = QStringLiteral("--tee gives all of standard input to each job: give the jobs' "
                                "values with ::: (a job a value)");
        return false;
    }
    return true;
}

bool finishTee(const Settings &s, const QString &file, RunRequest *request, QString *error)
{
    const int count = int(std::min<qsizetype>(request->jobs.size(), 1 << 20));
    if (s.jobs.isEmpty() || request->maxParallel == 0) {
        request->maxParallel = std::max(1, count);
    } else if (request->maxParallel < count) {
        // Every job must run at once: each reads the same stream.
        *error = QStringLiteral("--tee requires --jobs to be higher. Try --jobs 0.");
        return false;
    }
    if (!file.isEmpty()) { // --pipepart: each job reads the file itself
        if (!QFileInfo(file).isReadable()) {
            *error = QStringLiteral("-a %1: cannot be read").arg(file);
            return false;
        }
        for (JobSpec &spec : request->jobs)
            spec.standardInputFile = file;
        return true;
    }
    auto plan = std::make_shared<PipePlan>();
    plan->mode = PipePlan::Mode::Tee;
    plan->teeJobs = std::exchange(request->jobs, {});
    request->pipe = plan;
    return true;
}

} // namespace pipeplan
} // namespace procdeck
