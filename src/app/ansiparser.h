#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringView>

namespace procdeck::app {

/// Terminal styling in a job's output, for the output pane. SGR escapes (16, 256 and 24-bit
/// colours, bold, dim, italic, underline, inverse) become styles; every other escape sequence
/// (cursor movement, erase, OSC window titles) is dropped; a carriage return not followed by a
/// newline is reported, so that a progress line is redrawn in place. Stateful: an escape split
/// across two reads is carried over. The bytes kept and exported are never touched: this only
/// reads the decoded text on its way to the screen.
///
/// (Debian's libvterm was weighed: it emulates a screen of fixed rows and columns, while the pane
/// is an unbounded log; what the pane needs is this small table-driven reader.)
class AnsiParser final
{
public:
    /// A colour as the escape named it: none (the pane's own), one of 256 indexed, or RGB.
    struct Color {
        enum class Kind { Default, Indexed, Rgb };
        Kind kind = Kind::Default;
        quint32 value = 0; ///< the index (0–255) or 0xRRGGBB
        friend bool operator==(const Color &a, const Color &b)
        {
            return a.kind == b.kind && a.value == b.value;
        }
        friend bool operator!=(const Color &a, const Color &b) { return !(a == b); }
    };

    struct Style {
        Color fg;
        Color bg;
        bool bold = false;
        bool dim = false;
        bool italic = false;
        bool underline = false;
        bool inverse = false;
        bool isPlain() const { return *this == Style{}; }
        friend bool operator==(const Style &a, const Style &b)
        {
            return a.fg == b.fg && a.bg == b.bg && a.bold == b.bold && a.dim == b.dim
                    && a.italic == b.italic && a.underline == b.underline && a.inverse == b.inverse;
        }
        friend bool operator!=(const Style &a, const Style &b) { return !(a == b); }
    };

    /// A stretch of text in one style, or (carriageReturn) "back to the start of this line".
    struct Run {
        QString text;
        Style style;
        bool carriageReturn = false;
        friend bool operator==(const Run &a, const Run &b)
        {
            return a.text == b.text && a.style == b.style && a.carriageReturn == b.carriageReturn;
        }
    };

    /// Reads the next piece of decoded output; returns what to show, in order.
    QList<Run> feed(QStringView text);
    /// Forgets the style and any escape in progress (a new job, a re-decode).
    void reset();

    /// The screen colour of an indexed or RGB colour: the first 16 tuned for a light or a dark
    /// background, 16–231 the 6×6×6 cube, 232–255 the grey ramp. Invalid for Default.
    static QColor toQColor(const Color &color, bool darkBackground);

private:
    enum class State { Text, Escape, Csi, Osc, OscEscape };
    void applySgr(QStringView params);
    void flush(QList<Run> *runs);
    /// One character of the stream (a lone carriage return already dealt with).
    void take(QChar c, QList<Run> *runs);

    State m_state = State::Text;
    QString m_params;
    QString m_text;
    Style m_style;
    bool m_pendingCr = false;
};

} // namespace procdeck::app
