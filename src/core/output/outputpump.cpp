#include "outputpump.h"

#include "outputlog.h"
#include "spillwriter.h"

#include <QObject>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace procdeck {

namespace {
/// One pipe's worth a read, every ready pipe in turn: a job printing flat out gets no more turns
/// than the others.
constexpr qsizetype kReadBytes = 64 * 1024;
/// At a drain's deadline what the pipes hold is read, at most this much (the writer is not
/// ours to wait for: a pipe holds 64 KiB).
constexpr int kFinalReads = 16;
constexpr int kMaxEvents = 64;

void removeFrom(std::vector<std::shared_ptr<OutputPump::Channel>> &list,
                const OutputPump::Channel *channel)
{
    const auto it = std::find_if(list.begin(), list.end(),
                                 [channel](const auto &c) { return c.get() == channel; });
    if (it != list.end()) {
        std::swap(*it, list.back());
        list.pop_back();
    }
}
} // namespace

struct OutputPump::Channel {
    struct Stream {
        Channel *channel = nullptr;
        int index = 0;
        int fd = -1; ///< the pump's thread's, once attached
        std::shared_ptr<OutputLog> log;
    };
    Stream streams[2];
    QObject *receiver = nullptr; ///< under the pump's lock; null once detached
    std::shared_ptr<const Handlers> handlers;
    std::atomic<bool> notified{false};
    std::atomic<bool> failFirstRead{false};
    std::atomic<bool> ended{false};
    bool terminal = false; ///< one descriptor, a terminal's master: EIO is its end of file
    // The pump's thread's:
    bool draining = false;
    bool released = false;
    Clock::time_point deadline;
    bool open() const { return streams[0].fd >= 0 || streams[1].fd >= 0; }
};

OutputPump &OutputPump::instance()
{
    static OutputPump pump;
    return pump;
}

OutputPump::OutputPump()
{
    SpillWriter::instance(); // made first, so that it outlives the pump (reads end in its queue)
    const std::lock_guard<std::mutex> lock(m_mutex);
    setUp();
}

bool OutputPump::setUp()
{
    if (m_thread.joinable())
        return true;
    // Made at the first job's start, when descriptors may be short (EMFILE): what failed is said
    // to each job that needs the pump, and the next attach() tries again.
    if (m_epoll < 0)
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0 && m_wakeFd < 0)
        m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr;
    if (m_epoll < 0 || m_wakeFd < 0 || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
        m_setUpErrno = errno;
        if (m_wakeFd >= 0)
            ::close(m_wakeFd);
        m_wakeFd = -1;
        return false;
    }
    m_setUpErrno = 0;
    m_thread = std::thread([this] { run(); });
    return true;
}

OutputPump::~OutputPump()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    wake();
    if (m_thread.joinable())
        m_thread.join();
    for (const auto &list : {m_attached, m_added}) {
        for (const auto &channel : list) {
            for (Channel::Stream &s : channel->streams) {
                if (s.fd >= 0)
                    ::close(s.fd);
                s.fd = -1;
            }
        }
    }
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

std::shared_ptr<OutputPump::Channel> OutputPump::attach(int outFd, int errFd,
                                                        std::shared_ptr<OutputLog> out,
                                                        std::shared_ptr<OutputLog> err,
                                                        QObject *receiver, Handlers handlers,
                                                        bool failFirstRead)
{
    auto channel = std::make_shared<Channel>();
    const int fds[2] = {outFd, errFd};
    std::shared_ptr<OutputLog> logs[2] = {std::move(out), std::move(err)};
    for (int i = 0; i < 2; ++i) {
        Channel::Stream &s = channel->streams[i];
        s.channel = channel.get();
        s.index = i;
        s.fd = fds[i];
        s.log = std::move(logs[i]);
        s.log->setPublishedByHand();
        if (s.fd >= 0)
            ::fcntl(s.fd, F_SETFL, ::fcntl(s.fd, F_GETFL) | O_NONBLOCK);
    }
    channel->terminal = errFd < 0;
    channel->receiver = receiver;
    channel->handlers = std::make_shared<const Handlers>(std::move(handlers));
    channel->failFirstRead = failFirstRead;
    int setUpErrno = 0;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (setUp())
            m_added.push_back(channel);
        else
            setUpErrno = m_setUpErrno;
    }
    if (setUpErrno == 0) {
        wake();
        return channel;
    }
    // No pump to read them: the job is told (it stops, saying why) and its output ends here.
    for (Channel::Stream &s : channel->streams) {
        if (s.fd >= 0)
            ::close(s.fd);
        s.fd = -1;
        s.log->closeSpill();
    }
    channel->ended.store(true, std::memory_order_release);
    post(*channel, [setUpErrno](const Handlers &h) { h.readFailed(setUpErrno); });
    return channel;
}

void OutputPump::drain(const std::shared_ptr<Channel> &channel, int deadlineMs)
{
    bool noPump = false;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        noPump = !m_thread.joinable(); // then the channel failed at attach() and has ended
        if (!noPump) {
            channel->deadline = Clock::now() + std::chrono::milliseconds(deadlineMs);
            m_toDrain.push_back(channel);
        }
    }
    if (noPump)
        return post(*channel, [](const Handlers &h) { h.drained(); });
    wake();
}

void OutputPump::rearm(Channel &channel)
{
    channel.notified.store(false);
}

bool OutputPump::hasEnded(const Channel &channel)
{
    return channel.ended.load(std::memory_order_acquire);
}

void OutputPump::detach(const std::shared_ptr<Channel> &channel)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        channel->receiver = nullptr;
        if (hasEnded(*channel))
            return; // the pump let it go already
        m_toDetach.push_back(channel);
    }
    wake();
}

