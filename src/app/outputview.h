#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace procdeck {
class Job;
class OutputLog;
class TextDecoder;
} // namespace procdeck

/// The selected job's stdout and stderr, following live: new bytes are decoded statefully and
/// appended, and the view scrolls with them unless the person has scrolled up. The encoding can
/// be switched after the fact (re-decoded from the kept bytes).
class OutputView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputView)

public:
    explicit OutputView(QWidget *parent = nullptr);
    ~OutputView() override;

    /// Shows this job's output (nullptr: nothing).
    void setJob(procdeck::Job *job);
    procdeck::Job *job() const { return m_job; }
    /// Brings the view up to date with what the job has captured since.
    void refresh();

    QString stdoutText() const;
    QString stderrText() const;
    QString encoding() const;
    void setEncoding(const QString &encoding);
    /// Moves the keyboard focus to the find field (Ctrl+F).
    void startFind();

private:
    /// One stream's pane: its text edit, header and decoding state.
    struct Pane {
        QPlainTextEdit *edit = nullptr;
        QLabel *header = nullptr;
        std::unique_ptr<procdeck::TextDecoder> decoder;
        qint64 shownUpTo = 0; ///< the stream offset the view has decoded up to
    };

    void rebuild();
    void updatePane(Pane &pane, const procdeck::OutputLog &log, bool full);
    void updateHeaders();
    void findNext(bool backwards);
    void openCompleteOutput();

    QPointer<procdeck::Job> m_job;
    Pane m_out;
    Pane m_err;
    QComboBox *m_encoding = nullptr;
    QLineEdit *m_find = nullptr;
    QToolButton *m_wrap = nullptr;
    QToolButton *m_copy = nullptr;
    QToolButton *m_openComplete = nullptr;
    QLabel *m_title = nullptr;
};
