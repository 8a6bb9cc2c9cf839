#include "childexec.h"

#include "fdbudget.h"
#include "processgroup.h"
#include "output/pseudoterminal.h"
#include "types/rawbytes.h"
#include "session.h"

#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

extern char **environ;

namespace procdeck {

namespace {

int s_injectedExecErrno = 0;
/// QProcess's own for a start: its start-up pipe and the process handle (it opens nothing for the
/// job's stdout and stderr, nor for a /dev/null stdin: the child opens that itself).
constexpr int kDescriptorsQProcessNeeds = 3;
constexpr int kDescriptorsForGivenInput = 2; ///< the pipe QProcess writes the spec's input to
constexpr int kProbeMargin = 64; ///< other threads may open a few meanwhile

/// In the child: /dev/null over `fd`. Closed first, so the open takes that very number even when
/// the parent's table (copied into the child's) is full.
void openNullOver(int fd, int flags) noexcept
{
    ::close(fd);
    const int opened = ::open("/dev/null", flags);
    if (opened >= 0 && opened != fd) {
        ::dup2(opened, fd);
        ::close(opened);
    }
}

/// True when the inherited "KEY=VALUE" `entry` has the key of `change` ("KEY=…"): it is replaced.
bool sameKey(const char *entry, const QByteArray &change)
{
    const qsizetype eq = change.indexOf('=');
    const qsizetype keyLength = eq < 0 ? change.size() : eq;
    return std::strncmp(entry, change.constData(), size_t(keyLength)) == 0
        && (entry[keyLength] == '=' || entry[keyLength] == '\0');
}

/// A terminal job's environment: over the inherited one, under the spec's own entries. The
/// terminal says what it is; and since nobody reads pages there, pagers are `cat`: a pager waits
/// for keys nobody types, in modes whose reads never see end-of-file (`git log` or `man ls` in a
/// terminal job waited for the timeout with one screen of their output, they now end with all).
void addTerminalEntries(std::vector<QByteArray> *changes)
{
    static const char *const kEntries[] = { "TERM=xterm-256color", "PAGER=cat", "GIT_PAGER=cat",
                                            "MANPAGER=cat" };
    for (const char *entry : kEntries) {
        const QByteArray added(entry);
        const QByteArray key = added.left(added.indexOf('='));
        if (std::none_of(changes->begin(), changes->end(),
                         [&key](const QByteArray &c) { return sameKey(c.constData(), key); }))
            changes->push_back(added);
    }
}

} // namespace

ChildExec::~ChildExec()
{
    closePipe();
}

void ChildExec::injectExecFailureForTesting(int errnoValue)
{
    s_injectedExecErrno = errnoValue;
}

void ChildExec::closePipe()
{
    for (int &fd : m_errnoPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

void ChildExec::setOutputPipes(const int *writeEnds)
{
    m_outputFds[0] = writeEnds[0];
    m_outputFds[1] = writeEnds[1];
}

bool ChildExec::prepare(const JobSpec &spec, const QByteArray &markerEntry, int *errnoValue)
{
    prepareCommand(spec);
    prepareEnvironment(spec, markerEntry);
    m_nice = spec.nice;
    m_injectedErrno = std::exchange(s_injectedExecErrno, 0);
    // QProcess's own exec, which follows only when ours failed, must fail too: run by it, the
    // program would have neither the marker nor the spec's environment and exact bytes.
    m_programForQProcess = QStringLiteral("/dev/null/procdeck-exec-failed");
    m_nullStdin = spec.standardInputFile.isEmpty() && spec.standardInput.isEmpty();
    m_qprocessNeeds = kDescriptorsQProcessNeeds
            + (spec.standardInputFile.isEmpty() ? 0 : 1)
            + (m_nullStdin || !spec.standardInputFile.isEmpty() ? 0 : kDescriptorsForGivenInput);
    return openErrnoPipe(errnoValue);
}

void ChildExec::prepareCommand(const JobSpec &spec)
{
    QString program;
    if (spec.useShell) {
        program = QStringLiteral("/bin/sh");
        m_argStorage = { QByteArrayLiteral("/bin/sh"), QByteArrayLiteral("-c"),
                         rawbytes::toBytes(spec.shellCommand) };
    } else {
        // As execvp would: a name without '/' is looked up on PATH (here, in the parent: the
        // child may not allocate). Not found: QProcess's exec fails and says so.
        program = spec.program.contains(QLatin1Char('/'))
                ? spec.program
                : QStandardPaths::findExecutable(spec.program);
        if (program.isEmpty())
            program = spec.program;
        m_argStorage.clear();
        m_argStorage.reserve(size_t(spec.arguments.size()) + 1);
        m_argStorage.push_back(rawbytes::toBytes(spec.program));
        for (const QString &arg : spec.arguments)
            m_argStorage.push_back(rawbytes::toBytes(arg));
    }
    m_path = rawbytes::toBytes(program);
    m_argv.clear();
    for (const QByteArray &arg : m_argStorage)
        m_argv.push_back(const_cast<char *>(arg.constData()));
    m_argv.push_back(nullptr);
}

void ChildExec::prepareEnvironment(const JobSpec &spec, const QByteArray &markerEntry)
{
    // The inherited environment as it is now, the spec's entries over it, the marker last.
    std::vector<QByteArray> changes;
    changes.reserve(size_t(spec.environment.size()) + 1);
    for (const QString &entry : spec.environment)
        changes.push_back(rawbytes::toBytes(entry));
    if (spec.pty)
        addTerminalEntries(&changes);
    changes.push_back(markerEntry);
    // Inherited entries are pointed at where they are, not copied: nothing changes them between
    // here and the exec, which follows on this thread.
    m_envStorage = std::move(changes);
    m_envp.clear();
    for (char **e = environ; e && *e; ++e) {
        bool replaced = false;
        for (const QByteArray &change : m_envStorage)
            replaced = replaced || sameKey(*e, change);
        if (!replaced)
            m_envp.push_back(*e);
    }
    for (const QByteArray &change : m_envStorage)
        m_envp.push_back(const_cast<char *>(change.constData())); // execve's type; never written
    m_envp.push_back(nullptr);
}

bool ChildExec::openErrnoPipe(int *errnoValue)
{
    closePipe();
    if (::pipe2(m_errnoPipe, O_CLOEXEC) != 0) {
        *errnoValue = errno;
        return false;
    }
    // Far from the limit (the usual case: descriptors are handed out lowest first, so the pipe's
    // numbers say how many are open), there is nothing to probe.
    if (m_errnoPipe[1] + m_qprocessNeeds + kProbeMargin < fdbudget::limit())
        return true;
    // QProcess needs about this many more descriptors for a moment (its pipes, /dev/null, the
    // process handle). Asked for here, where errno is ours: when QProcess runs short itself it
    // says so with a qWarning that may change errno before we could read it.
    int probes[kDescriptorsQProcessNeeds + kDescriptorsForGivenInput];
    int held = 0;
    int shortage = 0;
    for (; held < m_qprocessNeeds; ++held) {
        probes[held] = ::fcntl(m_errnoPipe[0], F_DUPFD_CLOEXEC, 0);
        if (probes[held] < 0) {
            shortage = errno;
            break;
        }
    }
    for (int i = 0; i < held; ++i)
        ::close(probes[i]);
    if (shortage != 0) {
        closePipe();
        *errnoValue = shortage;
        return false;
    }
    return true;
}

void ChildExec::runInChild() const noexcept
{
    // /dev/null opened here rather than by QProcess in the parent: three descriptors fewer there
    // for every start, which is what decides how many jobs a low `ulimit -n` leaves room for.
    if (m_nullStdin)
        openNullOver(STDIN_FILENO, O_RDONLY);
    if (!m_terminal && (m_outputFds[0] < 0 || m_outputFds[1] < 0)) {
        openNullOver(STDOUT_FILENO, O_WRONLY);
        openNullOver(STDERR_FILENO, O_WRONLY);
    }
    // A process group of its own, so that a kill reaches the whole tree; in a terminal, a session
    // of its own (whose group it leads) with the terminal as its controlling one.
    if (m_terminal)
        m_terminal->attachInChild();
    else
        ::setpgid(0, 0);
    // dup2 clears close-on-exec on the copies; the pipes' own descriptors close at the exec.
    if (m_outputFds[0] >= 0 && m_outputFds[1] >= 0) {
        ::dup2(m_outputFds[0], STDOUT_FILENO);
        ::dup2(m_outputFds[1], STDERR_FILENO);
    }
    // The pipes stay at the kernel's 64 KiB on purpose: 1 MiB pipes made capture ~10 % faster
    // but let 64 jobs hand the event loop 64 MiB per turn, and the window lagged for it.
    // Handlers are reset by exec anyway; ignored signals (SIGPIPE in procdeck-cli) and the
    // blocked mask would be inherited and change how the child behaves.
    processgroup::restoreDefaultSignals();

    int err = m_injectedErrno;
    // Added to ProcDeck's own niceness, as GNU parallel's `nice -n N`.
    errno = 0;
    if (err == 0 && m_nice != 0 && ::nice(m_nice) == -1 && errno != 0)
        err = errno;
    if (err == 0) {
        ::execve(m_path.constData(), m_argv.data(), m_envp.data());
        err = errno;
    }
    if (m_errnoPipe[1] >= 0) {
        [[maybe_unused]] const ssize_t n = ::write(m_errnoPipe[1], &err, sizeof err);
    }
    // Return: QProcess's exec follows and fails as well (the same path, or the injected one).
}

void ChildExec::parentStarted()
{
    if (m_errnoPipe[1] >= 0) {
        ::close(m_errnoPipe[1]);
        m_errnoPipe[1] = -1;
    }
}

int ChildExec::takeExecErrno()
{
    parentStarted();
    int err = 0;
    if (m_errnoPipe[0] >= 0) {
        ssize_t n;
        do {
            n = ::read(m_errnoPipe[0], &err, sizeof err);
        } while (n < 0 && errno == EINTR);
        if (n != ssize_t(sizeof err))
            err = 0;
    }
    closePipe();
    return err;
}

} // namespace procdeck
