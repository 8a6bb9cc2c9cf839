#include "outputlog.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

namespace procdeck {

OutputLog::OutputLog(QString spillPath, qsizetype tailLimit)
    : m_spillPath(std::move(spillPath)), m_tailLimit(qMax<qsizetype>(tailLimit, 1))
{
}

OutputLog::~OutputLog()
{
    close();
}

void OutputLog::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    m_totalBytes += size;
    for (const char *p = data, *end = data + size;
         (p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)))) != nullptr; ++p)
        ++m_newlines;
    m_endsWithNewline = data[size - 1] == '\n';

    if (size >= m_tailLimit) {
        m_tail = QByteArray(data + size - m_tailLimit, m_tailLimit);
    } else {
        m_tail.append(data, size);
        if (m_tail.size() > 2 * m_tailLimit)
            m_tail.remove(0, m_tail.size() - m_tailLimit);
    }
    spill(data, size);
}

void OutputLog::spill(const char *data, qsizetype size)
{
    if (m_spillPath.isEmpty() || !m_spillError.isEmpty() || m_spillClosed)
        return;
    if (!m_spilled) {
        QDir().mkpath(QFileInfo(m_spillPath).absolutePath());
        m_spillFile = std::make_unique<QFile>(m_spillPath);
        m_spilled = true;
        // Unbuffered: each read of the pipe becomes one write(2), and the file always holds
        // everything read so far (the window can open it while the job runs).
        if (!m_spillFile->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
            m_spillError = m_spillFile->errorString();
            return;
        }
        // Bytes read before the file could be opened are all still in the tail (this is the
        // first spill), except when the very first chunk was larger than the tail.
        if (m_totalBytes != size) {
            m_spillError = QStringLiteral("spill file opened late");
            return;
        }
    }
    errno = 0;
    if (m_spillFile->write(data, size) != size) {
        // QFile reports an unbuffered write's failure as "Unknown error": errno says what it was.
        const int err = errno;
        m_spillError = err != 0 ? QString::fromLocal8Bit(std::strerror(err)) : m_spillFile->errorString();
        m_spillFile->close();
    }
}

void OutputLog::close()
{
    m_spillClosed = true;
    if (m_spillFile && m_spillFile->isOpen()) {
        if (!m_spillFile->flush() && m_spillError.isEmpty())
            m_spillError = m_spillFile->errorString();
        m_spillFile->close();
    }
    // An ended job keeps only what it needs: 100,000 of them must fit in memory.
    m_spillFile.reset();
    if (m_tail.size() > m_tailLimit)
        m_tail = m_tail.right(m_tailLimit);
    m_tail.squeeze();
}

QByteArray OutputLog::tail() const
{
    return m_tail.size() > m_tailLimit ? m_tail.right(m_tailLimit) : m_tail;
}

QByteArray OutputLog::bytesSince(qint64 offset) const
{
    const qint64 heldFrom = m_totalBytes - m_tail.size();
    const qint64 from = qMax(offset, heldFrom) - heldFrom;
    if (from >= m_tail.size())
        return {};
    return m_tail.mid(qsizetype(from));
}

QByteArray OutputLog::readAll(bool *truncated) const
{
    if (spillIsComplete()) {
        QFile file(m_spillPath);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray all = file.readAll();
            if (all.size() == m_totalBytes) {
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
