#pragma once

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace procdeck {

class OutputLog;

/// A job's pseudo-terminal (`--pty`): its stdout and stderr (and its stdin, unless the job was
/// given input) are the terminal's slave side, so that programs that buffer or drop colours when
/// piped behave as at a terminal. ProcDeck reads the master side.
///
/// Its settings are a terminal's, with one exception: output post-processing (ONLCR) is off, so
/// that "\n" stays "\n" in captures and exports, as through a pipe.
class PseudoTerminal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PseudoTerminal)

public:
    static constexpr int kColumns = 120;
    static constexpr int kRows = 40;

    explicit PseudoTerminal(QObject *parent = nullptr);
    ~PseudoTerminal() override;

    /// Opens the master and slave sides with a window size of kColumns × kRows. False when the
    /// system cannot give one; *errnoValue says why.
    bool open(int *errnoValue);
    /// The slave's descriptor, for the child (close-on-exec in ProcDeck's own process).
    int slaveFd() const { return m_slave; }

    /// In the child, between fork and exec (async-signal-safe): a session of its own with this
    /// terminal as its controlling terminal, stdout and stderr on it, and stdin when
    /// `terminalStdin`. The caller's process group is then the new session's.
    void attachInChild(bool terminalStdin) const noexcept;

    /// In the parent, once the child exists: drops the parent's slave side (so that the end of
    /// the job's tree is seen as the end of the terminal) and starts reading. With
    /// `sendEndOfInput`, the terminal's stdin gets an end-of-file, as if a person pressed Ctrl+D:
    /// a job given no input reads EOF at once, as it would without a terminal.
    void startReading(bool sendEndOfInput);
    /// Reads everything the terminal holds now into `log`; false once the terminal has ended
    /// (every slave side closed and all read), when it closes itself.
    bool drainInto(OutputLog &log);

signals:
    /// Output is waiting: call drainInto().
    void readyRead();

private:
    void closeFds();

    int m_master = -1;
    int m_slave = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace procdeck
