#include "runlogwriter.h"

#include "output/spillwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace procdeck::runlog {

namespace {

/// Rows held in memory (waiting for an earlier job) before they go to a temporary file.
constexpr qint64 kHeldInMemoryLimit = 32 * 1024 * 1024;
/// Output waiting for the rows' thread before add() waits for it.
constexpr qint64 kQueueLimit = 64 * 1024 * 1024;

qint64 weight(const ExportEntry &e)
{
    return e.stdoutBytes.size() + e.stderrBytes.size()
            + 2 * (e.stdoutText.size() + e.stderrText.size()) + 1024;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool meansStdout(const QString &path)
{
    return path == QLatin1String("-") || path == QLatin1String("/dev/stdout")
            || path == QLatin1String("/dev/fd/1") || path == QLatin1String("/proc/self/fd/1");
}

bool writeAll(int fd, const char *data, qsizetype size, int *err)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *err = n < 0 ? errno : EIO;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

mode_t currentUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

} // namespace

StreamWriter::~StreamWriter()
{
    if (m_worker.joinable()) {
        {
            const std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_wake.notify_all();
        m_worker.join();
    }
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_tempPath.isEmpty())
        ::unlink(QFile::encodeName(m_tempPath).constData()); // finish() never came: no half file
}

std::unique_ptr<StreamWriter> StreamWriter::open(const QString &path, Format format, Start start,
                                                 const StdoutWriter &toStdout, QString *error)
{
    std::unique_ptr<StreamWriter> w(new StreamWriter);
    w->m_path = path;
    w->m_format = format;
    if (meansStdout(path)) {
        w->m_toStdout = toStdout;
    } else if (const int err = w->openTarget(start != Start::Anew)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, errnoText(err));
        return nullptr;
    }
    w->writeStart(start);
    if (!w->m_error.isEmpty()) {
        *error = w->m_error;
        return nullptr;
    }
    if (format == Format::JsonLines || format == Format::Csv) {
        StreamWriter *writer = w.get();
        w->m_worker = std::thread([writer] { writer->runWorker(); });
    }
    return w;
}

int StreamWriter::openTarget(bool append)
{
    const QByteArray name = QFile::encodeName(m_path);
    if (m_format == Format::JobLog) {
        // Written in place and flushed row by row: what a killed run leaves is what ran.
        const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
        m_fd = ::open(name.constData(), flags, 0666);
        return m_fd < 0 ? errno : 0;
    }
    struct stat st {};
    if (::stat(name.constData(), &st) == 0 && !S_ISREG(st.st_mode)) {
        // A pipe or a device (/dev/stderr, a FIFO): no renaming into place, write straight.
        m_fd = ::open(name.constData(), O_WRONLY | O_CLOEXEC);
        return m_fd < 0 ? errno : 0;
    }
    const QFileInfo info(m_path);
    QByteArray temp = QFile::encodeName(QDir(info.absolutePath())
                                                .filePath(QStringLiteral(".%1.procdeck-XXXXXX")
                                                                  .arg(info.fileName())));
    m_fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (m_fd < 0)
        return errno;
    m_tempPath = QFile::decodeName(temp);
    ::fchmod(m_fd, 0666 & ~currentUmask()); // mkstemp's 0600 is not what a new file gets
    return 0;
}

void StreamWriter::writeStart(Start start)
{
    if (m_format == Format::Csv) {
        emitBytes(csvHeader());
        return;
    }
    if (m_format != Format::JobLog)
        return;
    struct stat st {};
    const bool empty = m_fd < 0 || ::fstat(m_fd, &st) != 0 || st.st_size == 0;
    if (start == Start::Anew || (start == Start::Resume && empty)) {
        emitBytes(jobLogHeader());
        return;
    }
    if (empty)
        return; // +FILE: parallel writes rows only
    // Appended: the earlier rows stay; a last row without its '\n' gets one first.
    char last = '\n';
    const int in = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (in >= 0) {
        if (::pread(in, &last, 1, st.st_size - 1) != 1)
            last = '\n';
        ::close(in);
    }
    if (last != '\n')
        emitBytes("\n");
}