void OutputPump::wake()
{
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wakeFd, &one, sizeof one);
}

void OutputPump::post(Channel &channel, const std::function<void(const Handlers &)> &call)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (channel.receiver) // a receiver deleted before its call is delivered takes the call with it
        QMetaObject::invokeMethod(
                channel.receiver, [handlers = channel.handlers, call] { call(*handlers); },
                Qt::QueuedConnection);
}

void OutputPump::run()
{
    epoll_event events[kMaxEvents];
    for (;;) {
        m_released.clear(); // nothing of theirs is in epoll any more, nor in `events`
        takeCommands();
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stopping)
                return;
        }
        const int n = ::epoll_wait(m_epoll, events, kMaxEvents, pollTimeoutMs());
        for (int i = 0; i < n; ++i) {
            if (!events[i].data.ptr) {
                quint64 count;
                [[maybe_unused]] const ssize_t r = ::read(m_wakeFd, &count, sizeof count);
                continue;
            }
            auto *stream = static_cast<Channel::Stream *>(events[i].data.ptr);
            readReady(*stream->channel, stream->index);
        }
        expireDrains();
    }
}

void OutputPump::takeCommands()
{
    std::vector<std::shared_ptr<Channel>> added, toDrain, toDetach;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        added.swap(m_added);
        toDrain.swap(m_toDrain);
        toDetach.swap(m_toDetach);
    }
    for (const auto &channel : added) {
        if (channel->released)
            continue;
        m_attached.push_back(channel);
        for (int i = 0; i < 2; ++i) {
            Channel::Stream &s = channel->streams[i];
            epoll_event event{};
            event.events = EPOLLIN;
            event.data.ptr = &s;
            // Refused (a descriptor epoll cannot watch, no memory): never read, so said at once.
            if (s.fd >= 0 && ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, s.fd, &event) != 0)
                failStream(*channel, i, errno);
        }
    }
    for (const auto &channel : toDrain) {
        if (hasEnded(*channel))
            post(*channel, [](const Handlers &h) { h.drained(); });
        else if (!channel->released)
            channel->draining = true;
    }
    for (const auto &channel : toDetach) {
        if (channel->released)
            continue;
        for (int i = 0; i < 2; ++i)
            endStream(*channel, i, true);
        release(*channel);
    }
}

int OutputPump::pollTimeoutMs()
{
    int timeout = -1;
    const Clock::time_point now = Clock::now();
    for (const auto &channel : m_attached) {
        if (!channel->draining)
            continue;
        const auto left
                = std::chrono::ceil<std::chrono::milliseconds>(channel->deadline - now).count();
        timeout = timeout < 0 ? int(qMax<qint64>(left, 0))
                              : qMin(timeout, int(qMax<qint64>(left, 0)));
    }
    return timeout;
}

void OutputPump::expireDrains()
{
    const Clock::time_point now = Clock::now();
    std::vector<Channel *> due;
    for (const auto &channel : m_attached) {
        if (channel->draining && channel->deadline <= now)
            due.push_back(channel.get());
    }
    for (Channel *channel : due)
        finishDrain(*channel);
}

void OutputPump::readReady(Channel &channel, int index)
{
    Channel::Stream &s = channel.streams[index];
    if (s.fd < 0)
        return;
    int error = 0;
    if (channel.failFirstRead.exchange(false)) {
        error = EIO;
    } else {
        const qsizetype n = s.log->readFrom(s.fd, kReadBytes);
        if (n > 0) {
            if (!channel.notified.exchange(true))
                post(channel, [](const Handlers &h) { h.arrived(); });
            return;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        error = n < 0 && !(channel.terminal && errno == EIO) ? errno : 0;
    }
    if (error != 0)
        return failStream(channel, index, error);
    endStream(channel, index);
}

void OutputPump::failStream(Channel &channel, int index, int error)
{
    post(channel, [error](const Handlers &h) { h.readFailed(error); });
    endStream(channel, index);
}

void OutputPump::endStream(Channel &channel, int index, bool detaching)
{
    Channel::Stream &s = channel.streams[index];
    if (s.fd < 0)
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, s.fd, nullptr);
    ::close(s.fd);
    s.fd = -1;
    if (detaching || channel.open())
        return;
    // Both streams are complete: their spill files are closed here, so that the job's thread
    // waits for no disk when it ends the job.
    for (Channel::Stream &stream : channel.streams)
        stream.log->closeSpill();
    channel.ended.store(true, std::memory_order_release);
    if (channel.draining)
        post(channel, [](const Handlers &h) { h.drained(); });
    release(channel);
}

void OutputPump::finishDrain(Channel &channel)
{
    bool more = false;
    for (Channel::Stream &s : channel.streams) {
        // Past the deadline: what the pipe holds now, and no more.
        for (int i = 0; s.fd >= 0 && i < kFinalReads; ++i) {
            if (s.log->readFrom(s.fd, kReadBytes) <= 0)
                break;
            more = true;
        }
    }
    if (more && !channel.notified.exchange(true))
        post(channel, [](const Handlers &h) { h.arrived(); });
    for (int i = 0; i < 2; ++i)
        endStream(channel, i); // the last one says drained()
}

void OutputPump::release(Channel &channel)
{
    channel.draining = false;
    channel.released = true;
    for (const auto &c : m_attached) {
        if (c.get() == &channel) {
            m_released.push_back(c); // freed before the next wait: `events` may still name it
            break;
        }
    }
    removeFrom(m_attached, &channel);
}

} // namespace procdeck
