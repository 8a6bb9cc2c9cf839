#include "pipefeeder.h"

#include "process/job.h"
#include "scheduling/scheduler.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace procdeck {

PipeFeeder::PipeFeeder(std::shared_ptr<const PipePlan> plan, int fd, int maxParallel,
                       Scheduler *scheduler, QObject *parent)
    : QObject(parent),
      m_plan(std::move(plan)),
      m_scheduler(scheduler),
      m_fd(fd),
      m_slots(maxParallel > 0 ? std::min(maxParallel, 1024) : QThread::idealThreadCount()),
      m_dir(QDir::tempPath() + QStringLiteral("/procdeck-pipe-XXXXXX"))
{
}

PipeFeeder::~PipeFeeder()
{
    stop();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    for (int fd : m_wake)
        if (fd >= 0)
            ::close(fd);
}

void PipeFeeder::start()
{
    QString error;
    if (!m_dir.isValid())
        error = QStringLiteral("--pipe: cannot make a folder for the blocks in %1: %2")
                        .arg(QDir::tempPath(), m_dir.errorString());
    else if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        error = QStringLiteral("--pipe: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    if (!error.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, error] { end(error); }, Qt::QueuedConnection);
        return;
    }
    connect(m_scheduler, &Scheduler::jobEnded, this, &PipeFeeder::onJobEnded);
    m_thread = QThread::create([this] { read(); });
    m_thread->start();
}

void PipeFeeder::end(const QString &error)
{
    if (!error.isEmpty())
        emit said(error, true);
    m_done = true;
    emit finished();
}

void PipeFeeder::add(const JobSpec &spec)
{
    if (m_scheduler->shutdownStatus().isActive())
        stop();
    if (m_stopping) { // the run is stopping: no job starts now
        QFile::remove(spec.standardInputFile);
        return;
    }
    m_files.insert(spec.standardInputFile);
    m_scheduler->add(spec);
}

void PipeFeeder::onJobEnded(const Job *job)
{
    // A job tried again keeps its block for the next try.
    const QString &file = job->spec().standardInputFile;
    if (job->retriedAs() != 0 || !m_files.remove(file))
        return;
    QFile::remove(file);
    m_slots.release(); // the next block may be read
}

void PipeFeeder::stop()
{
    if (m_stopping.exchange(true))
        return;
    if (m_wake[1] >= 0)
        (void)!::write(m_wake[1], "x", 1);
    m_slots.release(1 << 20); // a reader waiting for a slot goes on, and sees the stop
}

qint64 PipeFeeder::readInput(char *buffer, qint64 size)
{
    // poll() first, so that a stop wakes a reader whose input is a quiet pipe or a terminal.
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    for (;;) {
        if (m_stopping)
            return 0;
        const int n = ::poll(fds, 2, -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || fds[1].revents)
            return n < 0 ? -1 : 0;
        const ssize_t got = ::read(m_fd, buffer, size_t(size));
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return got;
    }
}

void PipeFeeder::read()
{
    parallel::PipeSplitter splitter(m_plan->rules,
                                    [this](char *b, qint64 n) { return readInput(b, n); });
    QString error;
    for (int seq = 1;; ++seq) {
        m_slots.acquire();
        QByteArray block;
        qint64 offset = 0;
        if (m_stopping || !splitter.next(&block, &offset))
            break;
        for (const QString &w : splitter.takeWarnings())
            QMetaObject::invokeMethod(this, [this, w] { emit said(w, false); });
        const QString path = m_dir.filePath(QStringLiteral("block-%1").arg(seq));
        QFile file(path);
        const QByteArray &header = splitter.header();
        if (!file.open(QIODevice::WriteOnly) || file.write(header) != header.size()
            || file.write(block) != block.size() || !file.flush()) {
            error = QStringLiteral("--pipe: cannot write the block to %1: %2")
                            .arg(path, file.errorString());
            break;
        }
        file.close();
        const qint64 size = block.size();
        block = QByteArray(); // the file has it
        const JobSpec spec = m_plan->jobFor(seq, path, offset, size);
        QMetaObject::invokeMethod(this, [this, spec] { add(spec); });
    }
    if (error.isEmpty() && !m_stopping)
        error = splitter.error();
    QMetaObject::invokeMethod(this, [this, error] { end(error); });
}

} // namespace procdeck
