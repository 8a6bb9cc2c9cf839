#include "paralleltemplate.h"

#include <QRegularExpression>

#include <algorithm>

namespace procdeck::parallel {

namespace {

// Perl's regex semantics, which parallel's replacement strings are written in, are PCRE's: '.'
// stops at a newline and '$' also matches before a final newline, as QRegularExpression does.
const QRegularExpression &replacementPattern()
{
    // {n…}: a position with an optional suffix; {…}: a suffix alone, or # or %. Longest first.
    static const QRegularExpression re(QStringLiteral(R"(\{(?:(-?\d+)\s*(//|/\.|/|\.)?|(//|/\.|/|\.|#|%)?)\})"));
    return re;
}

/// perl's s/pattern// (the first match only, as parallel's expressions have no /g).
QString removeFirst(const QString &text, const QRegularExpression &pattern)
{
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return text;
    QString out = text;
    out.remove(m.capturedStart(), m.capturedLength());
    return out;
}

QString withoutExtension(const QString &text)
{
    static const QRegularExpression ext(QStringLiteral(R"(\.[^/.]*$)"));
    return removeFirst(text, ext);
}

QString withoutDirectory(const QString &text)
{
    static const QRegularExpression dir(QStringLiteral(".*/"));
    return removeFirst(text, dir);
}

/// perl's File::Basename::fileparse: everything up to the last slash ("./" when none), the rest.
void fileparse(const QString &path, QString *dir, QString *base)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    *dir = slash < 0 ? QStringLiteral("./") : path.left(slash + 1);
    *base = path.mid(slash + 1);
}

/// perl's _strip_trailing_sep: trailing slashes go, but never the first character.
void stripTrailingSlashes(QString *dir)
{
    while (dir->size() > 1 && dir->endsWith(QLatin1Char('/')))
        dir->chop(1);
}

/// {//}: perl's File::Basename::dirname, which parallel calls ("a/" gives ".", "/x" gives "/").
QString perlDirname(const QString &path)
{
    QString dir;
    QString base;
    fileparse(path, &dir, &base);
    stripTrailingSlashes(&dir);
    if (base.isEmpty()) {
        fileparse(dir, &dir, &base);
        stripTrailingSlashes(&dir);
    }
    return dir;
}

QString trimmed(const QString &value, Trim trim)
{
    // perl's \s: space, \t, \n, \v, \f, \r.
    const auto isSpace = [](QChar c) { return c == QLatin1Char(' ') || (c.unicode() >= 9 && c.unicode() <= 13); };
    qsizetype begin = 0;
    qsizetype end = value.size();
    if (trim == Trim::Left || trim == Trim::Both)
        while (begin < end && isSpace(value.at(begin)))
            ++begin;
    if (trim == Trim::Right || trim == Trim::Both)
        while (end > begin && isSpace(value.at(end - 1)))
            --end;
    return value.mid(begin, end - begin);
}

} // namespace

QString quote(const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("''");
    static const QRegularExpression unsafe(QStringLiteral("[^-_.+a-zA-Z0-9/]"));
    if (!unsafe.match(value).hasMatch())
        return value;
    QString quoted = QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QLatin1String("'\"'\"'"))
        + QLatin1Char('\'');
    // parallel drops the '' an edge quote leaves behind ("'a" → "'"'a').
    if (quoted.startsWith(QLatin1String("''")))
        quoted.remove(0, 2);
    if (quoted.endsWith(QLatin1String("''")))
        quoted.chop(2);
    return quoted;
}

bool hasPerlExpression(const QString &text)
{
    static const QRegularExpression perl(QStringLiteral(R"(\{=.*=\})"),
                                         QRegularExpression::DotMatchesEverythingOption);
    return perl.match(text).hasMatch();
}

