#pragma once

#include <QPlainTextEdit>
#include <QStringDecoder>

namespace procdeck {
class EngineConnection;
}

namespace procdeck::app {

/// One engine job's output, read-only: what it wrote so far, then as it comes, by a "follow" on
/// a connection of its own (a follow lasts until its job ends; another job is another
/// connection, the last one closed). Stdout and stderr in the order they came.
class EngineOutputView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineOutputView)

public:
    explicit EngineOutputView(QWidget *parent = nullptr);
    ~EngineOutputView() override;

    /// Shows job `number` (0: none). Asks nothing again when it shows that job already.
    void follow(int number);
    int number() const { return m_number; }
    /// Whether its "ended" came: the output shown is complete.
    bool isComplete() const { return m_complete; }

signals:
    /// The job's output is whole (its "ended" came).
    void completed();

private:
    void onMessage(const QCborMap &message);

    EngineConnection *m_connection = nullptr;
    int m_number = 0;
    bool m_complete = false;
    QStringDecoder m_decoders[2]; ///< stdout, stderr: a character split between reads stays whole
};

} // namespace procdeck::app
