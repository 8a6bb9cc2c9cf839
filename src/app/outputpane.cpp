#include "outputpane.h"
#include "theme.h"

#include "core/outputlog.h"
#include "core/textdecoder.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace procdeck::app {

using procdeck::OutputLog;
using procdeck::TextDecoder;

namespace {
/// While a job pours out output, a refresh that brings more than this shows only its last part:
/// laying out megabytes ten times a second would freeze the window. 16 KiB of `yes` is 1,800
/// lines, a few milliseconds of layout; 64 KiB (7,000 lines, and as many trimmed from the top)
/// held the window up past 50 ms.
constexpr qint64 kMaxLiveBytes = 16 * 1024;
/// Lines the pane holds; older ones leave it (the job keeps them: "Open complete output").
constexpr int kMaxLines = 50000;
} // namespace

OutputPane::OutputPane(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_header = new QLabel(this);
    m_edit = new QPlainTextEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setUndoRedoEnabled(false);
    m_edit->setMaximumBlockCount(kMaxLines);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_header);
    layout->addWidget(m_edit);
}

OutputPane::~OutputPane() = default;

QLabel *OutputPane::takeHeader()
{
    layout()->removeWidget(m_header);
    return m_header;
}

bool OutputPane::reset(const QString &encoding)
{
    m_edit->clear();
    m_shownUpTo = 0;
    m_overwriteAt = -1;
    m_encoding = encoding;
    m_decoder = TextDecoder::create(encoding);
    m_parser.reset();
    return m_decoder != nullptr;
}

void OutputPane::setStripColours(bool strip)
{
    m_strip = strip;
}

QString OutputPane::text() const
{
    return m_edit->toPlainText();
}

void OutputPane::update(const OutputLog &log, bool full)
{
    if (!m_decoder || (log.totalBytes() == m_shownUpTo && !full))
        return;
    QScrollBar *bar = m_edit->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 2;
    const qint64 added = log.totalBytes() - m_shownUpTo;
    if (full || m_shownUpTo < log.heldFrom() || added > kMaxLiveBytes) {
        // Start over: the first time, after more came than memory keeps, or when so much came
        // that only its end is worth showing.
        const qint64 from = full ? log.tailOffset() : qMax(log.tailOffset(), log.totalBytes() - kMaxLiveBytes);
        QByteArray bytes = log.bytesSince(from);
        if (from > 0) { // begin at a line start rather than inside a character or an escape
            const qsizetype newline = bytes.indexOf('\n');
            if (newline >= 0 && newline < 4096)
                bytes.remove(0, newline + 1);
        }
        reset(m_encoding);
        append(m_decoder->decode(bytes));
    } else {
        append(m_decoder->decode(log.bytesSince(m_shownUpTo)));
    }
    m_shownUpTo = log.totalBytes();
    if (following || full)
        bar->setValue(bar->maximum());
}

void OutputPane::append(const QString &text)
{
    for (const AnsiParser::Run &run : m_parser.feed(text)) {
        if (run.carriageReturn) // back to the start of the last line: what follows overwrites it
            m_overwriteAt = m_edit->document()->lastBlock().position();
        else
            insert(run.text, m_strip ? QTextCharFormat() : formatFor(run.style));
    }
}

void OutputPane::insert(const QString &text, const QTextCharFormat &format)
{
    QTextCursor cursor(m_edit->document());
    QString rest = text;
    while (m_overwriteAt >= 0 && !rest.isEmpty()) {
        // As a terminal does: characters after "\r" replace the line's, up to its end; a newline
        // then goes on below what is left of the line.
        const qsizetype newline = rest.indexOf(QLatin1Char('\n'));
        const QString piece = newline < 0 ? rest : rest.left(newline);
        const QTextBlock last = m_edit->document()->lastBlock();
        const int lineEnd = last.position() + last.length() - 1;
        const int at = qBound(last.position(), m_overwriteAt, lineEnd);
        cursor.setPosition(at);
        cursor.setPosition(qMin(at + int(piece.size()), lineEnd), QTextCursor::KeepAnchor);
        cursor.insertText(piece, format);
        m_overwriteAt = cursor.position();
        if (newline < 0)
            return;
        m_overwriteAt = -1;
        rest = rest.mid(newline);
    }
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(rest, format);
}

QTextCharFormat OutputPane::formatFor(const AnsiParser::Style &style) const
{
    QTextCharFormat format;
    if (style.isPlain())
        return format;
    const QPalette &pal = m_edit->palette();
    const bool dark = Theme::isDark(pal);
    QColor fg = AnsiParser::toQColor(style.fg, dark);
    QColor bg = AnsiParser::toQColor(style.bg, dark);
    if (style.bold && style.fg.kind == AnsiParser::Color::Kind::Indexed && style.fg.value < 8)
        fg = AnsiParser::toQColor(AnsiParser::Color{AnsiParser::Color::Kind::Indexed, style.fg.value + 8}, dark); // bold brightens, as in xterm
    if (style.inverse) {
        const QColor text = fg.isValid() ? fg : pal.color(QPalette::Text);
        fg = bg.isValid() ? bg : pal.color(QPalette::Base);
        bg = text;
    }
    if (style.dim) {
        QColor base = fg.isValid() ? fg : pal.color(QPalette::Text);
        base.setAlphaF(0.6);
        fg = base;
    }
    if (fg.isValid())
        format.setForeground(fg);
    if (bg.isValid())
        format.setBackground(bg);
    if (style.bold)
        format.setFontWeight(QFont::Bold);
    format.setFontItalic(style.italic);
    format.setFontUnderline(style.underline);
    return format;
}

} // namespace procdeck::app
