#include "keptoutputdialog.h"

#include "core/output/ansitext.h"
#include "core/output/textdecoder.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <utility>

namespace procdeck::app {

KeptOutputDialog::KeptOutputDialog(const QString &title, const QString &stdoutPath,
                                   const QString &stderrPath, const QString &encoding,
                                   QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("keptOutputDialog"));
    auto *layout = new QVBoxLayout(this);
    m_message = new QLabel(tr("Reading the kept output…"), this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *tabs = new QTabWidget(this);
    for (QPlainTextEdit **edit : {&m_stdout, &m_stderr}) {
        *edit = new QPlainTextEdit(this);
        (*edit)->setReadOnly(true);
        (*edit)->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    tabs->addTab(m_stdout, tr("Standard output"));
    tabs->addTab(m_stderr, tr("Standard error"));
    layout->addWidget(tabs, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(QSize(800, 500).boundedTo(parent ? parent->size() : QSize(800, 500)));

    // Files may be large and the disk slow: read on a worker, never on the window's thread.
    auto *reading = new QFutureWatcher<std::pair<Stream, Stream>>(this);
    connect(reading, &QFutureWatcherBase::finished, this, [this, reading] {
        const auto [out, err] = reading->result();
        fill(out, err);
        reading->deleteLater();
    });
    reading->setFuture(QtConcurrent::run([stdoutPath, stderrPath, encoding] {
        return std::pair{read(stdoutPath, encoding), read(stderrPath, encoding)};
    }));
}

KeptOutputDialog::Stream KeptOutputDialog::read(const QString &path, const QString &encoding)
{
    Stream s;
    if (path.isEmpty())
        return s; // it printed nothing there
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        s.gone = true;
        return s;
    }
    s.cut = file.size() > kShownBytes;
    if (s.cut)
        file.seek(file.size() - kShownBytes);
    s.text = ansitext::stripped(TextDecoder::decodeAll(encoding, file.read(kShownBytes)));
    return s;
}

void KeptOutputDialog::fill(const Stream &out, const Stream &err)
{
    m_stdout->setPlainText(out.text);
    m_stderr->setPlainText(err.text);
    QStringList said;
    if (out.gone || err.gone)
        said << tr("Some of its kept output is gone (removed by the history's retention, or by "
                   "hand).");
    if (out.cut || err.cut)
        said << tr("Only the last %1 of each stream are shown.")
                    .arg(QLocale().formattedDataSize(kShownBytes, 0));
    if (said.isEmpty())
        said << tr("Its complete output, as it was kept.");
    m_message->setText(said.join(QLatin1Char(' ')));
    m_loaded = true;
    emit loaded();
}

QString KeptOutputDialog::stdoutText() const { return m_stdout->toPlainText(); }
QString KeptOutputDialog::stderrText() const { return m_stderr->toPlainText(); }
QString KeptOutputDialog::message() const { return m_message->text(); }

} // namespace procdeck::app
