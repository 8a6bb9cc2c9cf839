#include "ansiparser.h"

namespace procdeck::app {

namespace {

using Color = AnsiParser::Color;
using Style = AnsiParser::Style;

constexpr QChar kEsc(0x1b);
constexpr QChar kBel(0x07);
// The 16 colours, readable on their background: the light theme's yellow and white would vanish
// on white.
const char *const kLightColours[16] = {
    "#000000", "#c62828", "#2e7d32", "#9e7b00", "#1565c0", "#8e24aa", "#00838f", "#616161",
    "#757575", "#e53935", "#43a047", "#b59a00", "#1e88e5", "#ab47bc", "#00acc1", "#424242"};
const char *const kDarkColours[16] = {
    "#5c5c5c", "#ef5350", "#66bb6a", "#ffca28", "#42a5f5", "#ce93d8", "#4dd0e1", "#e0e0e0",
    "#9e9e9e", "#ff8a80", "#b9f6ca", "#ffff8d", "#82b1ff", "#ea80fc", "#84ffff", "#ffffff"};

constexpr qsizetype kMaxParams = 256; ///< a runaway escape is dropped, not kept growing

Color indexed(int i)
{
    return {Color::Kind::Indexed, quint32(i)};
}

/// What one SGR code does, for the codes in [from, to].
struct SgrRule {
    int from;
    int to;
    void (*apply)(Style &style, int code);
};

// The table the escapes are read by (ECMA-48 and xterm's extensions). 38 and 48 (extended
// colours) take following parameters and are handled beside it.
const SgrRule kRules[] = {
    {0, 0, [](Style &s, int) { s = Style{}; }},
    {1, 1, [](Style &s, int) { s.bold = true; }},
    {2, 2, [](Style &s, int) { s.dim = true; }},
    {3, 3, [](Style &s, int) { s.italic = true; }},
    {4, 4, [](Style &s, int) { s.underline = true; }},
    {7, 7, [](Style &s, int) { s.inverse = true; }},
    {21, 21, [](Style &s, int) { s.underline = true; }}, // double underline, shown as single
    {22, 22, [](Style &s, int) { s.bold = s.dim = false; }},
    {23, 23, [](Style &s, int) { s.italic = false; }},
    {24, 24, [](Style &s, int) { s.underline = false; }},
    {27, 27, [](Style &s, int) { s.inverse = false; }},
    {30, 37, [](Style &s, int c) { s.fg = indexed(c - 30); }},
    {39, 39, [](Style &s, int) { s.fg = Color{}; }},
    {40, 47, [](Style &s, int c) { s.bg = indexed(c - 40); }},
    {49, 49, [](Style &s, int) { s.bg = Color{}; }},
    {90, 97, [](Style &s, int c) { s.fg = indexed(c - 90 + 8); }},
    {100, 107, [](Style &s, int c) { s.bg = indexed(c - 100 + 8); }},
};

/// An extended colour (after 38 or 48): `p` holds "5, n" or "2, r, g, b"; false if unreadable.
bool extendedColor(const QList<int> &p, Color *out)
{
    if (p.size() >= 2 && p[0] == 5 && p[1] >= 0 && p[1] <= 255) {
        *out = indexed(p[1]);
        return true;
    }
    if (p.size() >= 4 && p[0] == 2) {
        const int r = p[1], g = p[2], b = p[3];
        if (qMin(r, qMin(g, b)) < 0 || qMax(r, qMax(g, b)) > 255)
            return false;
        *out = {Color::Kind::Rgb, quint32((r << 16) | (g << 8) | b)};
        return true;
    }
    return false;
}

int number(QStringView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? value : (text.isEmpty() ? 0 : -1); // an empty parameter means 0
}

} // namespace

void AnsiParser::reset()
{
    m_state = State::Text;
    m_params.clear();
    m_text.clear();
    m_style = Style{};
    m_pendingCr = false;
}

void AnsiParser::flush(QList<Run> *runs)
{
    if (m_text.isEmpty())
        return;
    if (!runs->isEmpty() && !runs->last().carriageReturn && runs->last().style == m_style)
        runs->last().text += m_text;
    else
        runs->append(Run{m_text, m_style, false});
    m_text.clear();
}

QList<AnsiParser::Run> AnsiParser::feed(QStringView text)
{
    QList<Run> runs;
    for (const QChar c : text) {
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c != QLatin1Char('\n')) { // "\r\n" is a plain line end; a lone "\r" returns
                flush(&runs);
                runs.append(Run{QString(), m_style, true});
            }
        }
        take(c, &runs);
    }
    flush(&runs);
    return runs;
}

