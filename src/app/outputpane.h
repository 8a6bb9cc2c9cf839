#pragma once

#include "ansiparser.h"

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
    /// Shows what `log` holds beyond what is shown; `full` starts from the kept tail.
    void update(const procdeck::OutputLog &log, bool full);
    /// Colours off: the text shows plain (escapes are still never shown raw).
    void setStripColours(bool strip);

    QPlainTextEdit *edit() const { return m_edit; }
    QLabel *header() const { return m_header; }
    /// Takes the header out of the pane's layout, for a row of the caller's (the pane keeps
    /// updating nothing of it: the caller sets its text).
    QLabel *takeHeader();
    /// The text as shown (escapes gone, progress lines redrawn).
    QString text() const;

private:
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
    bool m_strip = false;
};

} // namespace procdeck::app
