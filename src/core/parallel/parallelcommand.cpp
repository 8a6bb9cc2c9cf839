#include "parallelcommand.h"

#include "parallelinput.h"
#include "paralleloptions.h"
#include "parallelsettings.h"
#include "paralleltemplate.h"
#include "types/rawbytes.h"

#include <QCommandLineParser>
#include <QFile>
#include <QIODevice>
#include <QRegularExpression>
#include <QThread>

#include <unistd.h>

namespace procdeck::parallelcommand {

using namespace procdeck::parallel;

namespace {

/// ProcDeck's own job options given with parallel's (--encoding, --grace, --export …), read by
/// the very code that reads them in ProcDeck's form, so that both check and mean the same.
bool readProcDeckOptions(const QStringList &procdeckArgs, JobSpec *base, RunRequest *request,
                         QString *error)
{
    QCommandLineParser parser;
    joboptions::addTo(parser);
    // A placeholder job, so that the settings meant for every job come back in one JobSpec.
    const QStringList argv = QStringList{QStringLiteral("procdeck")} + procdeckArgs
        + QStringList{QStringLiteral("--shell"), QStringLiteral("true")};
    if (!parser.parse(argv)) {
        *error = parser.errorText();
        return false;
    }
    RunRequest r;
    if (!joboptions::read(parser, &r, error))
        return false;
    Q_ASSERT(r.jobs.size() == 1);
    *base = r.jobs.first();
    base->shellCommand.clear();
    request->outputDir = r.outputDir;
    request->exportPath = r.exportPath;
    request->exportFormat = r.exportFormat;
    request->quiet = r.quiet;
    request->runOn = r.runOn;
    request->halt = r.halt;
    return true;
}

/// Bytes to values: split at the delimiter, -r's blank records dropped, NUL written as \0 as
/// parallel does (a NUL cannot be passed in an argument).
QStringList toValues(const QByteArray &bytes, const QByteArray &delimiter, bool noRunIfEmpty,
                     RunRequest *request)
{
    static const QRegularExpression blank(QStringLiteral(R"(^\s*$)"));
    QStringList values;
    for (QByteArray record : splitRecords(bytes, delimiter)) {
        if (record.indexOf('\0') > 0) {
            record.replace(QByteArray(1, '\0'), QByteArrayLiteral("\\0"));
            const QString warning = QStringLiteral(
                    "a NUL character in the input was replaced with \\0 (did you mean -0?)");
            if (!request->warnings.contains(warning))
                request->warnings << warning;
        }
        QString value = rawbytes::fromBytes(record);
        if (noRunIfEmpty && blank.match(value).hasMatch())
            continue;
        values << value;
    }
    return values;
}

/// How values are read and shaped, from the options: checked before any input is read.
struct Reading {
    QByteArray delimiter = "\n";
    bool splitColumns = false;
    QRegularExpression colsep;
    Trim trim = Trim::None;
    int slotCount = 1; ///< for {%}
};

bool settle(const Settings &s, Reading *r, int *maxParallel, QString *error)
{
    if (s.null)
        r->delimiter = QByteArray(1, '\0');
    if (s.hasDelimiter)
        // -d wins over -0, as in parallel.
        r->delimiter = rawbytes::toBytes(unquotePrintf(s.delimiter));
    r->splitColumns = s.hasColsep;
    r->colsep.setPattern(s.colsep);
    if (s.hasColsep && (!r->colsep.isValid() || s.colsep.isEmpty())) {
        *error = QStringLiteral("--colsep: not a regular expression: '%1'").arg(s.colsep);
        return false;
    }
    r->trim = s.hasColsep ? Trim::Both : Trim::None; // parallel trims columns unless told otherwise
    if (s.hasTrim) {
        static const QStringList names{QStringLiteral("n"), QStringLiteral("l"),
                                       QStringLiteral("r"), QStringLiteral("lr"),
                                       QStringLiteral("rl")};
        const qsizetype which = names.indexOf(s.trim);
        if (which < 0) {
            *error = QStringLiteral("--trim must be one of: n l r lr rl, not '%1'").arg(s.trim);
            return false;
        }
        r->trim = which == 0 ? Trim::None
                : which == 1 ? Trim::Left
                : which == 2 ? Trim::Right
                             : Trim::Both;
    }
    if (!s.jobs.isEmpty() && !readJobs(s.jobs, maxParallel, error))
        return false;
    r->slotCount = *maxParallel > 0 ? *maxParallel : QThread::idealThreadCount();
    return true;
}

/// The input sources in parallel's order: -a files, then each group after the command (`rest`),
/// standard input when there is none.
bool readSources(const QStringList &rest, const Settings &s, const Reading &r,
                 QIODevice *standardInput, RunRequest *request, QList<InputSource> *sources,
                 QString *error)
{
    QByteArray bytes;
    for (const QString &file : s.argFiles) {
        if (!readSource(file, standardInput, &bytes, error))
            return false;
        sources->append(InputSource{toValues(bytes, r.delimiter, s.noRunIfEmpty, request), false});
    }
    qsizetype i = 0;
    while (i < rest.size()) {
        const QString separator = rest.at(i++);
        QStringList group;
        while (i < rest.size() && !isSeparator(rest.at(i)))
            group << rest.at(i++);
        const bool linked = separator.endsWith(QLatin1Char('+'));
        if (separator.startsWith(QLatin1String("::::"))) {
            for (const QString &file : std::as_const(group)) {
                if (!readSource(file, standardInput, &bytes, error))
                    return false;
                sources->append(
                        InputSource{toValues(bytes, r.delimiter, s.noRunIfEmpty, request), linked});
            }
        } else {
            // parallel writes a group to a file with the delimiter after each value and reads
            // it back.
            bytes = joinValues(group, r.delimiter);
            sources->append(
                    InputSource{toValues(bytes, r.delimiter, s.noRunIfEmpty, request), linked});
        }
    }
    if (sources->isEmpty()) {
        if (!readSource(QStringLiteral("-"), standardInput, &bytes, error))
            return false;
        sources->append(InputSource{toValues(bytes, r.delimiter, s.noRunIfEmpty, request), false});
    }
    return true;
}

/// One job per `maxArgs` records (each record: one value per source, split in columns).
void makeJobs(QList<QStringList> records, const CommandTemplate &command,
              const CommandTemplate *tag, const JobSpec &base, int maxArgs, const Reading &r,
              RunRequest *request)
{
    if (r.splitColumns) {
        for (QStringList &record : records) {
            QStringList columns;
            for (const QString &value : std::as_const(record))
                columns += splitColumns(value, r.colsep);
            record = columns;
        }
    }
    for (qsizetype first = 0, seq = 1; first < records.size(); first += maxArgs, ++seq) {
        QStringList args;
        for (qsizetype k = first; k < std::min(records.size(), first + maxArgs); ++k)
            args += records.at(k);
        // {%}: the job slot, which the scheduler gives as the job starts. A tag's is numbered
        // in turn (exact with -j1).
        const int slot = int((seq - 1) % r.slotCount) + 1;
        JobSpec spec = base;
        spec.shellCommand = command.expand(args, int(seq), slot, r.trim, &spec.slotAt);
        spec.values = args;
        spec.environment << QStringLiteral("PARALLEL_SEQ=%1").arg(seq);
        request->jobs << spec;
        if (tag)
            request->tags << tag->expand(args, int(seq), slot, r.trim);
    }
}

/// The commands made: refused when one is too long to run; for --dry-run and --shellquote,
/// the text to print (quoted, tagged) instead of running them.
bool checkAndPrint(const Settings &s, const Reading &r, bool tagging, ParallelCommand *result,
                   QString *error)
{
    const RunRequest &request = result->request;
    QStringList commands;
    for (const JobSpec &job : std::as_const(request.jobs)) // printed slots: in turn
        commands << job.withSlot(int(commands.size() % r.slotCount) + 1).shellCommand;
    if (!commandsFit(commands, error))
        return false;
    if (!s.dryRun && s.shellQuote == 0)
        return true;
    result->printOnly = true;
    for (qsizetype j = 0; j < commands.size(); ++j) {
        for (int q = 0; !s.dryRun && q < s.shellQuote; ++q)
            commands[j] = quote(commands.at(j));
        if (tagging)
            commands[j].prepend(request.tags.at(j) + QLatin1Char('\t'));
        result->output += rawbytes::toBytes(commands.at(j)) + '\n';
    }
    return true;
}

} // namespace

bool parse(const QStringList &args, QIODevice *standardInput, ParallelCommand *out, QString *error)
{
    ParallelCommand result;
    RunRequest &request = result.request;
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    if (!readOptions(args, false, &options, &end, &doubleDash, error))
        return false;
    Settings s;
    for (const Option &o : std::as_const(options))
        if (!apply(o, &s, &result.frontEndArgs, error))
            return false;
    // Everything that can be wrong with the options is said before standard input is read.
    Reading reading;
    if (!settle(s, &reading, &request.maxParallel, error))
        return false;

    QStringList words; // the command, up to the first group of values or files
    qsizetype i = end;
    while (i < args.size() && !isSeparator(args.at(i)))
        words << args.at(i++);
    if (hasPerlExpression(words.join(QLatin1Char(' ')))
        || (s.hasTagString && hasPerlExpression(s.tagString))) {
        *error = QStringLiteral(
                "perl expressions {= … =} are not supported; use the shell in the command instead");
        return false;
    }
    JobSpec base;
    if (!readProcDeckOptions(s.procdeckArgs, &base, &request, error))
        return false;
    base.useShell = true;
    base.timeoutSeconds = s.timeout;

    // parallel's reading loop never looks at a lone separator at the very end (`echo :::`): it
    // then reads standard input, and so does ProcDeck.
    const QStringList rest = args.size() - i == 1 ? QStringList() : args.mid(i);
    QList<InputSource> sources;
    if (!readSources(rest, s, reading, standardInput, &request, &sources, error))
        return false;
    const bool tagging = s.tag || s.hasTagString;
    const CommandTemplate tag = CommandTemplate::forTag(
            s.hasTagString ? unquotePrintf(s.tagString) : s.whole, s.whole);
    makeJobs(combine(sources, s.linkAll), CommandTemplate::forCommand(words, s.whole),
             tagging ? &tag : nullptr, base, s.maxArgs, reading, &request);

    request.isBatch = true;
    request.keepOrder = s.keepOrder && !s.noKeepOrder;
    request.startDelaySeconds = s.delay;
    joboptions::setJobLog(s.jobLog, &request);
    if (!checkAndPrint(s, reading, tagging, &result, error))
        return false;
    *out = result;
    return true;
}

bool parseFromStandardInput(const QStringList &args, bool evenFromTerminal, ParallelCommand *out,
                            QString *error)
{
    QFile in;
    const bool reading
            = (evenFromTerminal || !::isatty(STDIN_FILENO)) && in.open(stdin, QIODevice::ReadOnly);
    return parse(args, reading ? &in : nullptr, out, error);
}

} // namespace procdeck::parallelcommand