QList<CommandTemplate::Piece> CommandTemplate::split(const QString &text)
{
    QList<Piece> pieces;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = replacementPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() > at)
            pieces.append(Piece{text.mid(at, m.capturedStart() - at)});
        Piece p;
        p.isReplacement = true;
        // perl treats a position of 0 as false: {0} is the whole list, like {}.
        p.position = m.captured(1).toInt();
        const QString suffix = m.hasCaptured(1) ? m.captured(2) : m.captured(3);
        if (suffix == QLatin1String("."))
            p.kind = Kind::NoExtension;
        else if (suffix == QLatin1String("/"))
            p.kind = Kind::Basename;
        else if (suffix == QLatin1String("//"))
            p.kind = Kind::Dirname;
        else if (suffix == QLatin1String("/."))
            p.kind = Kind::BasenameNoExtension;
        else if (suffix == QLatin1String("#"))
            p.kind = Kind::Seq;
        else if (suffix == QLatin1String("%"))
            p.kind = Kind::Slot;
        pieces.append(p);
        at = m.capturedEnd();
    }
    if (at < text.size())
        pieces.append(Piece{text.mid(at)});
    return pieces;
}

CommandTemplate CommandTemplate::forCommand(const QStringList &words)
{
    CommandTemplate t;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (i > 0)
            t.m_pieces.append(Piece{QStringLiteral(" ")});
        t.m_pieces += split(words.at(i));
    }
    const auto firstReplacement = std::find_if(t.m_pieces.cbegin(), t.m_pieces.cend(),
                                               [](const Piece &p) { return p.isReplacement; });
    if (firstReplacement == t.m_pieces.cend()) {
        if (!t.m_pieces.isEmpty())
            t.m_pieces.append(Piece{QStringLiteral(" ")});
        Piece whole;
        whole.isReplacement = true;
        t.m_pieces.append(whole);
    }
    // parallel leaves values bare when a replacement string is (part of) the command itself,
    // before any space, tab, newline or '=': `{}` or `{}.sh` run the value as a command.
    QString before;
    for (const Piece &p : std::as_const(t.m_pieces)) {
        if (p.isReplacement)
            break;
        before += p.literal;
    }
    static const QRegularExpression separator(QStringLiteral("[ \t\n=]"));
    t.m_quote = separator.match(before).hasMatch();
    return t;
}

CommandTemplate CommandTemplate::forTag(const QString &text)
{
    CommandTemplate t;
    t.m_pieces = split(text);
    t.m_quote = false;
    return t;
}

QString CommandTemplate::value(Kind kind, const QString &arg, int seq, int slot, Trim trim) const
{
    QString v = trim == Trim::None ? arg : trimmed(arg, trim);
    switch (kind) {
    case Kind::Whole:
        break;
    case Kind::NoExtension:
        v = withoutExtension(v);
        break;
    case Kind::Basename:
        v = withoutDirectory(v);
        break;
    case Kind::Dirname:
        v = perlDirname(v);
        break;
    case Kind::BasenameNoExtension:
        v = withoutExtension(withoutDirectory(v));
        break;
    case Kind::Seq:
        v = QString::number(seq);
        break;
    case Kind::Slot:
        v = QString::number(slot);
        break;
    }
    return m_quote ? quote(v) : v;
}

QString CommandTemplate::expand(const QStringList &args, int seq, int slot, Trim trim) const
{
    QString out;
    for (const Piece &p : m_pieces) {
        if (!p.isReplacement) {
            out += p.literal;
        } else if (p.kind == Kind::Seq || p.kind == Kind::Slot) {
            out += value(p.kind, QString(), seq, slot, trim); // one number, however many values
        } else if (p.position != 0) {
            const qsizetype index = p.position > 0 ? p.position - 1 : args.size() + p.position;
            if (index >= 0 && index < args.size())
                out += value(p.kind, args.at(index), seq, slot, trim);
            // A position past the values gives nothing at all, not '' (parallel's "{3}" of two).
        } else {
            for (qsizetype i = 0; i < args.size(); ++i) {
                if (i > 0)
                    out += QLatin1Char(' ');
                out += value(p.kind, args.at(i), seq, slot, trim);
            }
        }
    }
    return out;
}

} // namespace procdeck::parallel
