#include "spillwriter.h"

#include "types/errnotext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <chrono>
#include <thread>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace procdeck {

namespace {
constexpr size_t kSpareBuffers = 8;           ///< 2 MiB of 256 KiB batches
constexpr qsizetype kMaxSpareBytes = 1 << 20; ///< larger ones (a big read passed whole) are let go
constexpr int kOpenRetryMs = 2;
constexpr int kOpenWaitMs = 5000;
} // namespace

SpillWriter &SpillWriter::instance()
{
    static SpillWriter writer;
    return writer;
}

SpillWriter::SpillWriter()
    : m_thread([this] { run(); })
{
}

SpillWriter::~SpillWriter()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true; // after what is queued: nothing given is dropped
    }
    m_wake.notify_one();
    m_thread.join();
}

std::shared_ptr<SpillFile> SpillWriter::open(const QString &path)
{
    auto file = std::make_shared<SpillFile>();
    file->path = path;
    push(Task{Kind::Open, file, {}});
    return file;
}

void SpillWriter::write(const std::shared_ptr<SpillFile> &file, QByteArray bytes)
{
    if (!bytes.isEmpty())
        push(Task{Kind::Write, file, std::move(bytes)});
}

void SpillWriter::sync(const SpillFile &file)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_progress.wait(lock, [&file] { return file.queuedTasks == 0; });
}

void SpillWriter::syncAll()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    const quint64 given = m_given;
    m_progress.wait(lock, [this, given] { return m_done >= given; });
}

void SpillWriter::close(const std::shared_ptr<SpillFile> &file)
{
    push(Task{Kind::Close, file, {}});
}

bool SpillWriter::isDone(const SpillFile &file) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return file.queuedTasks == 0;
}

QString SpillWriter::error(const SpillFile &file) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return file.error;
}

QByteArray SpillWriter::takeBuffer(qsizetype capacity)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (auto it = m_spare.rbegin(); it != m_spare.rend(); ++it) {
            if (it->capacity() >= capacity) {
                QByteArray buffer = std::move(*it);
                m_spare.erase(std::next(it).base());
                return buffer;
            }
        }
    }
    QByteArray buffer;
    buffer.reserve(capacity);
    return buffer;
}

void SpillWriter::push(Task task)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_queuedBytes > kMaxQueuedBytes)
        m_progress.wait(lock, [this] { return m_queuedBytes <= kMaxQueuedBytes / 2; });
    m_queuedBytes += task.bytes.size();
    ++task.file->queuedTasks;
    ++m_given;
    m_tasks.push_back(std::move(task));
    lock.unlock();
    m_wake.notify_one();
}

void SpillWriter::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
        if (m_tasks.empty())
            return; // stopping, and everything given is written
        Task task = std::move(m_tasks.front());
        m_tasks.pop_front();
        lock.unlock();
        const QString error = perform(task);
        lock.lock();
        if (!error.isEmpty() && task.file->error.isEmpty())
            task.file->error = error;
        m_queuedBytes -= task.bytes.size();
        --task.file->queuedTasks;
        ++m_done;
        if (m_spare.size() < kSpareBuffers && task.bytes.capacity() <= kMaxSpareBytes
            && task.bytes.isDetached()) {
            task.bytes.resize(0); // its memory stays
            m_spare.push_back(std::move(task.bytes));
        }
        m_progress.notify_all();
    }
}

QString SpillWriter::perform(Task &task)
{
    SpillFile &file = *task.file;
    switch (task.kind) {
    case Kind::Open: {
        QDir().mkpath(QFileInfo(file.path).absolutePath());
        const QByteArray name = QFile::encodeName(file.path);
        // Out of descriptors is a moment's state (a job starting holds a few) and the output
        // must not be lost for it: this thread waits, up to kOpenWaitMs, for one to free up.
        for (int waited = 0;; waited += kOpenRetryMs) {
            file.fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
            if (file.fd >= 0 || (errno != EMFILE && errno != ENFILE) || waited >= kOpenWaitMs)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(kOpenRetryMs));
        }
        return file.fd < 0 ? errnoText(errno) : QString();
    }
    case Kind::Write: {
        const char *data = task.bytes.constData();
        qsizetype left = task.bytes.size();
        while (left > 0 && file.fd >= 0) { // a file that failed takes no more
            const ssize_t n = ::write(file.fd, data, size_t(left));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const int err = n < 0 ? errno : ENOSPC; // 0 bytes written: no room
                ::close(file.fd);
                file.fd = -1;
                return errnoText(err);
            }
            data += n;
            left -= n;
        }
        return {};
    }
    case Kind::Close:
        if (file.fd >= 0) {
            const int fd = std::exchange(file.fd, -1);
            if (::close(fd) != 0 && errno != EINTR) // a late write error (NFS, quotas) shows here
                return errnoText(errno);
        }
        return {};
    }
    return {};
}

} // namespace procdeck
