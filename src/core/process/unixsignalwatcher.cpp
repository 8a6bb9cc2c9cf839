#include "unixsignalwatcher.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace procdeck {

namespace {
int s_fds[2] = {-1, -1};

void handler(int sig)
{
    // The interrupted code may be about to read errno: a handler must leave it as it found it.
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1); // async-signal-safe
    errno = savedErrno;
}
} // namespace

UnixSignalWatcher::UnixSignalWatcher(const QList<int> &signals_, QObject *parent)
    : QObject(parent), m_signals(signals_)
{
    if (s_fds[0] < 0
        && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, s_fds) != 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(s_fds[1], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &UnixSignalWatcher::onReadable);
    for (int sig : m_signals) {
        struct sigaction sa {};
        sa.sa_handler = handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(sig, &sa, nullptr);
    }
}

UnixSignalWatcher::~UnixSignalWatcher()
{
    for (int sig : m_signals)
        ::signal(sig, SIG_DFL);
}

void UnixSignalWatcher::onReadable()
{
    unsigned char byte = 0;
    while (::read(s_fds[1], &byte, 1) == 1)
        emit received(int(byte));
}

} // namespace procdeck
