#include "outputview.h"

#include "core/job.h"
#include "core/textdecoder.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using procdeck::Job;
using procdeck::OutputLog;
using procdeck::TextDecoder;

namespace {
/// While a job pours out output, a refresh that brings more than this shows only its last part:
/// laying out megabytes ten times a second would freeze the window.
constexpr qint64 kMaxLiveBytes = 64 * 1024;
/// Lines the view holds; older ones leave it (the job keeps them: "Open complete output").
constexpr int kMaxLines = 50000;

QPlainTextEdit *makeEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setUndoRedoEnabled(false);
    edit->setMaximumBlockCount(kMaxLines);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

QToolButton *makeButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

OutputView::OutputView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_title = new QLabel(tr("No job selected"), this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_title, 1);

    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(220);
    bar->addWidget(m_find);

    auto *encodingLabel = new QLabel(tr("&Encoding:"), this);
    m_encoding = new QComboBox(this);
    m_encoding->setEditable(true);
    m_encoding->addItems(TextDecoder::commonEncodings());
    m_encoding->setToolTip(tr("Decode the kept bytes in another encoding"));
    encodingLabel->setBuddy(m_encoding);
    bar->addWidget(encodingLabel);
    bar->addWidget(m_encoding);

    m_wrap = makeButton(tr("Wrap"), tr("Wrap long lines"), this);
    m_wrap->setCheckable(true);
    bar->addWidget(m_wrap);
    m_copy = makeButton(tr("Copy"), tr("Copy the shown output (or the selection) to the clipboard"), this);
    bar->addWidget(m_copy);
    m_openComplete = makeButton(tr("Open complete output"), tr("Only the end of the output is kept in memory; open the whole file"), this);
    bar->addWidget(m_openComplete);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    for (Pane *pane : {&m_out, &m_err}) {
        auto *box = new QWidget(split);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        pane->header = new QLabel(box);
        pane->edit = makeEdit(box);
        boxLayout->addWidget(pane->header);
        boxLayout->addWidget(pane->edit);
        split->addWidget(box);
    }
    // stderr is told apart by its header and its colour.
    QPalette errPalette = m_err.edit->palette();
    const bool dark = errPalette.color(QPalette::Base).lightness() < 128;
    errPalette.setColor(QPalette::Text, QColor(QLatin1String(dark ? "#ff8a80" : "#b71c1c")));
    m_err.edit->setPalette(errPalette);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        m_find->setPalette(QPalette());
        m_find->setToolTip(QString());
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(QApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_wrap, &QToolButton::toggled, this, [this](bool on) {
        const auto mode = on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap;
        m_out.edit->setLineWrapMode(mode);
        m_err.edit->setLineWrapMode(mode);
    });
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QPlainTextEdit *focused = m_err.edit->hasFocus() ? m_err.edit : m_out.edit;
        QString selection = focused->textCursor().selectedText();
        selection.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
        QApplication::clipboard()->setText(selection.isEmpty() ? focused->toPlainText() : selection);
    });
    connect(m_openComplete, &QToolButton::clicked, this, &OutputView::openCompleteOutput);
    connect(m_encoding, &QComboBox::currentTextChanged, this, [this] { rebuild(); });
    setJob(nullptr);
}

OutputView::~OutputView() = default;

void OutputView::setJob(Job *job)
{
    m_job = job;
    {
        const QSignalBlocker block(m_encoding);
        m_encoding->setCurrentText(job ? job->spec().encoding : QStringLiteral("UTF-8"));
    }
    m_title->setText(job ? tr("#%1  %2").arg(job->seq()).arg(job->spec().displayName()) : tr("No job selected"));
    m_title->setToolTip(job ? job->spec().commandLine() : QString());
    rebuild();
}

QString OutputView::encoding() const
{
    return m_encoding->currentText();
}

void OutputView::setEncoding(const QString &encoding)
{
    m_encoding->setCurrentText(encoding);
}

void OutputView::startFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

QString OutputView::stdoutText() const
{
    return m_out.edit->toPlainText();
}

QString OutputView::stderrText() const
{
    return m_err.edit->toPlainText();
}

