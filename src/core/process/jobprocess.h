#pragma once

#include "types/jobspec.h"

#include <QProcess>

#include <memory>

namespace procdeck {

class ChildExec;
class PseudoTerminal;

/// A job's QProcess: the job's program, arguments, working directory and standard input, with
/// ChildExec making the exec in the child process modifier (exact bytes, the marker, the errno).
/// QProcess's own exec runs only when that one failed.
class JobProcess final : public QProcess
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobProcess)

public:
    /// Prepares the exec (argv, envp with `markerEntry`, the errno pipe) and, for spec.pty, the
    /// pseudo-terminal it runs in; otherwise the child's stdout and stderr are `outputPipes`'
    /// write ends (JobOutputReader's): QProcess reads neither. Null when one cannot be made:
    /// *errnoValue says why, *what which ("cannot start", "cannot open a pseudo-terminal").
    static std::unique_ptr<JobProcess> create(const JobSpec &spec, const QByteArray &markerEntry,
                                              const int *outputPipes, int *errnoValue,
                                              QString *what);
    ~JobProcess() override;

    /// Forks and execs, unbuffered; a terminal is read from then on. 0 when a child exists, else
    /// the errno of what failed before there was one (no pipe, no fork; errorString() says it).
    int startChild();
    /// The terminal the job's stdout and stderr are (spec.pty), null if none or closed.
    PseudoTerminal *terminal() const { return m_terminal.get(); }
    /// Closes the terminal now (the job has ended), rather than with this object, later.
    void closeTerminal();
    /// After `started`: the exec worked, its errno pipe is no longer needed.
    void execSucceeded();
    /// After an exec failure: the errno the child's execve got, 0 if unknown.
    int takeExecErrno();
    /// After `started`: writes the spec's in-memory standard input, if any, and closes it.
    void feedStandardInput(const JobSpec &spec);

    /// Test hooks: the next start() of any job fails as if fork() had returned `errnoValue`;
    /// the next job's exec fails later with `errnoValue`. 0 switches them off.
    static void injectStartFailureForTesting(int errnoValue);
    static void injectExecFailureForTesting(int errnoValue);
    /// The injected start failure, once (0 if none).
    static int takeInjectedStartErrno();

signals:
    /// The leader exited (`finished`): its exit code, or with `crashed` the signal that ended it.
    void leaderExited(int exitCode, bool crashed);
    /// The child was forked but its exec failed (after startChild() returned): takeExecErrno().
    void execFailed();

private:
    JobProcess(const JobSpec &spec, std::unique_ptr<ChildExec> exec,
               std::unique_ptr<PseudoTerminal> terminal);

    std::unique_ptr<ChildExec> m_exec; ///< until the exec is known to have worked
    std::unique_ptr<PseudoTerminal> m_terminal;
    bool m_inStart = false; ///< inside QProcess::start(): its signals come synchronously
    int m_startErrno = 0;
};

} // namespace procdeck
