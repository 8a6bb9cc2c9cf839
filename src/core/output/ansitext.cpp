#include "ansitext.h"

#include <QList>
#include <QStringList>

namespace procdeck::ansitext {

namespace {

constexpr char16_t kEsc = 0x1b;

/// xterm's 16 colours.
const char *const kBasic[16] = {"#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd",
                                "#00cdcd", "#e5e5e5", "#7f7f7f", "#ff0000", "#00ff00", "#ffff00",
                                "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"};

QString rgb(int r, int g, int b)
{
    return QStringLiteral("#%1%2%3").arg(r & 255, 2, 16, QLatin1Char('0'))
        .arg(g & 255, 2, 16, QLatin1Char('0')).arg(b & 255, 2, 16, QLatin1Char('0'));
}

/// One of the 256 indexed colours: 16 basic, a 6×6×6 cube, 24 greys.
QString indexed(int n)
{
    if (n < 16)
        return QLatin1String(kBasic[qBound(0, n, 15)]);
    if (n < 232) {
        static const int level[6] = {0, 95, 135, 175, 215, 255};
        const int c = n - 16;
        return rgb(level[c / 36], level[c / 6 % 6], level[c % 6]);
    }
    const int grey = 8 + 10 * (qMin(n, 255) - 232);
    return rgb(grey, grey, grey);
}

struct Style {
    QString fg;
    QString bg;
    bool bold = false;
    bool italic = false;
    bool underline = false;

    QString css() const
    {
        QStringList parts;
        if (!fg.isEmpty())
            parts << QStringLiteral("color:%1").arg(fg);
        if (!bg.isEmpty())
            parts << QStringLiteral("background:%1").arg(bg);
        if (bold)
            parts << QStringLiteral("font-weight:bold");
        if (italic)
            parts << QStringLiteral("font-style:italic");
        if (underline)
            parts << QStringLiteral("text-decoration:underline");
        return parts.join(QLatin1Char(';'));
    }
};

/// 38;5;N or 38;2;R;G;B (and 48;…) from params[i]; moves i past what it read.
QString extendedColour(const QList<int> &p, qsizetype *i)
{
    if (*i + 2 < p.size() && p[*i + 1] == 5) {
        *i += 2;
        return indexed(p[*i]);
    }
    if (*i + 4 < p.size() && p[*i + 1] == 2) {
        const QString c = rgb(p[*i + 2], p[*i + 3], p[*i + 4]);
        *i += 4;
        return c;
    }
    *i = p.size(); // malformed: the rest of it means nothing
    return {};
}

void apply(Style *s, const QList<int> &p)
{
    for (qsizetype i = 0; i < p.size(); ++i) {
        const int n = p[i];
        switch (n) {
        case 0: *s = Style{}; break;
        case 1: s->bold = true; break;
        case 3: s->italic = true; break;
        case 4: s->underline = true; break;
        case 22: s->bold = false; break;
        case 23: s->italic = false; break;
        case 24: s->underline = false; break;
        case 38: s->fg = extendedColour(p, &i); break;
        case 39: s->fg.clear(); break;
        case 48: s->bg = extendedColour(p, &i); break;
        case 49: s->bg.clear(); break;
        default:
            if (n >= 30 && n <= 37)
                s->fg = indexed(n - 30);
            else if (n >= 90 && n <= 97)
                s->fg = indexed(n - 90 + 8);
            else if (n >= 40 && n <= 47)
                s->bg = indexed(n - 40);
            else if (n >= 100 && n <= 107)
                s->bg = indexed(n - 100 + 8);
            break; // dim, blink, inverse…: not worth a colour in a report
        }
    }
}

/// Where the escape starting at `at` (an ESC) ends, and its SGR parameters when it is one.
qsizetype escapeEnd(QStringView t, qsizetype at, bool *isSgr, QList<int> *params)
{
    *isSgr = false;
    if (at + 1 >= t.size())
        return t.size();
    const QChar kind = t[at + 1];
    if (kind == QLatin1Char('[')) { // CSI: parameters, then a final byte @ to ~
        qsizetype end = at + 2;
        while (end < t.size() && !(t[end].unicode() >= 0x40 && t[end].unicode() <= 0x7e))
            ++end;
        if (end < t.size() && t[end] == QLatin1Char('m')) {
            *isSgr = true;
            params->clear();
            for (const QStringView part : t.mid(at + 2, end - at - 2).split(QLatin1Char(';')))
                params->append(part.isEmpty() ? 0 : part.toInt());
        }
        return qMin(end + 1, t.size());
    }
    if (kind == QLatin1Char(']')) { // OSC: up to BEL or ESC backslash
        for (qsizetype end = at + 2; end < t.size(); ++end) {
            if (t[end].unicode() == 0x07)
                return end + 1;
            if (t[end].unicode() == kEsc && end + 1 < t.size() && t[end + 1] == QLatin1Char('\\'))
                return end + 2;
        }
        return t.size();
    }
    return at + 2; // a two-character escape (ESC 7, ESC =, …)
}

/// Calls text(piece) for each run of plain text and sgr(params) for each SGR escape.
template<typename Text, typename Sgr>
void scan(QStringView t, Text text, Sgr sgr)
{
    qsizetype from = 0;
    QList<int> params;
    for (qsizetype i = 0; i < t.size();) {
        if (t[i].unicode() != kEsc) {
            ++i;
            continue;
        }
        if (i > from)
            text(t.mid(from, i - from));
        bool isSgr = false;
        i = escapeEnd(t, i, &isSgr, &params);
        if (isSgr)
            sgr(params);
        from = i;
    }
    if (from < t.size())
        text(t.mid(from));
}

} // namespace

QString toHtml(QStringView text)
{
    QString out;
    Style style;
    bool open = false;
    scan(
        text,
        [&](QStringView piece) {
            const QString css = style.css();
            if (!css.isEmpty() && !open) {
                out += QStringLiteral("<span style=\"%1\">").arg(css);
                open = true;
            }
            out += piece.toString().toHtmlEscaped();
        },
        [&](const QList<int> &params) {
            if (open) // the next text opens a span for the new style
                out += QLatin1String("</span>");
            open = false;
            apply(&style, params);
        });
    if (open)
        out += QLatin1String("</span>");
    return out;
}

QString stripped(QStringView text)
{
    QString out;
    scan(text, [&](QStringView piece) { out += piece; }, [](const QList<int> &) {});
    return out;
}

} // namespace procdeck::ansitext
