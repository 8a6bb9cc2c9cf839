#include "outputview.h"

#include "menutoolbutton.h"
#include "theme.h"

#include "core/process/job.h"
#include "core/output/textdecoder.h"
#include "core/process/endreason.h"
#include "core/process/preflight.h"
#include "jobtitlelabel.h"
#include "outputpane.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTimerEvent>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace procdeck::app {

using procdeck::Job;
using procdeck::JobState;
using procdeck::OutputLog;
using procdeck::TextDecoder;

namespace {
constexpr qint64 kRefreshMs = 100;

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

    // Two rows: which job and why it ended; then stdout's figures and the tools.
    // One label: the job in bold, then why it ended in the state's colour, each elided to fit.
    m_title = new JobTitleLabel(this);
    layout->addWidget(m_title);

    m_out = new OutputPane;
    m_err = new OutputPane;
    layout->addLayout(makeToolRow());

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("outputMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_out);
    split->addWidget(m_err);
    // stderr is told apart by its header and its colour.
    QPalette errPalette = m_err->edit()->palette();
    errPalette.setColor(QPalette::Text, Theme::errorText(errPalette));
    m_err->edit()->setPalette(errPalette);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({3000, 1000}); // stdout is what most jobs print: it gets the room
    layout->addWidget(split, 1);

    connectTools();
    setJob(nullptr);
}

QHBoxLayout *OutputView::makeToolRow()
{
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    QLabel *outHeader = m_out->takeHeader();
    outHeader->setParent(this);
    // Its tooltip holds it all.
    outHeader->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(outHeader, 3); // ahead of the find field: at 800 px it was cut

    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(200);
    m_find->setMinimumWidth(90);
    bar->addWidget(m_find, 1);

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
    m_strip = makeButton(tr("Strip colours"),
                         tr("Show the output without terminal colours (exports keep them)"), this);
    m_strip->setCheckable(true);
    bar->addWidget(m_strip);
    m_copy = makeButton(tr("Copy"), tr("Copy the shown output (or the selection) to the clipboard"),
                        this);
    bar->addWidget(m_copy);
    m_openComplete = new MenuToolButton(this);
    m_openComplete->setObjectName(QStringLiteral("openCompleteButton"));
    m_openComplete->setText(tr("Open complete output"));
    m_openComplete->setToolTip(
            tr("Only the end of the output is kept in memory; open the whole file"));
    m_openComplete->setAutoRaise(true);
    bar->addWidget(m_openComplete);
    return bar;
}

void OutputView::connectTools()
{
    connect(m_find, &QLineEdit::textChanged, this, [this] {
        m_find->setPalette(QPalette());
        m_find->setToolTip(QString());
    });
    connect(m_find, &QLineEdit::returnPressed, this,
            [this] { findNext(QApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_wrap, &QToolButton::toggled, this, [this](bool on) {
        const auto mode = on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap;
        m_out->edit()->setLineWrapMode(mode);
        m_err->edit()->setLineWrapMode(mode);
    });
    connect(m_strip, &QToolButton::toggled, this, [this](bool on) {
        m_out->setStripColours(on);
        m_err->setStripColours(on);
        rebuild();
    });
    connect(m_copy, &QToolButton::clicked, this,
            [this] { (m_err->edit()->hasFocus() ? m_err : m_out)->copyToClipboard(); });
    connect(m_openComplete->menu(), &QMenu::aboutToShow, this, &OutputView::fillOpenMenu);
    connect(m_encoding, &QComboBox::currentTextChanged, this, [this] { rebuild(); });
}

void OutputView::fillOpenMenu()
{
    QMenu *menu = m_openComplete->menu();
    menu->clear();
    if (!m_job)
        return;
    const QList<QPair<QString, std::shared_ptr<OutputLog>>> streams
            = {{tr("Complete &stdout"), m_job->sharedStdoutLog()},
               {tr("Complete std&err"), m_job->sharedStderrLog()}};
    for (const auto &[name, log] : streams) {
        QAction *open = menu->addAction(name, this, [this, log = log] { openCompleteOutput(log); });
        open->setEnabled(!log->spillPath().isEmpty() && log->totalBytes() > 0);
    }
}

OutputView::~OutputView() = default;

void OutputView::setJob(Job *job)
{
    m_job = job;
    {
        const QSignalBlocker block(m_encoding);
        m_encoding->setCurrentText(job ? job->spec().encoding : QStringLiteral("UTF-8"));
    }
    m_title->setTitle(job ? tr("#%1  %2").arg(job->seq()).arg(job->spec().displayName())
                          : tr("No job selected"),
                      job ? job->spec().commandLine() : QString());
    const bool noHex = job && procdeck::preflight::printfHexThroughDash(job->spec());
    showMessage(noHex ? tr("/bin/sh here is dash, whose printf knows no \\x escapes: '\\x41' "
                           "prints as is. Write octal ('\\101') or run the command with bash.")
                      : QString());
    m_reasonFor = -2; // no state's key, nor no job's (-1): the reason is worked out again
    m_refreshSoon.stop();
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

void OutputView::setStripColours(bool strip)
{
    m_strip->setChecked(strip);
}

QString OutputView::reasonText() const
{
    return m_title->reason();
}

QString OutputView::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void OutputView::startFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

QString OutputView::stdoutText() const
{
    return m_out->text();
}

QString OutputView::stderrText() const
{
    return m_err->text();
}

void OutputView::rebuild()
{
    const bool known = m_out->reset(encoding());
    m_err->reset(encoding());
    m_encoding->setToolTip(known ? tr("Decode the kept bytes in another encoding")
                                 : tr("Unknown encoding: %1").arg(encoding()));
    m_out->edit()->setPlaceholderText(
            m_job && !known
                    ? tr("Unknown encoding '%1': choose another to see the output.").arg(encoding())
                    : QString());
    if (m_job && known) {
        m_out->update(m_job->stdoutLog(), true);
        m_err->update(m_job->stderrLog(), true);
    }
    updateHeaders();
    updateReason();
}

void OutputView::refresh()
{
    if (!m_job)
        return;
    // At most ten a second, however many jobs' signals come; the end at once.
    if (!isTerminal(m_job->state()) && m_sinceRefresh.isValid()
        && m_sinceRefresh.elapsed() < kRefreshMs) {
        if (!m_refreshSoon.isActive())
            m_refreshSoon.start(int(kRefreshMs - m_sinceRefresh.elapsed()), this);
        return;
    }
    m_refreshSoon.stop();
    m_sinceRefresh.start();
    // Once the job has ended, what the panes show is exact: a pane that skipped part of a flood
    // is made again from what memory keeps.
    const bool ended = isTerminal(m_job->state());
    m_out->update(m_job->stdoutLog(), ended && m_out->hasGap());
    m_err->update(m_job->stderrLog(), ended && m_err->hasGap());
    updateHeaders();
    updateReason();
}

void OutputView::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_refreshSoon.timerId())
        refresh();
    else
        QWidget::timerEvent(event);
}

void OutputView::updateReason()
{
    // Written when the state changes, not at every burst of output: the notes come from a record.
    const int key = m_job ? int(m_job->state()) * 2 + (m_job->timedOut() ? 1 : 0) : -1;
    if (key == m_reasonFor)
        return;
    m_reasonFor = key;
    const QString summary = m_job ? EndReason::summary(*m_job) : QString();
    if (summary.isEmpty()) {
        m_title->setReason(QString(), QColor());
        return;
    }
    const QString details = EndReason::details(*m_job);
    const bool good = m_job->state() == JobState::Finished && !m_job->timedOut();
    m_title->setReason(details.isEmpty() ? summary : tr("%1 ProcDeck: %2").arg(summary, details),
                       good ? palette().color(QPalette::WindowText)
                            : Theme::stateColor(m_job->state(), m_job->timedOut(), palette()));
}

void OutputView::updateHeaders()
{
    const QLocale locale;
    const auto size = [&locale](qint64 bytes, int precision) {
        return locale.formattedDataSize(bytes, precision, QLocale::DataSizeTraditionalFormat);
    };
    auto describe = [&size](const QString &name, const OutputLog *log) {
        if (!log)
            return name;
        const int lines = int(qMin<qint64>(log->lineCount(), INT_MAX));
        QString text = tr("%1 — %2, %n line(s)", nullptr, lines)
                               .arg(name, size(log->totalBytes(), 1));
        if (!log->tailIsComplete())
            text += tr(" (showing the last %1)").arg(size(log->tailLimit(), 0));
        return text;
    };
    const bool inTerminal = m_job && m_job->spec().pty;
    m_out->header()->setText(
            describe(inTerminal ? tr("terminal (stdout and stderr)") : tr("stdout"),
                     m_job ? &m_job->stdoutLog() : nullptr));
    m_out->header()->setToolTip(m_out->header()->text());
    // A terminal has one stream: stderr's pane would say "0 bytes" where the person should
    // look above.
    m_err->header()->setText(
            inTerminal ? tr("stderr — merged into the terminal's output above")
                       : describe(tr("stderr"), m_job ? &m_job->stderrLog() : nullptr));
    // The whole output is worth opening when the pane holds only its end, or when it is long.
    const bool spilled = m_job
            && (!m_job->stdoutLog().spillPath().isEmpty()
                || !m_job->stderrLog().spillPath().isEmpty());
    m_openComplete->setVisible(spilled);
    m_openComplete->setToolTip(
            m_job && (!m_job->stdoutLog().tailIsComplete() || !m_job->stderrLog().tailIsComplete())
                    ? tr("Only the end of the output is kept in memory; open the whole file")
                    : tr("Open the whole output file in your text viewer"));
    m_copy->setEnabled(m_job != nullptr);
}

void OutputView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return;
    for (OutputPane *pane : {m_out, m_err})
        if (pane->find(needle, backwards))
            return;
    QPalette p = m_find->palette();
    p.setColor(QPalette::Base, Theme::notFoundBase(p));
    m_find->setPalette(p);
    m_find->setToolTip(tr("Not found: %1").arg(needle)); // red until the text changes
}

void OutputView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void OutputView::openCompleteOutput(const std::shared_ptr<OutputLog> &log)
{
    const QString path = log->spillPath();
    if (path.isEmpty()) {
        showMessage(
                tr("The complete output was not kept in a file: only what is shown here exists."));
        emit completeOutputHandled(false);
        return;
    }
    // A running job's file gets its last bytes in batches, written on the spill writer's thread,
    // which may be up to 16 MiB behind on a slow disk: waiting for it is a worker's job. The
    // worker holds the log, whatever becomes of the job; the view gone, nothing is opened.
    auto *flushing = new QFutureWatcher<void>(this);
    connect(flushing, &QFutureWatcher<void>::finished, this, [this, flushing, path] {
        flushing->deleteLater();
        if (QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            showMessage(QString());
            emit completeOutputHandled(true);
            return;
        }
        // No viewer is set up for text files (no xdg-open, or it found nothing): say where the
        // file is.
        QApplication::clipboard()->setText(path);
        showMessage(tr("No program here opens text files. The complete output is in %1 (the path "
                       "is copied).")
                            .arg(path));
        emit completeOutputHandled(false);
    });
    flushing->setFuture(QtConcurrent::run([log] { log->flush(); }));
}

} // namespace procdeck::app
