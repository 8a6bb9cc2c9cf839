#include "paralleltemplate.h"

#include <algorithm>

namespace procdeck::parallel {

namespace {

/// Stands for {%} in a word until it is quoted: not a character quote() leaves bare, so a word
/// holding it is quoted only when it would be with a number there.
constexpr QChar kSlotMark(0xE000);

/// One word quoted as parallel's Q() would quote it with the slot's number in place of the marks.
QString quoteWord(const QString &word)
{
    QString withNumber = word;
    withNumber.replace(kSlotMark, QLatin1Char('1'));
    return quote(withNumber) == withNumber ? word : quote(word);
}

/// The marks made `{%}` again, where the scheduler puts the slot (JobSpec::slotAt).
QString withSlots(QString out, QList<qsizetype> *slotAt)
{
    for (qsizetype at = out.indexOf(kSlotMark); at >= 0; at = out.indexOf(kSlotMark, at)) {
        *slotAt << at;
        out.replace(at, 1, QStringLiteral("{%}"));
    }
    return out;
}

} // namespace

/// The words made so far, and the one being made, quoted whole when it ends.
struct CommandTemplate::QuotedLine {
    QStringList words;
    QString group;
    bool any = false; // a word with nothing in it at all (-n0's {}) is left out, not ''

    void flush()
    {
        if (any)
            words << quoteWord(group);
        group.clear();
        any = false;
    }
};

void CommandTemplate::quotedPiece(const Piece &p, const QStringList &args, const QString *arg,
                                  const Expansion &e, QuotedLine *line) const
{
    const bool numbered = p.kind == Kind::Seq || p.kind == Kind::Slot;
    line->any = line->any || !p.isReplacement || !args.isEmpty() || numbered;
    if (!p.isReplacement)
        line->group += p.literal;
    else if (p.kind == Kind::Slot && e.markSlot)
        line->group += kSlotMark;
    else
        replace(p, args, arg, e.seq, e.slot, e.trim, &line->group, nullptr);
}

void CommandTemplate::quotedCopies(const QList<const Piece *> &group, const QStringList &args,
                                   const Expansion &e, QuotedLine *line) const
{
    // -X, -N: as expandGroup, a group with {} or its kin once per value, each copy a word of
    // its own but the first, which goes on the word it is part of.
    const bool replaces = std::any_of(group.cbegin(), group.cend(),
                                      [](const Piece *p) { return p->isReplacement; });
    const qsizetype copies = replaces ? std::max<qsizetype>(args.size(), 1) : 1;
    for (qsizetype i = 0; i < copies; ++i) {
        if (i > 0)
            line->flush();
        bool perValue = false;
        for (const Piece *p : group) {
            perValue = perValue
                    || (p->isReplacement && p->position == 0 && p->kind != Kind::Seq
                        && p->kind != Kind::Slot);
            quotedPiece(*p, args, args.isEmpty() ? nullptr : &args.at(i), e, line);
        }
        if (!perValue)
            break;
    }
}

QString CommandTemplate::expandQuotedWords(const QStringList &args, int seq, int slot, Trim trim,
                                           QList<qsizetype> *slotAt) const
{
    // parallel's replace_placeholders with $quote: values replaced bare into the words as given,
    // each run between two words (or two values of one {}) then quoted as one.
    const Expansion e{seq, slot, trim, slotAt != nullptr};
    QuotedLine line;
    QList<const Piece *> group; // -X's: a run between spaces and tabs
    for (const Piece &p : m_pieces) {
        const bool space = !p.isReplacement && p.literal == QLatin1String(" ");
        const bool tab = !p.isReplacement && p.literal == QLatin1String("\t");
        if (m_context && !space && !tab) {
            group << &p;
            continue;
        }
        if (m_context) {
            quotedCopies(group, args, e, &line);
            group.clear();
        }
        if (p.wordEnd) {
            line.flush();
        } else if (m_context && tab) {
            group << &p; // as in expand(): a tab starts the next run
        } else if (p.isReplacement && p.position == 0 && p.kind != Kind::Seq
                   && p.kind != Kind::Slot) {
            for (qsizetype i = 0; i < args.size(); ++i) {
                if (i > 0)
                    line.flush();
                quotedPiece(p, args, &args.at(i), e, &line);
            }
        } else {
            quotedPiece(p, args, nullptr, e, &line);
        }
    }
    quotedCopies(group, args, e, &line);
    line.flush();
    return withSlots(line.words.join(QLatin1Char(' ')), slotAt);
}

} // namespace procdeck::parallel
