#include "recordframe.h"

#include "jobrecordcbor.h"

#include <QtEndian>

namespace procdeck {

RecordFrame::RecordFrame(const QString &type)
    : m_bytes(4, '\0'), m_buffer(&m_bytes), m_writer(&m_buffer)
{
    m_bytes.reserve(kPageBytes); // no copies as it grows: a page of records is about this
    // A QCborStreamWriter on a QByteArray writes from its start; the length goes there.
    m_buffer.open(QIODevice::ReadWrite);
    m_buffer.seek(4);
    m_writer.startMap(2);
    m_writer.append(QLatin1StringView("type"));
    m_writer.append(type);
    m_writer.append(QLatin1StringView("jobs"));
    m_writer.startArray(); // its length is known at its end
}

void RecordFrame::add(const Job &job)
{
    jobrecordcbor::write(m_writer, job);
    ++m_count;
}

void RecordFrame::add(const JobRecord &r, bool stdoutTruncated, bool stderrTruncated)
{
    jobrecordcbor::write(m_writer, r, stdoutTruncated, stderrTruncated);
    ++m_count;
}

QByteArray RecordFrame::finish()
{
    m_writer.endArray();
    m_writer.endMap();
    m_buffer.close();
    qToBigEndian<quint32>(quint32(m_bytes.size() - 4), m_bytes.data());
    return std::move(m_bytes);
}

} // namespace procdeck
