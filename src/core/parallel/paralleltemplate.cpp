#include "paralleltemplate.h"

#include <algorithm>
#include <utility>

namespace procdeck::parallel {

namespace {

// parallel's replacement strings are perl expressions over bytes. They are done here by hand, not
// with QRegularExpression: a value's bytes that are not UTF-8 are lone surrogates in the QString
// (rawbytes), which a regular expression never matches, while perl handles them as any byte.

bool isAsciiDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

/// perl's \s: space, \t, \n, \v, \f, \r.
bool isPerlSpace(QChar c)
{
    return c == QLatin1Char(' ') || (c.unicode() >= 9 && c.unicode() <= 13);
}

/// The length of the replacement string starting at `at`, or 0 when none starts there: one of
/// `names` (its index in *which; the longest first, as parallel tries them), or, for those
/// `positional` says and whose name starts with '{', its positional form: {n} {n.} {n/} … with
/// n from 1 or negative, perl's white space allowed after n (parallel's {1x} for -I {x}).
qsizetype matchReplacement(const QString &text, qsizetype at, const QStringList &names,
                           const QList<bool> &positional, int *position, qsizetype *which)
{
    const QStringView rest = QStringView(text).mid(at);
    // {n: the digits (an optional '-' first) and the white space after them.
    qsizetype afterNumber = 0;
    int number = 0;
    if (rest.startsWith(QLatin1Char('{'))) {
        qsizetype i = 1 + (rest.size() > 1 && rest.at(1) == QLatin1Char('-') ? 1 : 0);
        const qsizetype digitsStart = i;
        while (i < rest.size() && isAsciiDigit(rest.at(i)))
            ++i;
        if (i > digitsStart) {
            number = rest.mid(1, i - 1).toInt();
            while (i < rest.size() && isPerlSpace(rest.at(i)))
                ++i;
            afterNumber = i;
        }
    }
    for (qsizetype k = 0; k < names.size(); ++k) {
        const QString &name = names.at(k);
        if (!name.isEmpty() && rest.startsWith(name)) {
            *position = 0;
            *which = k;
            return name.size();
        }
        if (afterNumber > 0 && positional.at(k) && name.startsWith(QLatin1Char('{'))
            && rest.mid(afterNumber).startsWith(QStringView(name).mid(1))) {
            *position = number;
            *which = k;
            return afterNumber + name.size() - 1;
        }
    }
    return 0;
}

} // namespace

QString trimmed(const QString &value, Trim trim)
{
    if (trim == Trim::None)
        return value;
    qsizetype begin = 0;
    qsizetype end = value.size();
    if (trim == Trim::Left || trim == Trim::Both)
        while (begin < end && isPerlSpace(value.at(begin)))
            ++begin;
    if (trim == Trim::Right || trim == Trim::Both)
        while (end > begin && isPerlSpace(value.at(end - 1)))
            --end;
    return value.mid(begin, end - begin);
}

QString quote(const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("''");
    const auto safe = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || isAsciiDigit(c)
                || QStringView(u"-_.+/").contains(c);
    };
    if (std::all_of(value.cbegin(), value.cend(), safe))
        return value;
    QString quoted = QLatin1Char('\'')
            + QString(value).replace(QLatin1Char('\''), QLatin1String("'\"'\"'"))
            + QLatin1Char('\'');
    // parallel drops the '' an edge quote leaves behind ("'a" → "'"'a').
    if (quoted.startsWith(QLatin1String("''")))
        quoted.remove(0, 2);
    if (quoted.endsWith(QLatin1String("''")))
        quoted.chop(2);
    return quoted;
}

void CommandTemplate::appendLiteral(QList<Piece> *pieces, const QString &text)
{
    // Each space and tab a piece of its own: they end the words -X copies (expand).
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text.at(i) != QLatin1Char(' ') && text.at(i) != QLatin1Char('\t'))
            continue;
        if (i > start)
            pieces->append(Piece{text.mid(start, i - start)});
        if (i < text.size())
            pieces->append(Piece{text.mid(i, 1)});
        start = i + 1;
    }
}

