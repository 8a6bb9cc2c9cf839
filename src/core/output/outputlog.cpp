#include "outputlog.h"

#include "spillwriter.h"

#include <QFile>
#include <QMutexLocker>

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <utility>

namespace procdeck {

namespace {

/// The newlines in `data`, 16 bytes at a time: this runs on every byte a job prints, on the
/// window's thread (memchr per line was a call for every 9 bytes of `yes` output, and GCC at
/// -O2 leaves std::count a byte at a time). Each matching byte of a compare is -1: subtracted,
/// 16 counters climb, summed every 255 blocks before one could wrap.
qint64 countNewlines(const char *data, qsizetype size)
{
    qint64 n = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= size) {
        __m128i counters = zero;
        for (int block = 0; block < 255 && i + 16 <= size; ++block, i += 16)
            counters = _mm_sub_epi8(
                    counters,
                    _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i)),
                                   newline));
        const __m128i sums = _mm_sad_epu8(counters, zero); // two 64-bit sums of eight counters each
        n += _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
#endif
    return n + std::count(data + i, data + size, '\n');
}
/// The ring's first size; it doubles as output comes, up to the tail limit.
constexpr qsizetype kInitialRing = 4096;
/// Spill writes are gathered up to this size.
constexpr qsizetype kSpillBatch = 256 * 1024;
} // namespace

OutputLog::OutputLog(SpillName spill, qsizetype tailLimit)
    : m_spillName(std::move(spill)), m_tailLimit(qMax<qsizetype>(tailLimit, 1))
{
}

OutputLog::~OutputLog()
{
    closeSpill(); // the writer keeps what it was given: nothing waits for it here
}

void OutputLog::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    const QMutexLocker writing(&m_writeMutex);
    countAndKeep(data, size);
    spill(data, size);
    if (!m_publishByHand)
        publish();
}

void OutputLog::countAndKeep(const char *data, qsizetype size)
{
    const QMutexLocker lock(&m_mutex);
    count(data, size);
    keep(data, size);
}

char *OutputLog::readInto(qsizetype size)
{
    m_readIntoSpill = !m_spillName.isEmpty() && !m_spillClosed;
    if (!m_readIntoSpill) {
        if (m_scratch.size() < size)
            m_scratch.resize(size);
        return m_scratch.data();
    }
    // Read into the batch being gathered, at its end.
    if (m_pendingSpill.size() + size > m_pendingSpill.capacity()) {
        handOver(std::exchange(m_pendingSpill, QByteArray()));
        m_pendingSpill = SpillWriter::instance().takeBuffer(qMax(kSpillBatch, size));
    }
    m_readIntoAt = m_pendingSpill.size();
    m_pendingSpill.resize(m_readIntoAt
                          + size); // within its capacity: no allocation, nothing written
    return m_pendingSpill.data() + m_readIntoAt;
}

void OutputLog::appendRead(qsizetype n)
{
    if (!m_readIntoSpill) {
        if (n > 0) {
            countAndKeep(m_scratch.constData(), n);
            spill(m_scratch.constData(), n);
            if (!m_publishByHand)
                publish();
        }
        return;
    }
    n = qMax<qsizetype>(n, 0);
    m_pendingSpill.resize(m_readIntoAt + n); // the room not read into is given back
    if (n == 0)
        return;
    countAndKeep(m_pendingSpill.constData() + m_readIntoAt, n);
    startSpilling();
    if (!m_publishByHand)
        publish();
    if (m_pendingSpill.size() >= kSpillBatch)
        handOver(std::exchange(m_pendingSpill, QByteArray()));
}

qsizetype OutputLog::readFrom(int fd, qsizetype maxBytes)
{
    const QMutexLocker writing(&m_writeMutex);
    char *room = readInto(maxBytes);
    ssize_t n;
    do {
        n = ::read(fd, room, size_t(maxBytes));
    } while (n < 0 && errno == EINTR);
    const int err = errno;
    appendRead(qsizetype(qMax<ssize_t>(n, 0)));
    errno = err;
    return qsizetype(n);
}

bool OutputLog::publish()
{
    const QMutexLocker lock(&m_mutex);
    return publishLocked();
}

bool OutputLog::publishLocked()
{
    const bool more = m_shown.totalBytes != m_totalBytes || m_shown.spilled != m_spilled;
    m_shown = Shown{m_totalBytes, m_newlines, m_endsWithNewline, m_spilled};
    return more;
}

