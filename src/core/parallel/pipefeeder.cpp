#include "pipefeeder.h"

#include "pipesharder.h"

#include "process/job.h"
#include "scheduling/scheduler.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

namespace procdeck {

PipeFeeder::PipeFeeder(std::shared_ptr<const PipePlan> plan, int fd, int maxParallel,
                       Scheduler *scheduler, QObject *parent)
    : QObject(parent),
      m_plan(std::move(plan)),
      m_scheduler(scheduler),
      m_jobCount(maxParallel > 0 ? std::min(maxParallel, 1024) : QThread::idealThreadCount()),
      m_fd(fd),
      m_slots(m_jobCount),
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
    for (int fd : std::as_const(m_readEnds))
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
    connect(m_scheduler, &Scheduler::jobStarted, this, &PipeFeeder::closeReadEnd);
    if (m_plan->mode == PipePlan::Mode::Shard)
        return startShard();
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
    closeReadEnd(job); // a streamed job that never started
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
    if (m_sharder && m_sharder->isRunning()) {
        m_sharder->stop();
        QMetaObject::invokeMethod(this, [this] { end({}); }, Qt::QueuedConnection);
    }
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

bool PipeFeeder::nextBlock(parallel::PipeSplitter *splitter, QByteArray *block, qint64 *offset)
{
    if (m_stopping || !splitter->next(block, offset))
        return false;
    for (const QString &w : splitter->takeWarnings())
        QMetaObject::invokeMethod(this, [this, w] { emit said(w, false); });
    return true;
}

void PipeFeeder::read()
{
    // A job that stops reading its pipe is EPIPE to this thread's write, not SIGPIPE to all.
    sigset_t pipeSignal;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, nullptr);
    if (m_plan->mode == PipePlan::Mode::RoundRobin)
        return readRoundRobin();
    if (m_plan->mode == PipePlan::Mode::Tee)
        return readTee();
    parallel::PipeSplitter splitter(m_plan->rules,
                                    [this](char *b, qint64 n) { return readInput(b, n); });
    QString error;
    for (int seq = 1;; ++seq) {
        m_slots.acquire();
        QByteArray block;
        qint64 offset = 0;
        if (!nextBlock(&splitter, &block, &offset))
            break;
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

bool PipeFeeder::openSink(JobSpec spec, PipeSinks *sinks, QString *error)
{
    int readEnd = -1;
    if (!sinks->open(&readEnd)) {
        *error = QStringLiteral("--pipe: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    // The job opens the read end by its /proc name when it starts (as it opens a block's file);
    // until then this process keeps it open, so that what is written waits in the pipe.
    spec.standardInputFile = QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(readEnd);
    QMetaObject::invokeMethod(this, [this, spec, readEnd] { addStream(spec, readEnd); });
    return true;
}

void PipeFeeder::addStream(const JobSpec &spec, int readEnd)
{
    if (m_scheduler->shutdownStatus().isActive())
        stop();
    if (m_stopping) {
        ::close(readEnd);
        return;
    }
    m_readEnds.insert(spec.standardInputFile, readEnd);
    m_scheduler->add(spec);
}

void PipeFeeder::closeReadEnd(const Job *job)
{
    // Started, the job has its own; ended unstarted, nothing will read it. Either way the
    // writer is to see EPIPE once the job no longer reads.
    const int fd = m_readEnds.take(job->spec().standardInputFile);
    if (fd > 0)
        ::close(fd);
}

void PipeFeeder::readRoundRobin()
{
    parallel::PipeSplitter splitter(m_plan->rules,
                                    [this](char *b, qint64 n) { return readInput(b, n); });
    PipeSinks sinks(m_wake[0], &m_stopping);
    QString error;
    int next = 0;
    for (;;) {
        QByteArray block;
        qint64 offset = 0;
        if (!nextBlock(&splitter, &block, &offset))
            break;
        // As parallel: a job a block until there are -j of them, then each block to the next
        // job that has taken all of its last (with -k, to the next job once it has).
        if (sinks.size() < m_jobCount) {
            if (!openSink(m_plan->streamJobFor(sinks.size() + 1, QString()), &sinks, &error))
                break;
            next = sinks.size() - 1;
        } else if (m_plan->inTurn && sinks.pump(PipeSinks::Until::ThisOneFree, next)
                   && sinks.nextFree(next) == next) {
            // its turn, and its job reads: it gets the block
        } else if (!sinks.pump(PipeSinks::Until::OneFree)) {
            break; // stopped, or no job reads any more
        }
        next = sinks.nextFree(next);
        sinks.give(next, splitter.header(), block);
        next = (next + 1) % sinks.size();
        sinks.pump(PipeSinks::Until::Nothing);
    }
    sinks.pump(PipeSinks::Until::AllWritten);
    sinks.closeAll();
    if (error.isEmpty() && !m_stopping)
        error = splitter.error();
    QMetaObject::invokeMethod(this, [this, error] { end(error); });
}

void PipeFeeder::readTee()
{
    PipeSinks sinks(m_wake[0], &m_stopping);
    QString error;
    for (const JobSpec &spec : m_plan->teeJobs)
        if (!openSink(spec, &sinks, &error))
            break;
    QByteArray chunk(128 * 1024, Qt::Uninitialized);
    while (error.isEmpty() && sinks.anyOpen()) {
        const qint64 got = readInput(chunk.data(), chunk.size());
        if (got < 0)
            error = QStringLiteral("--pipe: cannot read standard input: %1")
                            .arg(QString::fromLocal8Bit(strerror(errno)));
        if (got <= 0)
            break;
        // Every job has all of a chunk before the next is read: the slowest sets the pace.
        sinks.giveAll(chunk.left(got));
        if (!sinks.pump(PipeSinks::Until::AllWritten))
            break;
    }
    sinks.closeAll();
    QMetaObject::invokeMethod(this, [this, error] { end(error); });
}

void PipeFeeder::startShard()
{
    // No thread: perl reads standard input and writes to the jobs' pipes itself.
    m_sharder = new PipeSharder(m_plan->shard, m_fd, m_jobCount, this);
    connect(m_sharder, &PipeSharder::ready, this, [this] {
        const std::vector<int> readEnds = m_sharder->takeReadEnds();
        for (std::size_t i = 0; i < readEnds.size(); ++i) {
            // All at once: each job's lines wait for it in its pipe, as parallel starts them.
            const QString pipe
                    = QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(readEnds[i]);
            addStream(m_plan->streamJobFor(int(i) + 1, pipe), readEnds[i]);
        }
    });
    connect(m_sharder, &PipeSharder::finished, this, [this](const QString &error) {
        end(m_stopping ? QString() : error);
    });
    QString error;
    if (!m_sharder->start(&error))
        QMetaObject::invokeMethod(this, [this, error] { end(error); }, Qt::QueuedConnection);
}

} // namespace procdeck
