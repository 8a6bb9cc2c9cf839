#include "parallelsettings.h"

namespace procdeck::parallel {

namespace {

/// The options whose value is checked: -I, -n, --delay, --timeout.
bool applyChecked(const Option &o, Settings *s, QString *error)
{
    switch (o.id) {
    case OptionId::ReplaceString:
        if (o.value.isEmpty()) {
            *error = QStringLiteral("-I needs a replacement string");
            return false;
        }
        s->whole = o.value;
        return true;
    case OptionId::MaxArgs: {
        bool ok = false;
        s->maxArgs = o.value.toInt(&ok);
        if (!ok || s->maxArgs < 1) {
            *error = QStringLiteral("%1: expected a whole number of arguments from 1, not '%2'")
                             .arg(o.spelling, o.value);
            return false;
        }
        return true;
    }
    case OptionId::Delay:
        if (!readDuration(o.value, &s->delay)) {
            *error = QStringLiteral("--delay: not a duration: '%1' (seconds, or 1m30s)")
                             .arg(o.value);
            return false;
        }
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

} // namespace

bool apply(const Option &o, Settings *s, QStringList *frontEnd, QString *error)
{
    switch (o.id) {
    case OptionId::Jobs: s->jobs = o.value; break;
    case OptionId::KeepOrder: s->keepOrder = true; break;
    case OptionId::NoKeepOrder: s->noKeepOrder = true; break;
    case OptionId::Tag: s->tag = true; break;
    case OptionId::TagString: s->tagString = o.value; s->hasTagString = true; break;
    case OptionId::DryRun: s->dryRun = true; break;
    case OptionId::ShellQuote: ++s->shellQuote; break;
    case OptionId::Null: s->null = true; break;
    case OptionId::Delimiter: s->delimiter = o.value; s->hasDelimiter = true; break;
    case OptionId::ArgFile: s->argFiles << o.value; break;
    case OptionId::Colsep: s->colsep = o.value; s->hasColsep = true; break;
    case OptionId::Trim: s->trim = o.value; s->hasTrim = true; break;
    case OptionId::NoRunIfEmpty: s->noRunIfEmpty = true; break;
    case OptionId::Link: s->linkAll = true; break;
    case OptionId::JobLog: s->jobLog = o.value; break;
    case OptionId::Ignored: break;
    case OptionId::ReplaceString:
    case OptionId::MaxArgs:
    case OptionId::Delay:
    case OptionId::Timeout:
        return applyChecked(o, s, error);
    case OptionId::Env:
        // KEY=VALUE is ProcDeck's --env; a bare name is parallel's "copy this variable to remote
        // hosts", which changes nothing for jobs that inherit the environment here.
        if (o.value.contains(QLatin1Char('=')))
            s->procdeckArgs << QStringLiteral("--env") << o.value;
        break;
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
    }
    return true;
}

} // namespace procdeck::parallel
