#include "unixsignalwatcher.h"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <csignal>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace procdeck {

namespace {
/// Wakes the event loop; which signals came, and how often, is in s_counts. One descriptor where
/// a socket pair takes two: under a low `ulimit -n` every one is room for a job.
int s_wakeFd = -1;
std::atomic<unsigned> s_counts[NSIG];
static_assert(std::atomic<unsigned>::is_always_lock_free, "used in a signal handler");

void handler(int sig)
{
    // The interrupted code may be about to read errno: a handler must leave it as it found it.
    const int savedErrno = errno;
    if (sig > 0 && sig < NSIG)
        s_counts[sig].fetch_add(1); // lock-free: async-signal-safe
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_wakeFd, &one, sizeof one); // async-signal-safe
    errno = savedErrno;
}
} // namespace

UnixSignalWatcher::UnixSignalWatcher(const QList<int> &signals_, QObject *parent)
    : QObject(parent), m_signals(signals_)
{
    if (s_wakeFd < 0)
        s_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (s_wakeFd < 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(s_wakeFd, QSocketNotifier::Read);
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
    uint64_t wakes = 0;
    [[maybe_unused]] const ssize_t n = ::read(s_wakeFd, &wakes, sizeof wakes);
    // Each signal as often as it came (a second SIGTERM means "at once" to the engine).
    for (int sig = 1; sig < NSIG; ++sig)
        for (unsigned times = s_counts[sig].exchange(0); times > 0; --times)
            emit received(sig);
}

} // namespace procdeck