void OutputView::rebuild()
{
    for (Pane *pane : {&m_out, &m_err}) {
        pane->edit->clear();
        pane->shownUpTo = 0;
        pane->decoder = TextDecoder::create(encoding());
    }
    const bool known = m_out.decoder != nullptr;
    m_encoding->setToolTip(known ? tr("Decode the kept bytes in another encoding")
                                 : tr("Unknown encoding: %1").arg(encoding()));
    if (!m_job || !known) {
        if (m_job && !known)
            m_out.edit->setPlaceholderText(tr("Unknown encoding '%1': choose another to see the output.").arg(encoding()));
        updateHeaders();
        return;
    }
    m_out.edit->setPlaceholderText(QString());
    updatePane(m_out, m_job->stdoutLog(), true);
    updatePane(m_err, m_job->stderrLog(), true);
    updateHeaders();
}

void OutputView::refresh()
{
    if (!m_job || !m_out.decoder)
        return;
    updatePane(m_out, m_job->stdoutLog(), false);
    updatePane(m_err, m_job->stderrLog(), false);
    updateHeaders();
}

void OutputView::updatePane(Pane &pane, const OutputLog &log, bool full)
{
    if (log.totalBytes() == pane.shownUpTo && !full)
        return;
    QScrollBar *bar = pane.edit->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 2;
    const qint64 added = log.totalBytes() - pane.shownUpTo;
    if (full || pane.shownUpTo < log.heldFrom() || added > kMaxLiveBytes) {
        // Start over: the first time, after more came than memory keeps, or when so much came
        // that only its end is worth showing.
        const qint64 from = full ? log.tailOffset() : qMax(log.tailOffset(), log.totalBytes() - kMaxLiveBytes);
        QByteArray bytes = log.bytesSince(from);
        if (from > 0) { // begin at a line start rather than inside a character
            const qsizetype newline = bytes.indexOf('\n');
            if (newline >= 0 && newline < 4096)
                bytes.remove(0, newline + 1);
        }
        pane.decoder = TextDecoder::create(encoding());
        pane.edit->setPlainText(pane.decoder->decode(bytes));
    } else {
        const QString added = pane.decoder->decode(log.bytesSince(pane.shownUpTo));
        QTextCursor cursor(pane.edit->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(added);
    }
    pane.shownUpTo = log.totalBytes();
    if (following || full)
        bar->setValue(bar->maximum());
}

void OutputView::updateHeaders()
{
    const QLocale locale;
    auto describe = [&locale](const QString &name, const OutputLog *log) {
        if (!log)
            return name;
        QString text = tr("%1 — %2, %n line(s)", nullptr, int(qMin<qint64>(log->lineCount(), INT_MAX)))
                           .arg(name, locale.formattedDataSize(log->totalBytes(), 1, QLocale::DataSizeTraditionalFormat));
        if (!log->tailIsComplete())
            text += tr(" (showing the last %1)").arg(locale.formattedDataSize(log->tailLimit(), 0, QLocale::DataSizeTraditionalFormat));
        return text;
    };
    m_out.header->setText(describe(tr("stdout"), m_job ? &m_job->stdoutLog() : nullptr));
    m_err.header->setText(describe(tr("stderr"), m_job ? &m_job->stderrLog() : nullptr));
    const bool truncated = m_job && (!m_job->stdoutLog().tailIsComplete() || !m_job->stderrLog().tailIsComplete());
    m_openComplete->setVisible(truncated);
    m_openComplete->setEnabled(truncated && !m_job->stdoutLog().spillPath().isEmpty());
    m_copy->setEnabled(m_job != nullptr);
}

void OutputView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    for (QPlainTextEdit *edit : {m_out.edit, m_err.edit}) {
        if (edit->find(needle, flags))
            return;
        QTextCursor wrap(edit->document());
        wrap.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        edit->setTextCursor(wrap);
        if (edit->find(needle, flags))
            return;
    }
    QPalette p = m_find->palette();
    p.setColor(QPalette::Base, QColor(255, 200, 200));
    m_find->setPalette(p);
    m_find->setToolTip(tr("Not found: %1").arg(needle)); // red until the text changes
}

void OutputView::openCompleteOutput()
{
    if (!m_job)
        return;
    m_job->flushOutputFiles();
    const QString path = m_job->stdoutLog().spillPath();
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}