void AnsiParser::applySgr(QStringView text)
{
    if (text.startsWith(QLatin1Char('?')) || text.startsWith(QLatin1Char('>')))
        return; // private modes, not styles
    const QList<QStringView> parts = text.split(QLatin1Char(';'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts[i].contains(QLatin1Char(':'))) {
            // The colon form holds its own arguments: 38:5:n, 38:2:r:g:b or 38:2:space:r:g:b.
            QList<int> sub;
            for (const QStringView field : parts[i].split(QLatin1Char(':')))
                sub << number(field);
            const int code = sub.takeFirst();
            if ((code == 38 || code == 48) && sub.size() == 5 && sub[0] == 2)
                sub.removeAt(1); // the colour space
            Color color;
            if ((code == 38 || code == 48) && extendedColor(sub, &color))
                (code == 38 ? m_style.fg : m_style.bg) = color;
            continue;
        }
        const int code = number(parts[i]);
        if (code == 38 || code == 48) {
            // The semicolon form takes the parameters that follow: 38;5;n or 38;2;r;g;b.
            QList<int> rest;
            for (qsizetype j = i + 1; j < parts.size() && j <= i + 4; ++j)
                rest << number(parts[j]);
            Color color;
            if (extendedColor(rest, &color))
                (code == 38 ? m_style.fg : m_style.bg) = color;
            i += rest.value(0) == 5 ? 2 : (rest.value(0) == 2 ? 4 : qsizetype(parts.size()));
            continue;
        }
        for (const SgrRule &rule : kRules) {
            if (code >= rule.from && code <= rule.to) {
                rule.apply(m_style, code);
                break;
            }
        }
    }
}

void AnsiParser::take(QChar c, QList<Run> *runs)
{
    switch (m_state) {
    case State::Text:
        if (c == kEsc) {
            m_state = State::Escape;
        } else if (c == QLatin1Char('\r')) {
            // Decided by the next character, which may come in the next read.
            m_pendingCr = true;
        } else if (c == QLatin1Char('\b') || c == kBel || c == QChar(0x7f)) {
            // not shown
        } else {
            m_text += c;
        }
        break;
    case State::Escape:
        if (c == QLatin1Char('[')) {
            m_state = State::Csi;
            m_params.clear();
        } else if (c == QLatin1Char(']')) {
            m_state = State::Osc;
        } else {
            m_state = State::Text; // a two-character escape (ESC 7, ESC =, …): dropped
        }
        break;
    case State::Csi:
        if (c.unicode() >= 0x40 && c.unicode() <= 0x7e) { // the final byte
            if (c == QLatin1Char('m')) {
                flush(runs);
                applySgr(m_params);
            }
            m_state = State::Text; // other CSI sequences (cursor, erase) have no place in a log
        } else if (m_params.size() < kMaxParams) {
            m_params += c;
        } else {
            m_state = State::Text;
        }
        break;
    case State::Osc: // a window title or a hyperlink: ends with BEL or ESC backslash
        if (c == kBel)
            m_state = State::Text;
        else if (c == kEsc)
            m_state = State::OscEscape;
        break;
    case State::OscEscape:
        m_state = c == QLatin1Char('\\') ? State::Text : State::Osc;
        break;
    }
}

QColor AnsiParser::toQColor(const Color &color, bool darkBackground)
{
    switch (color.kind) {
    case Color::Kind::Default:
        return {};
    case Color::Kind::Rgb:
        return QColor::fromRgb(QRgb(color.value));
    case Color::Kind::Indexed:
        break;
    }
    const int i = int(color.value);
    if (i < 16) {
        return QColor(QLatin1String(darkBackground ? kDarkColours[i] : kLightColours[i]));
    }
    if (i < 232) {
        const int n = i - 16;
        auto level = [](int v) { return v == 0 ? 0 : 55 + v * 40; };
        return QColor(level(n / 36), level((n / 6) % 6), level(n % 6));
    }
    const int grey = 8 + (i - 232) * 10;
    return QColor(grey, grey, grey);
}

} // namespace procdeck::app
