#pragma once

#include "types/jobspec.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace procdeck {

/// The exec of a job's child, made by ProcDeck rather than by QProcess, for three things QProcess
/// 6.4 cannot give: the exact argv bytes (rawbytes: a file name that is not UTF-8 reaches the
/// child as given), the job's environment marker, and the errno of a failed exec (QProcess only
/// says it in words; shortages are recognised by errno values, never by message text).
///
/// Everything is made in the parent by prepare(); runInChild() runs between fork and exec (as
/// QProcess's child process modifier, after QProcess set up the pipes and the working directory)
/// and calls async-signal-safe functions only. When its execve fails, it writes the errno to a
/// pipe and returns: QProcess's own exec then fails too and reports FailedToStart, and the parent
/// reads the errno with takeExecErrno().
class PseudoTerminal;

class ChildExec final
{
public:
    ChildExec() = default;
    ~ChildExec();
    ChildExec(const ChildExec &) = delete;
    ChildExec &operator=(const ChildExec &) = delete;

    /// Builds argv, envp (the inherited environment, the spec's changes, `markerEntry`) and the
    /// errno pipe. False with *error when the pipe cannot be made; *errnoValue says why.
    bool prepare(const JobSpec &spec, const QByteArray &markerEntry, int *errnoValue);
    /// The job runs in `terminal` (its slave side becomes stdout and stderr, and the controlling
    /// terminal; stdin stays QProcess's); it must outlive the fork. Call before the fork.
    void setTerminal(const PseudoTerminal *terminal) { m_terminal = terminal; }
    /// The job's stdout and stderr are these pipes' write ends (JobOutputReader's); without them
    /// (and without a terminal) the child opens /dev/null for both. Call before the fork; not with
    /// a terminal.
    void setOutputPipes(const int *writeEnds);
    /// The program path QProcess is given: one whose exec always fails. QProcess's exec runs only
    /// after ours failed, and must not start the program without the marker and environment.
    QString programForQProcess() const { return m_programForQProcess; }

    /// In the child: new process group, default signal dispositions and an empty signal mask
    /// (ProcDeck ignores or blocks some; a child must not inherit that), the spec's niceness
    /// (its errno, EACCES for one below what the user may, is the failed start's), then execve.
    void runInChild() const noexcept;
    /// In the parent, after QProcess::start(): closes the write end (the child holds its own).
    void parentStarted();
    /// In the parent, after an exec failure: the errno the child's execve got, 0 if unknown.
    int takeExecErrno();

    /// Test hook: the next job's exec "fails" with this errno (its child writes it and QProcess's
    /// own exec of a path that cannot exist fails for real). 0 switches it off.
    static void injectExecFailureForTesting(int errnoValue);

private:
    /// prepare()'s steps: argv and the program's path (looked up on PATH here, where the child
    /// could not); the environment; the pipe a failed exec's errno comes back through, with
    /// the descriptors QProcess will need probed when they run short.
    void prepareCommand(const JobSpec &spec);
    void prepareEnvironment(const JobSpec &spec, const QByteArray &markerEntry);
    bool openErrnoPipe(int *errnoValue);
    void closePipe();

    QByteArray m_path;
    std::vector<QByteArray> m_argStorage;
    std::vector<QByteArray>
            m_envStorage; ///< the entries added or replaced; the rest point into environ
    std::vector<char *> m_argv;
    std::vector<char *> m_envp;
    QString m_programForQProcess;
    int m_injectedErrno = 0;
    int m_nice = 0; ///< JobSpec::nice: added in the child before the exec when not 0
    bool m_nullStdin = false; ///< no input given: the child opens /dev/null as its stdin
    int m_qprocessNeeds = 0;  ///< descriptors QProcess opens for this start
    const PseudoTerminal *m_terminal = nullptr;
    int m_outputFds[2] = {-1, -1};
    int m_errnoPipe[2] = {-1, -1};
};

} // namespace procdeck
