#include "paralleltemplate.h"

#include "perlevaluator.h"

#include <QRegularExpression>

#include <algorithm>

namespace procdeck::parallel {

namespace {

/// --plus's replacement strings: GNU parallel 20221122's, each a name (a regular expression
/// whose groups are $$1, $$2 in the perl) and the perl that makes $_ from the value.
struct Definition {
    const char *name;
    const char *perl;
};
const Definition kPlus[] = {
    // The parts of a path: {} = {+/}/{/} = {.}.{+.} = {..}.{+..} = {...}.{+...}
    {"{+/}", "s:/[^/]*$:: || s:.*$::"},
    {"{+.}", "s:.*\\.:: || s:.*$::"},
    {"{+..}", "s:.*\\.([^/.]*\\.[^/.]*)$:$1: || s:.*$::"},
    {"{+...}", "s:.*\\.([^/.]*\\.[^/.]*\\.[^/.]*)$:$1: || s:.*$::"},
    {"{..}", "s:\\.[^/.]*\\.[^/.]*$::"},
    {"{...}", "s:\\.[^/.]*\\.[^/.]*\\.[^/.]*$::"},
    {"{/..}", "s:.*/::; s:\\.[^/.]*\\.[^/.]*$::"},
    {"{/...}", "s:.*/::; s:\\.[^/.]*\\.[^/.]*\\.[^/.]*$::"},
    // Jobs skipped unless their values are in order, or all different.
    {"{choose_k}", "for $t (2..$#arg) { if ($arg[$t-1] ge $arg[$t]) { skip() } }"},
    {"{uniq}", "if (::uniq(@arg) != @arg) { skip(); }"},
    // The number of jobs; the slot and the job's number padded with zeros to their widths.
    {"{##}", "1 $_ = total_jobs()"},
    {"{0%}", "1 $f = 1 + int(log($Global::max_jobs_running || 1) / log(10));"
             "$_ = sprintf(\"%0${f}d\", slot())"},
    {"{0#}", "1 $f = 1 + int(log(total_jobs()) / log(10)); $_ = sprintf(\"%0${f}d\", seq())"},
    // bash's ${a:-default} ${a:2} ${a:2:3}
    {"{:-([^}]+?)}", "$_ ||= $$1"},
    {"{:(\\d+?)}", "substr($_, 0, $$1) = \"\""},
    {"{:(\\d+?):(\\d+?)}", "$_ = substr($_, $$1, $$2);"},
    // bash's ${a#re} ${a##re} ${a%re} ${a%%re}: the shortest or the longest match taken off
    {"{#([^#}][^}]*?)}", "$nongreedy = ::make_regexp_ungreedy($$1); s/^$nongreedy(.*)/$1/;"},
    {"{##([^#}][^}]*?)}", "s/^$$1//;"},
    {"{%([^}]+?)}", "$nongreedy = ::make_regexp_ungreedy($$1); s/(.*)$nongreedy$/$1/;"},
    {"{%%([^}]+?)}", "s/$$1$//;"},
    // bash's ${a/re/new} ${a/#re/new} ${a/%re/new} ${a//re/new}
    {"{/([^#%}/]+?)/([^}]*?)}", "s/$$1/$$2/;"},
    {"{/#([^}]+?)/([^}]*?)}", "s/^$$1/$$2/g;"},
    {"{/%([^}]+?)/([^}]*?)}", "s/$$1$/$$2/g;"},
    {"{//([^}]+?)/([^}]*?)}", "s/$$1/$$2/g;"},
    // bash's ${a^re} ${a^^re} ${a,re} ${a,,re}
    {"{^([^}]+?)}", "s/^($$1)/uc($1)/e;"},
    {"{^^([^}]+?)}", "s/($$1)/uc($1)/eg;"},
    {"{,([^}]+?)}", "s/^($$1)/lc($1)/e;"},
    {"{,,([^}]+?)}", "s/($$1)/lc($1)/eg;"},
    // Variables the shell gives each job.
    {"{slot}", "1 $_ = \"\\${PARALLEL_JOBSLOT}\"; uq()"},
    {"{host}", "1 $_ = \"\\${PARALLEL_SSHHOST}\"; uq()"},
    {"{sshlogin}", "1 $_ = \"\\${PARALLEL_SSHLOGIN}\"; uq()"},
    {"{hgrp}", "1 $_ = \"\\${PARALLEL_HOSTGROUPS}\"; uq()"},
    {"{agrp}", "1 $_ = \"\\${PARALLEL_ARGHOSTGROUPS}\"; uq()"},
};

/// perl's quotemeta-free quoting for a "…" string (parallel's perl_quote_scalar).
QString perlQuoted(QString text)
{
    static const QRegularExpression special(QStringLiteral(R"(([\\"$@]))"));
    return text.replace(special, QStringLiteral("\\\\1"));
}

/// parallel's merge_rpl_parts: words of a {= … =} split by the shell (`{=` `s/a/b/` `=}`) are
/// joined again with spaces, up to the word that closes it.
QStringList mergePerlWords(const QStringList &words)
{
    static const QRegularExpression closed(QStringLiteral(R"((.*)\{=.*?=\})"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const auto opens = [](QString text) {
        for (QString before; before != text;) {
            before = text;
            text.replace(closed, QStringLiteral("\\1"));
        }
        return text.contains(QLatin1String("{="));
    };
    QStringList out;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString word = words.at(i);
        while (opens(word) && i + 1 < words.size())
            word += QLatin1Char(' ') + words.at(++i);
        out << word;
    }
    return out;
}

/// One pass of a replacement string over the text outside the marked expressions: each match
/// becomes a marked expression, its groups given to the perl as $$1, $$2 ….
void markOne(QString *text, const QRegularExpression &re, const QString &perl, bool positional)
{
    static const QRegularExpression groupRef(QStringLiteral(R"(\$\$(\d+))"));
    QString code = perl;
    code.replace(groupRef, QStringLiteral("$_pAr_gRp\\1"));
    for (qsizetype from = 0;;) {
        const qsizetype open = text->indexOf(kPerlOpen, from);
        const qsizetype end = open < 0 ? text->size() : open;
        const QRegularExpressionMatch m = re.match(text->left(end), from);
        if (!m.hasMatch()) {
            if (open < 0)
                return;
            from = text->indexOf(kPerlClose, open);
            if (from < 0)
                return;
            continue;
        }
        QString setGroups;
        const int first = positional ? 2 : 1;
        for (int g = first; g <= m.lastCapturedIndex() && m.capturedStart(g) >= 0; ++g)
            setGroups += QStringLiteral("$_pAr_gRp%1 = \"%2\";")
                                 .arg(g - first + 1)
                                 .arg(perlQuoted(m.captured(g)));
        const QString marked = kPerlOpen + (positional ? m.captured(1) : QString()) + setGroups
                + code + kPerlClose;
        text->replace(m.capturedStart(), m.capturedLength(), marked);
        from = m.capturedStart() + marked.size();
    }
}

} // namespace

QList<Rpl> replacementStrings(const QStringList &rpl, bool plus)
{
    QList<Rpl> given;
    static const QRegularExpression space(QStringLiteral(R"(\s)"));
    for (const QString &r : rpl) {
        // parallel's split(/\s/, $_, 2): the name up to the first white space, the perl after.
        const qsizetype at = r.indexOf(space);
        given << Rpl{r.left(at < 0 ? r.size() : at), at < 0 ? QString() : r.mid(at + 1)};
    }
    const auto givenLater = [&](const QString &name, qsizetype after) {
        return std::any_of(given.cbegin() + after, given.cend(),
                           [&](const Rpl &g) { return g.name == name; });
    };
    QList<Rpl> out;
    for (const Definition &d : kPlus)
        if (plus && !givenLater(QString::fromLatin1(d.name), 0))
            out << Rpl{QString::fromLatin1(d.name), QString::fromLatin1(d.perl)};
    for (qsizetype i = 0; i < given.size(); ++i)
        if (!givenLater(given.at(i).name, i + 1))
            out << given.at(i);
    return out;
}

QStringList markPerl(const QStringList &words, const QList<Rpl> &rpls)
{
    QStringList out = mergePerlWords(words);
    // {= … =} first, the innermost when they nest ({={==}=}); then the replacement strings,
    // the longest first (a short one may be part of a long one), never inside an expression.
    static const QRegularExpression expression(QStringLiteral(R"(\{=((?:(?!\{=|=\}).)*?)=\})"),
                                               QRegularExpression::DotMatchesEverythingOption);
    QList<Rpl> sorted = rpls;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Rpl &a, const Rpl &b) {
        return a.name.size() > b.name.size();
    });
    static const QRegularExpression parts(QStringLiteral(R"(^([^(]*)(\(.*\))?([^)]*)$)"),
                                          QRegularExpression::DotMatchesEverythingOption);
    for (QString &word : out) {
        word.replace(expression, kPerlOpen + QStringLiteral("\\1") + kPerlClose);
        for (const Rpl &rpl : std::as_const(sorted)) {
            const QRegularExpressionMatch p = parts.match(rpl.name);
            if (!p.hasMatch())
                continue;
            const auto options = QRegularExpression::ExtendedPatternSyntaxOption
                    | QRegularExpression::DotMatchesEverythingOption;
            const QString prefix = p.captured(1);
            const QString rest = p.captured(2) + QRegularExpression::escape(p.captured(3));
            markOne(&word, QRegularExpression(QRegularExpression::escape(prefix) + rest, options),
                    rpl.perl, false);
            if (prefix.startsWith(QLatin1Char('{')))
                markOne(&word,
                        QRegularExpression(QStringLiteral(R"(\{(-?\d+)\s*)")
                                                   + QRegularExpression::escape(prefix.mid(1))
                                                   + rest,
                                           options),
                        rpl.perl, true);
        }
    }
    return out;
}

} // namespace procdeck::parallel

