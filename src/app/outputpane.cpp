#include "outputpane.h"
#include "theme.h"

#include "core/output/outputlog.h"
#include "core/output/textdecoder.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimerEvent>
#include <QVBoxLayout>

namespace procdeck::app {

using procdeck::OutputLog;
using procdeck::TextDecoder;

namespace {
/// While a job pours out output, a refresh that brings more than this shows only the end of it,
/// a few screens: laying out megabytes ten times a second would freeze the window (64 KiB,
/// 7,000 lines of `yes`, held it up past 50 ms). The rest is shown once the job has ended.
constexpr qint64 kMaxLiveBytes = 16 * 1024;
/// Lines the pane holds; older ones leave it (the job keeps them: "Open complete output").
constexpr int kMaxLines = 50000;
/// Text laid out in one turn of the event loop when much is shown at once (a job selected, or
/// shown whole once it ended): 32 Ki characters of `yes` take about 7 ms; 50,000 lines in one
/// go held the window up for 98 ms.
constexpr qsizetype kSliceChars = 32 * 1024;

/// Where the last `lines` lines of `bytes` begin (0: all of it is fewer).
qsizetype startOfLastLines(const QByteArray &bytes, qsizetype lines)
{
    qsizetype at = bytes.size() - 1;
    if (at >= 0 && bytes.at(at) == '\n')
        --at; // the last line's own end
    for (; at >= 0; --at)
        if (bytes.at(at) == '\n' && --lines == 0)
            return at + 1;
    return 0;
}
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
    m_gap = false;
    m_feed.stop();
    m_pending.clear();
    m_pendingAt = 0;
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
    if (full) {
        // Everything memory keeps, as far as the pane holds lines: exact, from a line's start.
        qint64 start = 0;
        const QByteArray bytes = log.bytesSince(log.tailOffset(), &start);
        qsizetype from = startOfLastLines(bytes, kMaxLines);
        if (from == 0 && start > 0) { // begin at a line start, not inside a character
            const qsizetype newline = bytes.indexOf('\n');
            from = newline >= 0 && newline < 4096 ? newline + 1 : 0;
        }
        reset(m_encoding);
        m_pending = m_decoder->decode(bytes.mid(from));
        feedSlice();
    } else {
        // Asked once: where the bytes begin says whether memory still held all that came since
        // (the pump's thread may have overwritten it since the counts were read).
        qint64 start = m_shownUpTo;
        const QByteArray bytes
                = added > kMaxLiveBytes ? QByteArray() : log.bytesSince(m_shownUpTo, &start);
        if (added > kMaxLiveBytes || start > m_shownUpTo) {
            if (!following) { // scrolled up, they read on undisturbed
                m_gap = true;
                return;
            }
            showLastScreens(log);
        } else if (m_pendingAt < m_pending.size()) {
            m_pending += m_decoder->decode(bytes); // after what waits
        } else {
            append(m_decoder->decode(bytes));
        }
    }
    m_shownUpTo = log.totalBytes();
    if (following || full)
        bar->setValue(bar->maximum());
}

void OutputPane::showLastScreens(const OutputLog &log)
{
    // More than is worth laying out, or more than memory held: only what a person can see, the
    // last screens of it.
    const qsizetype screens = 2
            * (m_edit->viewport()->height() / qMax(1, m_edit->fontMetrics().lineSpacing()) + 1);
    const QByteArray bytes
            = log.bytesSince(qMax(log.tailOffset(), log.totalBytes() - kMaxLiveBytes));
    reset(m_encoding);
    append(m_decoder->decode(bytes.mid(startOfLastLines(bytes, qMax<qsizetype>(screens, 50)))));
    m_gap = true;
}

void OutputPane::feedSlice()
{
    QScrollBar *bar = m_edit->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 2;
    qsizetype end = m_pending.size();
    if (end - m_pendingAt > kSliceChars) { // a slice ends at a line's end where it can
        const qsizetype newline
                = m_pending.lastIndexOf(QLatin1Char('\n'), m_pendingAt + kSliceChars);
        end = newline >= m_pendingAt ? newline + 1 : m_pendingAt + kSliceChars;
    }
    append(QStringView(m_pending).mid(m_pendingAt, end - m_pendingAt).toString());
    m_pendingAt = end;
    if (following)
        bar->setValue(bar->maximum());
    if (m_pendingAt < m_pending.size()) {
        m_feed.start(0, this);
    } else {
        m_feed.stop();
        m_pending.clear();
        m_pendingAt = 0;
    }
}

void OutputPane::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_feed.timerId())
        feedSlice();
    else
        QWidget::timerEvent(event);
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
        fg = AnsiParser::toQColor(
                AnsiParser::Color { AnsiParser::Color::Kind::Indexed, style.fg.value + 8 },
                dark); // bold brightens, as in xterm
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

bool OutputPane::find(const QString &needle, bool backwards)
{
    const QTextDocument::FindFlags flags
            = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_edit->find(needle, flags))
        return true;
    QTextCursor wrap(m_edit->document());
    wrap.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_edit->setTextCursor(wrap);
    return m_edit->find(needle, flags);
}

void OutputPane::copyToClipboard() const
{
    QString selection = m_edit->textCursor().selectedText();
    selection.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    QApplication::clipboard()->setText(selection.isEmpty() ? m_edit->toPlainText() : selection);
}

} // namespace procdeck::app
