#include "history.h"

#include "process/guardian.h"
#include "historyreader.h"
#include "historywriter.h"
#include "process/job.h"
#include "scheduling/scheduler.h"
#include "process/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QSemaphore>
#include <QStandardPaths>

#include <memory>

namespace procdeck {

History::History(QObject *parent)
    : QObject(parent),
      m_runId(session::id())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &History::flush);
}

History::~History()
{
    close();
}

QString History::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("history.sqlite"));
}

void History::startThread(const QString &path)
{
    m_path = path;
    m_opening = true;
    auto reader = std::make_unique<HistoryReader>(path, m_runId);
    reader->moveToThread(&m_thread);
    m_reader = reader.release(); // owned by its thread from here: deleted when the thread finishes
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("procdeck-history"));
    m_thread.setStackSize(1024 * 1024); // SQLite's needs, not the default 8 MiB of address space
    m_thread.start();
}

template<typename T, typename F>
T History::waitFor(F read, T none) const
{
    if (!m_reader || !m_thread.isRunning())
        return none;
    T answer = none;
    // The one kind of call that holds its caller: procdeck-cli and tests, never the window.
    QMetaObject::invokeMethod(
            m_reader, [&answer, read, reader = m_reader] { answer = read(reader); },
            Qt::BlockingQueuedConnection);
    return answer;
}

bool History::open(const QString &path, QString *error, QString *notice)
{
    startThread(path);
    const HistoryOpening opening
            = waitFor([](HistoryReader *reader) { return reader->open(); }, HistoryOpening {});
    onOpened(opening);
    if (error)
        *error = opening.error;
    if (notice)
        *notice = opening.notice;
    return opening.ok;
}

void History::openInBackground(const QString &path)
{
    startThread(path);
    m_openingAnswer = std::make_shared<HistoryOpening>();
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, answer = m_openingAnswer] {
        *answer = reader->open();
        // `this` outlives the thread (close() waits for it); the event goes if `this` does.
        QMetaObject::invokeMethod(this, [this, answer] {
            if (m_opening && answer == m_openingAnswer)
                onOpened(*answer);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void History::onOpened(const HistoryOpening &opening)
{
    m_opening = false;
    m_openingAnswer.reset();
    m_open = opening.ok;
    if (opening.ok) {
        guardian::setReportPath(HistoryReader::guardianReportPath(m_path));
        startWriter();
        flush(); // the jobs recorded while it opened
    } else {
        m_pending.clear();
        m_pendingIndex.clear();
    }
    emit opened(opening.ok, opening.error, opening.notice);
}

void History::startWriter()
{
    auto writer = std::make_unique<HistoryWriter>(m_path);
    writer->moveToThread(&m_thread);
    m_writer = writer.release(); // owned by its thread from here: deleted when the thread finishes
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &HistoryWriter::stalled, this, &History::writeStalled);
    connect(m_writer, &HistoryWriter::recovered, this, &History::writeRecovered);
}

void History::attach(const Scheduler *scheduler)
{
    // Queued, started (its pid known) and ended are what is recorded; output growth is not. A
    // job still queued when ProcDeck dies is in the history too: cancelled by that end. A
    // remote job's changes too: its Slurm job id and node come later, and must be kept should
    // ProcDeck be killed before the end.
    connect(scheduler, &Scheduler::jobsInserted, this, [this, scheduler](int first, int last) {
        for (int i = first; i <= last; ++i)
            record(*scheduler->jobAt(i));
    });
    connect(scheduler, &Scheduler::jobStarted, this, [this](Job *job) { record(*job); });
    connect(scheduler, &Scheduler::jobStateChanged, this, [this](Job *job) {
        if (job->remote() && isAlive(job->state()))
            record(*job);
    });
    connect(scheduler, &Scheduler::jobEnded, this, [this](Job *job) { record(*job); });
}

void History::record(const Job &job)
{
    if (m_closed || !(m_writer || m_opening))
        return;
    if (job.remote() && job.remote()->engineJob() > 0)
        return; // the user's engine runs it and records it, once
    // One row per job per flush: a short job's start and end, 200 ms apart at most, become one.
    historyrows::Row row{m_runId, QCoreApplication::applicationPid(), job.record(),
                         job.specAsRun()}; // Run again runs what ran: {%} as its slot
    const auto it = m_pendingIndex.constFind(row.record.seq);
    if (it != m_pendingIndex.constEnd()) {
        m_pending[it.value()] = std::move(row);
    } else {
        m_pendingIndex.insert(row.record.seq, int(m_pending.size()));
        m_pending.append(std::move(row));
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void History::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty() || !m_writer)
        return;
    QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, rows = std::move(m_pending)] { writer->add(rows); },
            Qt::QueuedConnection);
    m_pending = {};
    m_pendingIndex.clear();
}