namespace procdeck::parallel {

CommandTemplate::Piece CommandTemplate::perlPiece(const QString &marked)
{
    // parallel's \257<(-?\d+)?(.*)\257>: a leading number that is true to perl is a position;
    // the expression is what follows, its leading spaces dropped.
    static const QRegularExpression position(QStringLiteral(R"(^(-?\d+)? *)"));
    const QRegularExpressionMatch m = position.match(marked);
    Piece p;
    p.isReplacement = true;
    p.kind = Kind::Perl;
    const QString number = m.captured(1);
    p.position = number.isEmpty() || number == QLatin1String("0") ? 0 : number.toInt();
    p.perl = marked.mid(m.capturedLength());
    return p;
}

bool CommandTemplate::hasPerl() const
{
    return std::any_of(m_pieces.cbegin(), m_pieces.cend(),
                       [](const Piece &p) { return p.kind == Kind::Perl; });
}

bool CommandTemplate::compilePerl(const std::shared_ptr<PerlEvaluator> &perl, int totalJobs,
                                  int slotCount, QString *error)
{
    m_totalJobs = totalJobs;
    m_slots = slotCount;
    for (Piece &p : m_pieces) {
        if (p.kind != Kind::Perl)
            continue;
        p.perlId = perl->compile(p.perl, error);
        if (p.perlId < 0)
            return false;
        m_perl = perl;
    }
    return true;
}

QString CommandTemplate::noArgPerl(const Piece &p, int seq, int slot, Trim trim) const
{
    const QString noArg = QChar(0) + QStringLiteral("noarg");
    const QString v = perlValue(p, {noArg}, 0, seq, slot, trim);
    return v == noArg || v == quote(noArg) ? QString() : v;
}

QString CommandTemplate::perlValue(const Piece &p, const QStringList &args, qsizetype index,
                                   int seq, int slot, Trim trim) const
{
    PerlEvaluator::Result result;
    if (!m_perl || p.perlId < 0)
        return QString(); // not compiled: perl's errors are the evaluator's (error())
    PerlEvaluator::Job job;
    job.seq = seq;
    job.slot = slot;
    job.total = m_totalJobs;
    job.maxJobsRunning = m_slots;
    job.args = args;
    if (!m_perl->evaluate(p.perlId, trimmed(args.at(index), trim), int(index), job, &result))
        return QString();
    return m_quote && !m_quoteWords && !result.unquote ? quote(result.text) : result.text;
}

} // namespace procdeck::parallel
