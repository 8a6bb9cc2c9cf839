#pragma once

#include <QString>

namespace procdeck {

/// Where an output log spills. A run's jobs share one folder (one QString for all of them,
/// implicitly shared) and each file's name is made from the job's number only when it is needed:
/// 100,000 ended jobs held 200,000 whole paths otherwise (360 bytes a job, in the engine for as
/// long as it keeps them).
class SpillName
{
public:
    SpillName() = default;
    /// A whole path (a log of its own, tests); empty: the log keeps its tail only.
    explicit SpillName(QString path) : m_place(std::move(path)) {}
    /// `folder`/job-000042.stdout; an empty folder: no spill file.
    SpillName(QString folder, int seq, const char *stream)
        : m_place(std::move(folder)), m_stream(stream), m_seq(seq)
    {
    }

    bool isEmpty() const { return m_place.isEmpty(); }
    QString path() const;

private:
    QString m_place;                  ///< the folder, or the whole path without m_stream
    const char *m_stream = nullptr;   ///< a string literal: "stdout", "stderr"
    int m_seq = 0;
};

} // namespace procdeck
