#include "paralleljobs.h"

#include "parallelinput.h"
#include "perlevaluator.h"
#include "remotefilesplan.h"
#include "resultspath.h"
#include "types/rawbytes.h"

#include <QRandomGenerator>

#include <algorithm>
#include <memory>
#include <utility>

namespace procdeck::parallel {

namespace {

/// How long parallel 20221122 lets a command be that -X, -m, -n or -s fills: its probe of the
/// longest command the system runs (130,329 on Linux: a search towards the kernel's 131,072
/// bytes of one argument that stops within 1 % of it), less 3,000 for its wrapping, halved for
/// the hex its remote commands travel in. Lines filled to it break where parallel's do.
constexpr qsizetype kFillBytes = (130329 - 3000) / 2;

/// How records become jobs: how many a job takes, and how long its command may be.
struct Filling {
    ArgCounts counts;
    qsizetype maxLength = kFillBytes; ///< a command must be shorter (-s)
    bool checkLength = false; ///< -X, -m, -n N, -s: fill up to the length
    const CommandTemplate *tag = nullptr; ///< --tag, --tagstring: counted in the length too
};

/// The values of records [first, first + count), flat; none for -n0.
QStringList flatArgs(const QList<QStringList> &records, qsizetype first, qsizetype count,
                     bool noArgs)
{
    QStringList args;
    if (!noArgs)
        for (qsizetype k = first; k < first + count; ++k)
            args += records.at(k);
    return args;
}

/// parallel's words for a record whose command alone is `length` bytes, not under the limit.
/// Its "at input" is a count of re-read inputs that is 0 there (20221122).
QString tooLong(const QStringList &record, qsizetype length, qsizetype limit)
{
    QString values = record.join(QLatin1Char(' '));
    if (values.size() > 50)
        values = values.left(50) + QLatin1String("...");
    return QStringLiteral("Command line too long (%1 >= %2) at input 0: %3")
            .arg(length)
            .arg(limit)
            .arg(values);
}

/// How many records from `first` (at most `limit`) the job `seq` takes: as many as keep its
/// command shorter than the limit, as parallel's populate. False when not even one fits.
bool fit(const QList<QStringList> &records, qsizetype first, qsizetype limit,
         const CommandTemplate &command, int seq, const Filling &f, Trim trim, qsizetype *count,
         QString *error)
{
    const auto length = [&](qsizetype n) {
        const QStringList args = flatArgs(records, first, n, f.counts.noArgs);
        const QList<QStringList> taken = f.counts.noArgs ? QList<QStringList>()
                                                         : records.mid(first, n);
        return rawbytes::toBytes(command.expand(args, seq, 1, trim)).size()
                + (f.tag ? command.tagLength(*f.tag, taken, seq, trim) : 0);
    };
    const auto fits = [&](qsizetype n) { return length(n) < f.maxLength; };
    *count = limit;
    if (!f.checkLength || fits(limit))
        return true;
    if (const qsizetype alone = length(1); alone >= f.maxLength) {
        *error = tooLong(records.at(first), alone, f.maxLength);
        return false;
    }
    qsizetype good = 1; // fits
    qsizetype bad = limit; // does not
    while (bad - good > 1) {
        const qsizetype middle = good + (bad - good) / 2;
        (fits(middle) ? good : bad) = middle;
    }
    *count = good;
    return true;
}

/// A record that cannot run: as parallel, the jobs before it run and then the run stops with
/// *error (none before it: now, false).
bool stopAt(RunRequest *request, QString *error)
{
    if (request->jobs.isEmpty())
        return false;
    request->stopError = std::exchange(*error, QString());
    return true;
}

Filling filling(const Settings &s, QStringList *warnings)
{
    Filling f;
    f.counts = argCounts(s);
    f.checkLength = f.counts.perJob != 1 || s.maxChars > 0;
    if (s.maxChars > kFillBytes) // parallel's words; its length stays
        warnings->append(QStringLiteral("Value for option -s should be < %1.").arg(kFillBytes));
    else if (s.maxChars > 0)
        f.maxLength = s.maxChars;
    return f;
}

/// total_jobs() as parallel reckons it before the first job: the records over -n/-N.
int totalJobs(qsizetype records, const Filling &f)
{
    const qsizetype perJob = std::max(f.counts.perJob, 1);
    return int((records + perJob - 1) / perJob);
}

/// --colsep: each value of each record made its columns.
void splitAllColumns(QList<QStringList> *records, const QRegularExpression &colsep)
{
    for (QStringList &record : *records) {
        QStringList columns;
        for (const QString &value : std::as_const(record))
            columns += splitColumns(value, colsep);
        record = columns;
    }
}

/// --shuf, as parallel: every record read first, then shuffled; {#} numbers the new order.
void shuffleIf(bool shuf, QList<QStringList> *records)
{
    if (shuf)
        std::shuffle(records->begin(), records->end(), *QRandomGenerator::global());
}

/// --tagstring's template, or --tag's {}; with -X its words are copied for each value, as the
/// command's are (`T{}` is `Ta Tb`, as parallel's).
CommandTemplate tagOf(const Settings &s, const QList<Rpl> &rpls, bool contextReplace)
{
    CommandTemplate tag = CommandTemplate::forTag(
            s.hasTagString ? unquotePrintf(s.tagString) : s.names.whole, s.names, rpls);
    tag.setContextReplace(contextReplace);
    return tag;
}

} // namespace

bool makeJobs(QList<QStringList> records, const QStringList &words, const Settings &s,
              bool tagging, const JobSpec &base, const Reading &r, RunRequest *request,
              int *skippedExitCode, QString *error)
{
    Filling f = filling(s, &request->warnings);
    shuffleIf(s.shuf, &records);
    const QList<Rpl> rpls = replacementStrings(s.rpl, s.plus);
    CommandTemplate tagTemplate = tagOf(s, rpls, f.counts.contextReplace);
    const CommandTemplate *tag = f.tag = tagging ? &tagTemplate : nullptr;
    const ResultsPath results(s.results, s.names, s.columnNames);
    const RemoteFilesPlan files(s.remote, s.names);
    CommandTemplate command = CommandTemplate::forCommand(words, s.names, !s.pipe.tee, rpls);
    command.setContextReplace(f.counts.contextReplace);
    if (s.quote)
        command.setQuoteWords();
    // One perl for the run, started by the first expression compiled (none: never started).
    const auto perl = std::make_shared<PerlEvaluator>();
    const int total = totalJobs(records.size(), f);
    if (!command.compilePerl(perl, total, r.slotCount, error)
        || (tag && !tagTemplate.compilePerl(perl, total, r.slotCount, error)))
        return false;
    if (r.splitColumns)
        splitAllColumns(&records, r.colsep);
    qsizetype perJob = f.counts.perJob > 0 ? f.counts.perJob : records.size();
    bool spread = !f.counts.spread;
    for (qsizetype first = 0, seq = 1; first < records.size(); ++seq) {
        qsizetype count = 0;
        if (!fit(records, first, std::min(perJob, records.size() - first), command, int(seq), f,
                 r.trim, &count, error))
            return stopAt(request, error);
        if (!spread && first + count == records.size()) {
            spread = true;
            if (count > 1) {
                perJob = (count + r.slotCount - 1) / r.slotCount;
                count = perJob;
            }
        }
        const QStringList args = flatArgs(records, first, count, f.counts.noArgs);
        // {%}: the job slot, which the scheduler gives as the job starts. A tag's is numbered
        // in turn (exact with -j1).
        const int slot = int((seq - 1) % r.slotCount) + 1;
        if (!s.results.isEmpty())
            request->resultsOut << results.forJob(records.mid(first, count), args, int(seq), slot,
                                                  r.trim);
        first += count;
        JobSpec spec = base;
        spec.shellCommand = command.expand(args, int(seq), slot, r.trim, &spec.slotAt);
        spec.values = args;
        spec.remoteFiles = files.forJob(args, int(seq), slot, r.trim);
        spec.environment << QStringLiteral("PARALLEL_SEQ=%1").arg(seq);
        if (tag)
            request->tags << tag->expand(args, int(seq), slot, r.trim);
        if (!perl->settle(s.dryRun, &spec, error))
            return false;
        request->jobs << spec;
    }
    *skippedExitCode = std::min(perl->skippedJobs(), 101);
    return true;
}

} // namespace procdeck::parallel
