#include "paralleltemplate.h"

namespace procdeck::parallel {

namespace {

// What parallel's own replacement strings make of a value: perl expressions over bytes, done
// here by hand (see paralleltemplate.cpp).

/// {.}: perl's s:\.[^/.]*$:: — the last dot and all after it, when no slash follows it.
QString withoutExtension(const QString &text)
{
    const qsizetype dot = text.lastIndexOf(QLatin1Char('.'));
    if (dot < 0 || text.indexOf(QLatin1Char('/'), dot + 1) >= 0)
        return text;
    return text.left(dot);
}

/// {/}: perl's s:.*/:: where '.' stops at a newline: from the start of the first line holding a
/// slash to that line's last slash.
QString withoutDirectory(const QString &text)
{
    const qsizetype firstSlash = text.indexOf(QLatin1Char('/'));
    if (firstSlash < 0)
        return text;
    const qsizetype lineStart = text.lastIndexOf(QLatin1Char('\n'), firstSlash) + 1;
    qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), firstSlash);
    if (lineEnd < 0)
        lineEnd = text.size();
    const qsizetype lastSlash = text.lastIndexOf(QLatin1Char('/'), lineEnd - 1);
    QString out = text;
    out.remove(lineStart, lastSlash + 1 - lineStart);
    return out;
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

} // namespace

QString CommandTemplate::value(Kind kind, const QString &arg, int seq, int slot, Trim trim) const
{
    QString v = trimmed(arg, trim);
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
    case Kind::Perl:
        break; // perlValue
    }
    return m_quote && !m_quoteWords ? quote(v) : v;
}

QString CommandTemplate::one(const Piece &p, const QStringList &args, qsizetype index, int seq,
                             int slot, Trim trim) const
{
    return p.kind == Kind::Perl ? perlValue(p, args, index, seq, slot, trim)
                                : value(p.kind, args.at(index), seq, slot, trim);
}

} // namespace procdeck::parallel
