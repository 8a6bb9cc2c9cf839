// Which of the two command lines a front end was given: GNU parallel's or ProcDeck's own.
#include "parallelcommand.h"

#include "paralleloptions.h"

#include <algorithm>

namespace procdeck::parallelcommand {

using namespace procdeck::parallel;

namespace {

/// Options only, no command: parallel then runs each input line as a command (`cat cmds |
/// parallel -j4 -k`, `parallel -a cmds`) — unless one of them is ProcDeck's way to give jobs, or
/// asks for help or the version, which read no input.
bool commandsComeAsInput(const QList<Option> &options, bool inputIsNotATerminal)
{
    bool fromFile = false;
    for (const Option &o : options) {
        if (o.id == OptionId::Conflicting
            || (o.id == OptionId::FrontEnd
                && (o.canonical == QLatin1String("help")
                    || o.canonical == QLatin1String("version"))))
            return false;
        fromFile = fromFile || o.id == OptionId::ArgFile
                || o.id == OptionId::Semaphore; // its one command, or --wait's `true`
    }
    return fromFile || inputIsNotATerminal;
}

/// An option of parallel's that ProcDeck's own form does not have (-k, --tag …).
bool isParallelsOwn(const Option &o)
{
    return o.id != OptionId::Jobs && o.id != OptionId::Timeout && o.id != OptionId::JobLog
            && o.id != OptionId::Env && o.id != OptionId::ProcDeck
            && o.id != OptionId::Conflicting && o.id != OptionId::FrontEnd;
}

} // namespace

bool isParallelForm(const QStringList &args, bool inputIsNotATerminal)
{
    for (const QString &a : args) {
        if (a == QLatin1String("--"))
            break;
        if (isSeparator(a))
            return true;
    }
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    QString error;
    if (!readOptions(args, true, &options, &end, &doubleDash, &error))
        return false; // a missing value: ProcDeck's own parser says so
    if (doubleDash) {
        // `-- PROGRAM` is ProcDeck's, unless parallel's own options come first (-k -- echo ::: a),
        // which ProcDeck's form would refuse anyway.
        return std::any_of(options.cbegin(), options.cend(), isParallelsOwn);
    }
    if (end == args.size())
        return commandsComeAsInput(options, inputIsNotATerminal);
    // An option neither knows after one of parallel's own (-k -Q): parallel's reader names it,
    // where ProcDeck's would name every option before it too.
    return !args.at(end).startsWith(QLatin1Char('-'))
            || std::any_of(options.cbegin(), options.cend(), isParallelsOwn);
}

} // namespace procdeck::parallelcommand
