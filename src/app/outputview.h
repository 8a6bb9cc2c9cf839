#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace procdeck {
class Job;
class OutputLog;
} // namespace procdeck

namespace procdeck::app {

class JobTitleLabel;
class OutputPane;

/// The selected job's stdout and stderr, following live, under a line that says why the job
/// ended. The encoding can be switched after the fact (re-decoded from the kept bytes); terminal
/// colours can be stripped; the complete output opens in the person's own viewer.
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
    /// Brings the view up to date with what the job has captured since: at once the first time
    /// in 100 ms and when the job has ended (then exactly), else coalesced into one refresh.
    void refresh();

    QString stdoutText() const;
    QString stderrText() const;
    OutputPane *stdoutPane() const { return m_out; }
    OutputPane *stderrPane() const { return m_err; }
    QString encoding() const;
    void setEncoding(const QString &encoding);
    /// Shows the text without terminal colours (the kept bytes keep them).
    void setStripColours(bool strip);
    /// The line above the output: why the job ended, and what ProcDeck did around it.
    QString reasonText() const;
    /// The last thing said about opening the complete output (empty: nothing went wrong).
    QString messageText() const;
    /// Moves the keyboard focus to the find field (Ctrl+F).
    void startFind();
    /// Opens the complete file of one stream in the person's viewer, once it holds everything
    /// read so far: that may wait for the disk, so a worker thread waits. Says so where it
    /// failed; completeOutputHandled() tells when it is done.
    void openCompleteOutput(const std::shared_ptr<procdeck::OutputLog> &log);

signals:
    /// openCompleteOutput() is done: `opened` by a viewer, or not (messageText() says why).
    void completeOutputHandled(bool opened);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void rebuild();
    QHBoxLayout *makeToolRow();
    void connectTools();
    void fillOpenMenu();
    void updateHeaders();
    void updateReason();
    void findNext(bool backwards);
    void showMessage(const QString &text);

    QPointer<procdeck::Job> m_job;
    OutputPane *m_out = nullptr;
    OutputPane *m_err = nullptr;
    QComboBox *m_encoding = nullptr;
    QLineEdit *m_find = nullptr;
    QToolButton *m_wrap = nullptr;
    QToolButton *m_strip = nullptr;
    QToolButton *m_copy = nullptr;
    QToolButton *m_openComplete = nullptr;
    JobTitleLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    int m_reasonFor = -1; ///< the state the reason line was written for (it changes rarely)
    QBasicTimer m_refreshSoon;
    QElapsedTimer m_sinceRefresh;
};

} // namespace procdeck::app