QList<CommandTemplate::Piece> CommandTemplate::split(const QString &text,
                                                    const ReplacementNames &names)
{
    // The longest first; {#} and {%} have no positional forms.
    QList<std::pair<QString, Kind>> byLength{
            {names.whole, Kind::Whole},       {names.noExtension, Kind::NoExtension},
            {names.basename, Kind::Basename}, {names.dirname, Kind::Dirname},
            {names.basenameNoExtension, Kind::BasenameNoExtension},
            {names.seq, Kind::Seq},           {names.slot, Kind::Slot}};
    std::stable_sort(byLength.begin(), byLength.end(),
                     [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    QStringList named;
    QList<bool> positional;
    for (const auto &[name, kind] : std::as_const(byLength)) {
        named << name;
        positional << (kind != Kind::Seq && kind != Kind::Slot);
    }
    QList<Piece> pieces;
    qsizetype literalStart = 0;
    for (qsizetype at = 0; at < text.size();) {
        Piece p;
        if (text.at(at) == kPerlOpen) {
            const qsizetype close = text.indexOf(kPerlClose, at);
            if (at > literalStart)
                appendLiteral(&pieces, text.mid(literalStart, at - literalStart));
            pieces.append(perlPiece(text.mid(at + 1, close - at - 1)));
            at = close + 1;
            literalStart = at;
            continue;
        }
        qsizetype which = 0;
        const qsizetype length
                = matchReplacement(text, at, named, positional, &p.position, &which);
        if (length == 0) {
            ++at;
            continue;
        }
        if (at > literalStart)
            appendLiteral(&pieces, text.mid(literalStart, at - literalStart));
        p.isReplacement = true; // a position of 0 is false to perl: {0} is the whole list, like {}
        p.kind = byLength.at(which).second;
        pieces.append(p);
        at += length;
        literalStart = at;
    }
    if (literalStart < text.size())
        appendLiteral(&pieces, text.mid(literalStart));
    return pieces;
}

CommandTemplate CommandTemplate::forCommand(const QStringList &given,
                                            const ReplacementNames &names, bool appendValues,
                                            const QList<Rpl> &rpls)
{
    CommandTemplate t;
    const QStringList words = markPerl(given, rpls);
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (i > 0) {
            Piece between{QStringLiteral(" ")};
            between.wordEnd = true;
            t.m_pieces.append(between);
        }
        if (words.at(i).isEmpty())
            t.m_pieces.append(Piece{}); // an empty word is still one: -q quotes it as ''
        t.m_pieces += split(words.at(i), names);
    }
    const auto firstReplacement = std::find_if(t.m_pieces.cbegin(), t.m_pieces.cend(),
                                               [](const Piece &p) { return p.isReplacement; });
    if (firstReplacement == t.m_pieces.cend() && appendValues) {
        if (!t.m_pieces.isEmpty()) {
            Piece between{QStringLiteral(" ")};
            between.wordEnd = true; // the {} is a word of its own
            t.m_pieces.append(between);
        }
        Piece appended;
        appended.isReplacement = true;
        appended.appended = true;
        t.m_pieces.append(appended);
    }
    // parallel leaves values bare when a replacement string is (part of) the command itself,
    // before any space, tab, newline or '=': `{}` or `{}.sh` run the value as a command.
    QString before;
    for (const Piece &p : std::as_const(t.m_pieces)) {
        if (p.isReplacement)
            break;
        before += p.literal;
    }
    t.m_quote = std::any_of(before.cbegin(), before.cend(),
                            [](QChar c) { return QStringView(u" \t\n=").contains(c); });
    return t;
}

CommandTemplate CommandTemplate::forTag(const QString &text, const ReplacementNames &names,
                                        const QList<Rpl> &rpls)
{
    CommandTemplate t;
    t.m_pieces = split(markPerl({text}, rpls).constFirst(), names);
    t.m_quote = false;
    return t;
}

void CommandTemplate::replace(const Piece &p, const QStringList &args, const QString *arg,
                              int seq, int slot, Trim trim, QString *out,
                              QList<qsizetype> *slotAt) const
{
    if (p.kind == Kind::Slot && slotAt) {
        *slotAt << out->size();
        *out += QLatin1String("{%}");
    } else if (p.kind == Kind::Seq || p.kind == Kind::Slot) {
        *out += value(p.kind, QString(), seq, slot, trim); // one number, however many values
    } else if (args.isEmpty()) {
        // -n0: parallel's "\0noarg", replaced by nothing — unless perl made something else of it.
        if (p.kind == Kind::Perl)
            *out += noArgPerl(p, seq, slot, trim);
    } else if (p.position != 0) {
        const qsizetype index = p.position > 0 ? p.position - 1 : args.size() + p.position;
        if (index >= 0 && index < args.size())
            *out += one(p, args, index, seq, slot, trim);
        // A position past the values gives nothing at all, not '' (parallel's "{3}" of two).
    } else if (arg) {
        *out += one(p, args, arg - args.constData(), seq, slot, trim);
    } else {
        for (qsizetype i = 0; i < args.size(); ++i) {
            if (i > 0)
                *out += QLatin1Char(' ');
            *out += one(p, args, i, seq, slot, trim);
        }
    }
}

void CommandTemplate::expandGroup(const QList<const Piece *> &group, const QStringList &args,
                                  int seq, int slot, Trim trim, QString *out,
                                  QList<qsizetype> *slotAt) const
{
    const bool replaces = std::any_of(group.cbegin(), group.cend(),
                                      [](const Piece *p) { return p->isReplacement; });
    // parallel copies a word with a replacement string once per value, and stops after the
    // first copy when none of them is {} or its kin ({1}, {#} and {%} are positional to it).
    const qsizetype copies = replaces ? std::max<qsizetype>(args.size(), 1) : 1;
    for (qsizetype i = 0; i < copies; ++i) {
        if (i > 0)
            *out += QLatin1Char(' ');
        bool perValue = false;
        for (const Piece *p : group) {
            if (!p->isReplacement) {
                *out += p->literal;
                continue;
            }
            perValue = perValue
                    || (p->position == 0 && p->kind != Kind::Seq && p->kind != Kind::Slot);
            replace(*p, args, args.isEmpty() ? nullptr : &args.at(i), seq, slot, trim, out,
                    slotAt);
        }
        if (!perValue)
            break;
    }
}

QString CommandTemplate::expand(const QStringList &args, int seq, int slot, Trim trim,
                                QList<qsizetype> *slotAt) const
{
    if (m_quoteWords)
        return expandQuotedWords(args, seq, slot, trim, slotAt);
    QString out;
    if (!m_context) {
        for (const Piece &p : m_pieces) {
            if (p.isReplacement)
                replace(p, args, nullptr, seq, slot, trim, &out, slotAt);
            else
                out += p.literal;
        }
        return out;
    }
    // Words: runs of pieces between spaces and tabs, which split() keeps as pieces of their own.
    // As in parallel, a tab ends a word and starts the next, copied with it.
    QList<const Piece *> group;
    for (const Piece &p : m_pieces) {
        const bool space = !p.isReplacement && p.literal == QLatin1String(" ");
        const bool tab = !p.isReplacement && p.literal == QLatin1String("\t");
        if (!space && !tab) {
            group << &p;
            continue;
        }
        expandGroup(group, args, seq, slot, trim, &out, slotAt);
        group.clear();
        if (tab)
            group << &p;
        else
            out += p.literal;
    }
    expandGroup(group, args, seq, slot, trim, &out, slotAt);
    return out;
}

} // namespace procdeck::parallel
