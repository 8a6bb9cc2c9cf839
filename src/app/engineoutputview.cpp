#include "engineoutputview.h"

#include "core/client/engineconnection.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QScrollBar>
#include <QTextCursor>

namespace procdeck::app {

namespace {

/// Lines kept in the view: the complete output is in the engine's files (its exports).
constexpr int kMaxLines = 200000;

} // namespace

EngineOutputView::EngineOutputView(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(kMaxLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Select a background job to see its output."));
}

EngineOutputView::~EngineOutputView() = default;

void EngineOutputView::follow(int number)
{
    if (number == m_number)
        return;
    delete m_connection; // its follow ends with it
    m_connection = nullptr;
    m_number = number;
    m_complete = false;
    clear();
    for (QStringDecoder &d : m_decoders)
        d = QStringDecoder(QStringDecoder::Utf8);
    if (number <= 0)
        return;
    m_connection = new EngineConnection(
            QStringLiteral("procdeck %1").arg(QCoreApplication::applicationVersion()), this);
    connect(m_connection, &EngineConnection::attached, this, [this] {
        m_connection->send(protocol::message(protocol::type::follow,
                                             {{QStringLiteral("job"), m_number}}));
    });
    connect(m_connection, &EngineConnection::messageReceived, this, &EngineOutputView::onMessage);
    m_connection->open(false);
}

void EngineOutputView::onMessage(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    if (type == protocol::type::output) {
        const bool err = message.value(QStringLiteral("stream")).toString()
                == QStringLiteral("stderr");
        const QString text = m_decoders[err ? 1 : 0](
                message.value(QStringLiteral("data")).toByteArray());
        // Kept at the end while the person reads there, as a terminal does; left where they
        // scrolled to otherwise.
        QScrollBar *bar = verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        QTextCursor end(document());
        end.movePosition(QTextCursor::End);
        end.insertText(text);
        if (atEnd)
            bar->setValue(bar->maximum());
    } else if (type == protocol::type::ended) {
        m_complete = true;
        emit completed();
    }
}

} // namespace procdeck::app
