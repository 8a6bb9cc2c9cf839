#include "pipesinks.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace procdeck {

PipeSinks::PipeSinks(int wakeFd, const std::atomic<bool> *stopping)
    : m_wake(wakeFd), m_stopping(stopping)
{
}

PipeSinks::~PipeSinks()
{
    closeAll();
}

bool PipeSinks::open(int *readEnd)
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        return false;
    if (::fcntl(ends[1], F_SETFL, O_NONBLOCK) != 0) {
        const int saved = errno;
        ::close(ends[0]);
        ::close(ends[1]);
        errno = saved;
        return false;
    }
    Sink sink;
    sink.fd = ends[1];
    m_sinks.push_back(sink);
    *readEnd = ends[0];
    return true;
}

bool PipeSinks::anyOpen() const
{
    return std::any_of(m_sinks.begin(), m_sinks.end(), [](const Sink &s) { return s.fd >= 0; });
}

int PipeSinks::nextFree(int from) const
{
    for (int i = 0; i < size(); ++i) {
        const Sink &s = m_sinks[size_t((from + i) % size())];
        if (s.fd >= 0 && !s.busy())
            return (from + i) % size();
    }
    return -1;
}

void PipeSinks::give(int index, const QByteArray &header, const QByteArray &bytes)
{
    Sink &s = m_sinks[size_t(index)];
    s.pending = s.given ? bytes : header + bytes;
    s.written = 0;
    s.given = true;
}

void PipeSinks::giveAll(const QByteArray &bytes)
{
    for (Sink &s : m_sinks)
        if (s.fd >= 0)
            give(int(&s - m_sinks.data()), QByteArray(), bytes);
}

void PipeSinks::writeSome(Sink *s)
{
    while (s->busy()) {
        const ssize_t n = ::write(s->fd, s->pending.constData() + s->written,
                                  size_t(s->pending.size() - s->written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN) { // EPIPE: the job has stopped reading
            ::close(s->fd);
            s->fd = -1;
            s->pending = QByteArray();
        }
        if (n <= 0)
            return;
        s->written += n;
    }
    s->pending = QByteArray(); // all written: the piece is not kept
    s->written = 0;
}

bool PipeSinks::pump(Until until, int index)
{
    std::vector<pollfd> fds;
    for (;;) {
        fds.clear();
        bool anyFree = false;
        for (Sink &s : m_sinks) {
            writeSome(&s);
            if (s.busy())
                fds.push_back({s.fd, POLLOUT, 0});
            else if (s.fd >= 0)
                anyFree = true;
        }
        if (*m_stopping)
            return false;
        if (until == Until::ThisOneFree && !m_sinks[size_t(index)].busy())
            return true;
        if (until == Until::Nothing || fds.empty() || (until == Until::OneFree && anyFree))
            return until != Until::OneFree || anyFree;
        fds.push_back({m_wake, POLLIN, 0});
        if (::poll(fds.data(), nfds_t(fds.size()), -1) < 0 && errno != EINTR)
            return false;
    }
}

void PipeSinks::closeAll()
{
    for (Sink &s : m_sinks) {
        if (s.fd >= 0)
            ::close(s.fd);
        s.fd = -1;
    }
}

} // namespace procdeck