void OutputLog::startSpilling()
{
    if (!m_spilled) {
        std::shared_ptr<SpillFile> file
                = SpillWriter::instance().open(m_spillName.path()); // made on the writer's thread
        const QMutexLocker lock(&m_mutex);
        m_spillFile = std::move(file);
        m_spilled = true;
    }
}

void OutputLog::count(const char *data, qsizetype size)
{
    m_totalBytes += size;
    m_newlines += countNewlines(data, size);
    m_endsWithNewline = data[size - 1] == '\n';
}

void OutputLog::growRing(qsizetype needed)
{
    qsizetype capacity = qMax<qsizetype>(m_ring.size(), kInitialRing);
    while (capacity < needed)
        capacity *= 2;
    capacity = qMin(capacity, m_tailLimit);
    // Allocated at exactly its capacity: QByteArray::resize() would round a growth up to the
    // next power of two, and a 1 MiB tail would hold 2 MiB for good.
    const QByteArray held = bytesSinceLocked(liveHeldFrom(), m_totalBytes); // linear, oldest first
    QByteArray bigger(capacity, Qt::Uninitialized);
    std::memcpy(bigger.data(), held.constData(), size_t(held.size()));
    m_ring = std::move(bigger);
    m_ringStart = 0;
}

void OutputLog::keep(const char *data, qsizetype size)
{
    if (size >= m_tailLimit) { // only its end fits
        if (m_ring.size() != m_tailLimit)
            m_ring = QByteArray(m_tailLimit,
                                Qt::Uninitialized); // exactly: all of it is written now
        std::memcpy(m_ring.data(), data + size - m_tailLimit, size_t(m_tailLimit));
        m_ringStart = 0;
        m_heldBytes = m_tailLimit;
        return;
    }
    if (m_heldBytes + size > m_ring.size() && m_ring.size() < m_tailLimit)
        growRing(m_heldBytes + size);
    const qsizetype capacity = m_ring.size();
    char *ring = m_ring.data();
    const qsizetype end = (m_ringStart + m_heldBytes) % capacity;
    const qsizetype first = qMin(size, capacity - end);
    std::memcpy(ring + end, data, size_t(first));
    std::memcpy(ring, data + first, size_t(size - first));
    if (m_heldBytes + size > capacity) { // the oldest bytes were overwritten
        m_ringStart = (m_ringStart + m_heldBytes + size - capacity) % capacity;
        m_heldBytes = capacity;
    } else {
        m_heldBytes += size;
    }
}

void OutputLog::spill(const char *data, qsizetype size)
{
    if (m_spillName.isEmpty() || m_spillClosed)
        return;
    startSpilling();
    // Pipe reads are often small (a writer's 8 KiB at a time): gathered, one write(2) per
    // kSpillBatch, and at least at every flush(). A large read goes out as it is.
    if (m_pendingSpill.isEmpty() && size >= kSpillBatch) {
        handOver(QByteArray(data, size));
        return;
    }
    if (m_pendingSpill.isEmpty() && m_pendingSpill.capacity() < kSpillBatch)
        m_pendingSpill = SpillWriter::instance().takeBuffer(kSpillBatch);
    m_pendingSpill.append(data, size);
    if (m_pendingSpill.size() >= kSpillBatch)
        handOver(std::exchange(m_pendingSpill, QByteArray()));
}

void OutputLog::handOver(QByteArray bytes)
{
    if (m_spillFile)
        SpillWriter::instance().write(m_spillFile, std::move(bytes));
}

void OutputLog::flush()
{
    // Everything read so far, at least as much as readers see: the file may hold more.
    const QMutexLocker writing(&m_writeMutex);
    handOver(std::exchange(m_pendingSpill, QByteArray()));
    if (const std::shared_ptr<SpillFile> file = spillFile())
        SpillWriter::instance().sync(*file);
    const QMutexLocker lock(&m_mutex);
    settleLocked();
}

void OutputLog::closeSpill()
{
    const QMutexLocker writing(&m_writeMutex);
    if (m_spillClosed)
        return;
    handOver(std::exchange(m_pendingSpill, QByteArray())); // nothing, if nothing is gathered
    {
        const QMutexLocker lock(&m_mutex);
        m_spillClosed = true;
    }
    if (m_spillFile)
        SpillWriter::instance().close(m_spillFile); // queued: no thread here waits for the disk
    m_scratch = QByteArray();
}