bool History::waitForWrites(int timeoutMs)
{
    flush();
    if (!m_writer)
        return false;
    struct Answer {
        QSemaphore done;
        bool written = false;
    };
    const auto answer
            = std::make_shared<Answer>(); // shared: the writer may answer after we stop waiting
    QMetaObject::invokeMethod(m_writer, [writer = m_writer, answer] {
        answer->written = writer->writeNow();
        answer->done.release();
    }, Qt::QueuedConnection);
    return answer->done.tryAcquire(1, timeoutMs) && answer->written;
}

QString History::close(int deadlineMs)
{
    if (m_closed || !m_reader)
        return {};
    m_closed = true;
    // Closing is the one time the history may hold the window (ProcDeck is on its way out).
    if (m_opening) { // an open still on its way: wait for it, so that the rows gathered meanwhile
                     // go in
        waitFor([](HistoryReader *) { return true; }, false);
        if (m_opening)
            onOpened(*m_openingAnswer);
    }
    QString message;
    if (m_writer) {
        flush();
        // The writer's thread does the last tries; this one waits for it.
        QMetaObject::invokeMethod(
                m_writer, [writer = m_writer, deadlineMs] { return writer->finish(deadlineMs); },
                Qt::BlockingQueuedConnection, &message);
    }
    m_thread.quit();
    m_thread.wait();
    m_writer = nullptr;
    m_reader = nullptr;
    return message;
}

QList<HistoryEntry> History::recent(int limit, const QString &search) const
{
    return waitFor([limit, search](HistoryReader *reader) { return reader->recent(limit, search); },
                   QList<HistoryEntry>());
}

qint64 History::keptOutputBytes() const
{
    return waitFor([](HistoryReader *reader) { return reader->keptOutputBytes(); }, qint64(0));
}

quint64 History::fetchRecent(int limit, const QString &search)
{
    const quint64 ticket = ++m_lastTicket;
    flush(); // handed to the writer first: on the same thread, it writes them before this reads
    if (!m_reader || !m_open) {
        QMetaObject::invokeMethod(
                this, [this, ticket] { emit recentFetched(ticket, {}); }, Qt::QueuedConnection);
        return ticket;
    }
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, ticket, limit, search] {
        const QList<HistoryEntry> entries = reader->recent(limit, search);
        QMetaObject::invokeMethod(
                this, [this, ticket, entries] { emit recentFetched(ticket, entries); },
                Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return ticket;
}

quint64 History::fetchKeptOutputBytes()
{
    const quint64 ticket = ++m_lastTicket;
    if (!m_reader || !m_open) {
        QMetaObject::invokeMethod(
                this, [this, ticket] { emit keptOutputBytesFetched(ticket, 0); },
                Qt::QueuedConnection);
        return ticket;
    }
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, ticket] {
        const qint64 bytes = reader->keptOutputBytes();
        QMetaObject::invokeMethod(
                this, [this, ticket, bytes] { emit keptOutputBytesFetched(ticket, bytes); },
                Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return ticket;
}

} // namespace procdeck