void StreamWriter::runWorker()
{
    QByteArray row; // one buffer for every row: its pages stay mapped
    for (;;) {
        std::pair<int, ExportEntry> item;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_closing; });
            if (m_queue.empty())
                return;
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        // A row names the job's output files, and a reader of a streamed export may open them
        // as the row comes: they are whole first (their writer may still be at them; the job's
        // end only queued their closing). Waited for here, off the event loop.
        if (!item.second.record.stdoutPath.isEmpty() || !item.second.record.stderrPath.isEmpty())
            SpillWriter::instance().syncAll();
        row.resize(0); // keeps the capacity
        if (m_format == Format::Csv)
            row += csvRow(item.second);
        else
            appendJsonLine(&row, item.second);
        writeRow(item.first, row);
        {
            const std::lock_guard lock(m_mutex);
            m_queuedBytes -= weight(item.second);
        }
        m_wake.notify_all();
    }
}

void StreamWriter::fail(int err)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("cannot write '%1': %2").arg(m_path, errnoText(err));
}

void StreamWriter::emitBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty() || !m_error.isEmpty())
        return;
    if (m_toStdout) {
        m_toStdout(bytes);
        return;
    }
    int err = 0;
    if (!writeAll(m_fd, bytes.constData(), bytes.size(), &err))
        fail(err);
}

void StreamWriter::add(int index, const ExportEntry &entry)
{
    switch (m_format) {
    case Format::JobLog:
        emitBytes(jobLogRow(entry)); // one write(2) each: nothing buffered here to lose
        return;
    case Format::Text:
    case Format::Html:
        m_reportEntries << summarizedForReport(entry);
        return;
    case Format::JsonLines:
    case Format::Csv:
        break;
    }
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_queuedBytes < kQueueLimit || m_queue.empty(); });
        m_queuedBytes += weight(entry);
        m_queue.emplace_back(index, entry);
    }
    m_wake.notify_all();
}

void StreamWriter::writeRow(int index, const QByteArray &row)
{
    if (index != m_nextIndex) {
        hold(index, row);
        return;
    }
    emitBytes(row);
    ++m_nextIndex;
    releaseHeld();
}

void StreamWriter::hold(int index, const QByteArray &row)
{
    Held h;
    h.size = row.size();
    if (m_heldInMemory + row.size() <= kHeldInMemoryLimit) {
        h.bytes = QByteArray(row.constData(), row.size()); // a copy of its own: `row` is reused
        m_heldInMemory += row.size();
    } else {
        if (!m_spool) {
            m_spool = std::make_unique<QTemporaryFile>(
                    QDir::temp().filePath(QStringLiteral("procdeck-export-XXXXXX")));
            if (!m_spool->open()) {
                m_error = QStringLiteral("cannot write '%1': no room to hold rows in order: %2")
                              .arg(m_path, m_spool->errorString());
                return;
            }
        }
        h.offset = m_spool->size();
        if (!m_spool->seek(h.offset) || m_spool->write(row) != row.size()) {
            m_error = QStringLiteral("cannot write '%1': no room to hold rows in order: %2")
                              .arg(m_path, m_spool->errorString());
            return;
        }
    }
    m_held.insert(index, std::move(h));
}

QByteArray StreamWriter::takeHeld(int index)
{
    Held h = m_held.take(index);
    if (h.offset < 0) {
        m_heldInMemory -= h.size;
        return h.bytes;
    }
    m_spool->flush();
    m_spool->seek(h.offset);
    return m_spool->read(h.size);
}

void StreamWriter::releaseHeld()
{
    while (!m_held.isEmpty() && m_held.firstKey() == m_nextIndex) {
        emitBytes(takeHeld(m_nextIndex));
        ++m_nextIndex;
    }
    if (m_held.isEmpty() && m_spool && m_spool->size() > 0)
        m_spool->resize(0);
}

bool StreamWriter::finish(QString *error)
{
    if (m_worker.joinable()) { // every row queued is written first
        {
            const std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_wake.notify_all();
        m_worker.join();
    }
    while (!m_held.isEmpty()) { // predecessors that never came: the rest in order
        const int index = m_held.firstKey();
        emitBytes(takeHeld(index));
    }
    if (m_format == Format::Text)
        emitBytes(renderTextReport(m_reportEntries));
    else if (m_format == Format::Html)
        emitBytes(renderHtmlReport(m_reportEntries));
    m_reportEntries.clear();
    if (m_fd >= 0) {
        if (::close(m_fd) != 0 && errno != EINTR)
            fail(errno);
        m_fd = -1;
    }
    if (!m_tempPath.isEmpty() && m_error.isEmpty()
        && ::rename(QFile::encodeName(m_tempPath).constData(),
                    QFile::encodeName(m_path).constData())
                != 0)
        fail(errno);
    if (m_error.isEmpty())
        m_tempPath.clear();
    if (!m_error.isEmpty()) {
        *error = m_error;
        return false;
    }
    return true;
}

} // namespace procdeck::runlog
