#pragma once

#include <QObject>

namespace procdeck {

/// A job's pseudo-terminal (`--pty`): its stdout and stderr are the terminal's slave side, and the
/// terminal is its controlling one, so that programs that buffer or drop colours when piped
/// behave as at a terminal. Its stdin is never the terminal: no one types there, and a job that
/// set raw mode (`stty raw; cat`) would wait for keys for ever (a raw read has no end-of-file).
/// ProcDeck reads the master side on OutputPump's thread (JobOutputReader::openTerminal()), as it
/// reads pipes: never on the job's thread.
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
    /// terminal as its controlling terminal, stdout and stderr on it (stdin is left as it is).
    /// The caller's process group is then the new session's.
    void attachInChild() const noexcept;

    /// Before the fork: a job that reads the terminal itself (/dev/tty) in the terminal's own
    /// modes gets end-of-file at once, every time, as from /dev/null.
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
