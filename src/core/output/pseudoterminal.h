#pragma once

#include <QObject>

namespace procdeck {

/// A job's pseudo-terminal (`--pty`): its stdout and stderr (and its stdin, unless the job was
/// given input) are the terminal's slave side, so that programs that buffer or drop colours when
/// piped behave as at a terminal. ProcDeck reads the master side on OutputPump's thread
/// (JobOutputReader::openTerminal()), as it reads pipes: never on the job's thread.
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
    /// The master's descriptor (non-blocking), -1 once closed.
    int masterFd() const { return m_master; }

    /// In the child, between fork and exec (async-signal-safe): a session of its own with this
    /// terminal as its controlling terminal, stdout and stderr on it, and stdin when
    /// `terminalStdin`. The caller's process group is then the new session's.
    void attachInChild(bool terminalStdin) const noexcept;

    /// Before the fork, for a job given no input: its reads of the terminal return end-of-file
    /// at once, every time, as they would from /dev/null, while the terminal stays a terminal.
    void endInput();
    /// In the parent, once the child exists: drops the parent's slave side, so that the end of
    /// the job's tree is seen as the end of the terminal (EIO on the master).
    void closeSlave();
    /// Closes both sides.
    void close();
    bool isOpen() const { return m_master >= 0; }

private:
    int m_master = -1;
    int m_slave = -1;
};

} // namespace procdeck
