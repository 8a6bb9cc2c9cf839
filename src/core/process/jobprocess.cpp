#include "jobprocess.h"

#include "childexec.h"
#include "output/pseudoterminal.h"

#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace procdeck {

namespace {
int s_injectedStartErrno = 0;
} // namespace

std::unique_ptr<JobProcess> JobProcess::create(const JobSpec &spec, const QByteArray &markerEntry,
                                               const int *outputPipes, int *errnoValue,
                                               QString *what)
{
    std::unique_ptr<PseudoTerminal> terminal;
    if (spec.pty) {
        terminal = std::make_unique<PseudoTerminal>();
        if (!terminal->open(errnoValue)) {
            *what = QStringLiteral("cannot open a pseudo-terminal");
            return nullptr;
        }
    }
    auto exec = std::make_unique<ChildExec>();
    if (!exec->prepare(spec, markerEntry, errnoValue)) {
        *what = QStringLiteral("cannot start");
        return nullptr;
    }
    if (!terminal && outputPipes)
        exec->setOutputPipes(outputPipes);
    return std::unique_ptr<JobProcess>(new JobProcess(spec, std::move(exec), std::move(terminal)));
}

JobProcess::JobProcess(const JobSpec &spec, std::unique_ptr<ChildExec> exec,
                       std::unique_ptr<PseudoTerminal> terminal)
    : m_exec(std::move(exec)), m_terminal(std::move(terminal))
{
    if (m_terminal) {
        m_exec->setTerminal(m_terminal.get());
        m_terminal->endInput();
    }
    // Given the same program and arguments, though ChildExec makes the exec itself.
    setProgram(m_exec->programForQProcess());
    setArguments(spec.useShell ? QStringList { QStringLiteral("-c"), spec.shellCommand }
                               : spec.arguments);
    if (!spec.workingDirectory.isEmpty())
        setWorkingDirectory(spec.workingDirectory);
    if (!spec.standardInputFile.isEmpty())
        setStandardInputFile(spec.standardInputFile);
    else if (spec.standardInput.isEmpty())
        // EOF at once, like a GUI's child should see; in a terminal too, whatever modes the job
        // sets there (a raw read of a terminal nobody types at never ends). ChildExec opens
        // /dev/null in the child: QProcess would open it here, a descriptor more for each start.
        setInputChannelMode(QProcess::ForwardedInputChannel);
    // Not read through QProcess (its reads are on the job's thread): ChildExec puts the output
    // pipes, the terminal or /dev/null over them in the child; QProcess opens nothing for them.
    setProcessChannelMode(QProcess::ForwardedChannels);
    const ChildExec *childExec = m_exec.get();
    setChildProcessModifier([childExec] { childExec->runInChild(); });
    connect(this, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        emit leaderExited(exitCode, status == QProcess::CrashExit);
    });
    connect(this, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) // Crashed: `finished` follows; the rest cannot come
            return;
        if (m_inStart) // synchronous (no pipe, no fork): errno still says why
            m_startErrno = errno;
        else
            emit execFailed();
    });
}

JobProcess::~JobProcess()
{
    // ~QProcess kills a child still running and emits finished/errorOccurred: not into the
    // relays above, whose JobProcess is gone by then.
    disconnect(this, nullptr, this, nullptr);
}

int JobProcess::startChild()
{
    m_inStart = true;
    m_startErrno = 0;
    errno = 0;
    start(QIODevice::ReadWrite | QIODevice::Unbuffered);
    m_inStart = false;
#if defined(__SANITIZE_ADDRESS__)
    // QProcess forks with CLONE_VM|CLONE_VFORK: the child ran our modifier on this very stack and
    // exec'd without returning, leaving AddressSanitizer's marks on stack we will use again.
    __asan_handle_no_return();
#endif
    m_exec->parentStarted();
    if (state() == QProcess::NotRunning)
        return m_startErrno;
    if (m_terminal)
        m_terminal->closeSlave();
    return 0;
}

void JobProcess::closeTerminal()
{
    if (m_terminal) {
        // Closed now (the job has ended); deleted later, since this may run inside its signal.
        m_terminal->close();
        m_terminal.release()->deleteLater();
    }
}

void JobProcess::execSucceeded()
{
    m_exec.reset();
}

int JobProcess::takeExecErrno()
{
    return m_exec ? m_exec->takeExecErrno() : 0;
}

void JobProcess::feedStandardInput(const JobSpec &spec)
{
    if (spec.standardInputFile.isEmpty() && !spec.standardInput.isEmpty()) {
        write(spec.standardInput);
        closeWriteChannel();
    }
}

void JobProcess::injectStartFailureForTesting(int errnoValue)
{
    s_injectedStartErrno = errnoValue;
}

void JobProcess::injectExecFailureForTesting(int errnoValue)
{
    ChildExec::injectExecFailureForTesting(errnoValue);
}

int JobProcess::takeInjectedStartErrno()
{
    return std::exchange(s_injectedStartErrno, 0);
}

} // namespace procdeck
