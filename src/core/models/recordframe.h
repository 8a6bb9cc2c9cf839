#pragma once

#include "types/jobrecord.h"

#include <QBuffer>
#include <QByteArray>
#include <QCborStreamWriter>
#include <QString>

namespace procdeck {

class Job;

/// One frame (protocol::encode's form) of a message {"type": type, "jobs": [records…]}, the
/// records written into it one by one: no QCborMap of the page is ever built.
class RecordFrame
{
public:
    explicit RecordFrame(const QString &type);
    RecordFrame(const RecordFrame &) = delete;
    RecordFrame &operator=(const RecordFrame &) = delete;

    void add(const Job &job);
    void add(const JobRecord &r, bool stdoutTruncated, bool stderrTruncated);
    int count() const { return m_count; }
    /// The frame, its length in front. The RecordFrame is spent.
    QByteArray finish();

private:
    static constexpr qsizetype kPageBytes = 384 * 1024;
    QByteArray m_bytes;
    QBuffer m_buffer; ///< on m_bytes, after the length's place
    QCborStreamWriter m_writer;
    int m_count = 0;
};

} // namespace procdeck