std::shared_ptr<SpillFile> OutputLog::spillFile() const
{
    const QMutexLocker lock(&m_mutex);
    return m_spillFile;
}

void OutputLog::settle() const
{
    if (!m_writeMutex.tryLock())
        return;
    {
        const QMutexLocker lock(&m_mutex);
        settleLocked();
    }
    m_writeMutex.unlock();
}

void OutputLog::settleLocked() const
{
    if (!m_spillFile || !m_spillClosed || !SpillWriter::instance().isDone(*m_spillFile))
        return;
    m_spillError = SpillWriter::instance().error(*m_spillFile);
    m_spillFile.reset();
}

bool OutputLog::isWritten() const
{
    settle();
    const QMutexLocker lock(&m_mutex);
    return !m_spillFile || (m_spillClosed && SpillWriter::instance().isDone(*m_spillFile));
}

bool OutputLog::endedEmpty() const
{
    const QMutexLocker lock(&m_mutex);
    return m_spillClosed && m_totalBytes == 0 && !m_spilled && m_spillError.isEmpty();
}

void OutputLog::close()
{
    endStream();
    flush();
}

void OutputLog::endStream()
{
    closeSpill();
    const QMutexLocker lock(&m_mutex);
    publishLocked(); // the stream is complete: readers see all of it
    QByteArray kept = bytesSinceLocked(
            tailOffset(), m_totalBytes); // linear and exactly as large as it needs to be
    m_heldBytes = kept.size();
    m_ring = std::move(kept);
    m_ringStart = 0;
}

QString OutputLog::spillError() const
{
    settle();
    const QMutexLocker lock(&m_mutex);
    return m_spillFile ? SpillWriter::instance().error(*m_spillFile) : m_spillError;
}

void OutputLog::shrinkTail(qsizetype bytes)
{
    bytes = qMax<qsizetype>(bytes, 0);
    const QMutexLocker lock(&m_mutex);
    if (bytes >= m_tailLimit)
        return;
    QByteArray kept
            = bytesSinceLocked(m_totalBytes - qMin<qint64>(bytes, m_heldBytes), m_totalBytes);
    m_tailLimit = bytes;
    m_heldBytes = kept.size();
    m_ring = std::move(kept);
    m_ringStart = 0;
}

QByteArray OutputLog::tail() const
{
    return bytesSince(tailOffset());
}

qsizetype OutputLog::tailMemory() const
{
    const QMutexLocker lock(&m_mutex);
    return m_ring.capacity();
}

qint64 OutputLog::heldFrom() const
{
    const QMutexLocker lock(&m_mutex);
    return qMin(liveHeldFrom(), m_shown.totalBytes);
}

QByteArray OutputLog::bytesSince(qint64 offset, qint64 *start) const
{
    const QMutexLocker lock(&m_mutex);
    return bytesSinceLocked(offset, m_shown.totalBytes, start);
}

QByteArray OutputLog::bytesSinceLocked(qint64 offset, qint64 end, qint64 *start) const
{
    const qint64 from = qMax(offset, liveHeldFrom());
    if (start)
        *start = qMin(from, end);
    if (from >= end)
        return {};
    const qsizetype skip = qsizetype(from - liveHeldFrom());
    const qsizetype length = qsizetype(end - from);
    if (m_ringStart == 0 && skip == 0 && length == m_ring.size())
        return m_ring; // shared, not copied (an ended job's tail)
    QByteArray out(length, Qt::Uninitialized);
    const qsizetype capacity = m_ring.size();
    const qsizetype begin = (m_ringStart + skip) % capacity;
    const qsizetype first = qMin(length, capacity - begin);
    std::memcpy(out.data(), m_ring.constData() + begin, size_t(first));
    std::memcpy(out.data() + first, m_ring.constData(), size_t(length - first));
    return out;
}

QByteArray OutputLog::readAll(bool *truncated) const
{
    if (const std::shared_ptr<SpillFile> file = spillFile())
        SpillWriter::instance().sync(*file);
    if (spillIsComplete()) {
        QFile file(m_spillName.path());
        if (file.open(QIODevice::ReadOnly)) {
            // Flushed, it holds at least what readers see (the writer may have given it more).
            QByteArray all = file.read(totalBytes());
            if (all.size() == totalBytes()) {
                if (truncated)
                    *truncated = false;
                return all;
            }
        }
    }
    if (truncated)
        *truncated = !tailIsComplete();
    return tail();
}

} // namespace procdeck
