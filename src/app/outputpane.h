#pragma once

#include "ansiparser.h"

#include <QBasicTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QTextCharFormat;

namespace procdeck {
class OutputLog;
class TextDecoder;
} // namespace procdeck

namespace procdeck::app {

/// One stream of a job (stdout or stderr) on screen: a header and a read-only text pane that
/// follows the stream live. The kept bytes are decoded statefully; terminal colours are shown
/// (or stripped), a "\r" progress line is redrawn in place, and the pane scrolls with new text
/// unless the person has scrolled up.
class OutputPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputPane)

public:
    explicit OutputPane(QWidget *parent = nullptr);
    ~OutputPane() override;

    /// Starts over in this encoding; false if the encoding is unknown (the pane stays empty).
    bool reset(const QString &encoding);
    /// Shows what `log` holds beyond what is shown; `full` starts from the kept tail. A flood
    /// (more than a few screens since the last call) shows only its last screens, and nothing
    /// while the person has scrolled up: the pane has a gap until update(log, true).
    void update(const procdeck::OutputLog &log, bool full);
    /// Part of what memory keeps was skipped (see update()).
    bool hasGap() const { return m_gap; }
    /// Colours off: the text shows plain (escapes are still never shown raw).
    void setStripColours(bool strip);

    QPlainTextEdit *edit() const { return m_edit; }
    QLabel *header() const { return m_header; }
    /// Takes the header out of the pane's layout, for a row of the caller's (the pane keeps
    /// updating nothing of it: the caller sets its text).
    QLabel *takeHeader();
    /// The text as shown (escapes gone, progress lines redrawn). Much shown at once is laid out
    /// a slice per turn of the event loop: until then, its first part.
    QString text() const;
    /// Selects the next (or previous) `needle`, from the cursor on and then from the other end.
    /// False when the pane has none.
    bool find(const QString &needle, bool backwards);
    /// Copies the selection, or all the pane shows, to the clipboard.
    void copyToClipboard() const;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    /// The last screens of `log` in place of what was shown, and a gap said before them.
    void showLastScreens(const procdeck::OutputLog &log);
    void feedSlice();
    void append(const QString &text);
    void insert(const QString &text, const QTextCharFormat &format);
    QTextCharFormat formatFor(const AnsiParser::Style &style) const;

    QLabel *m_header = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QString m_encoding;
    std::unique_ptr<procdeck::TextDecoder> m_decoder;
    AnsiParser m_parser;
    qint64 m_shownUpTo = 0;  ///< the stream offset decoded so far
    int m_overwriteAt = -1;  ///< after a "\r": where the next character overwrites; -1 appends
    bool m_gap = false;
    QString m_pending;          ///< decoded text still to lay out (from m_pendingAt)
    qsizetype m_pendingAt = 0;
    QBasicTimer m_feed;
    bool m_strip = false;
};

} // namespace procdeck::app
