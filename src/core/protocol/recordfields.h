#pragma once

#include <QCborMap>
#include <QCborValue>
#include <QLatin1StringView>

#include <array>

namespace procdeck {

/// The fields of an engine job's record (the watch's, docs/protocol.md) that the window reads,
/// taken in one walk over the map. Each QCborMap::value() walks the keys comparing text, and
/// a window attaching to 100,000 ended jobs asked some thirty of them per job; the walk
/// compares each key once with the field the engine writes next (jobrecordcbor::write's
/// order, the window's pruned records: RecordPruner), and looks up only what it did not meet
/// in that order. A field the record lacks is undefined, as value() says. (A key given twice,
/// which RFC 8949 does not allow, may give either value.)
class RecordFields final
{
public:
    /// In the order the engine writes them.
    enum Field {
        Seq,
        Command,
        Label,
        Batch,
        State,
        ExitCode,
        SignalNumber,
        TimedOut,
        Started,
        DurationS,
        Pid,
        StdoutBytes,
        StderrBytes,
        StdoutLines,
        StderrLines,
        Encoding,
        Cwd,
        Error,
        Executor,
        Host,
        SlurmJobId,
        PausedS,
        Values,
        FieldCount
    };

    explicit RecordFields(const QCborMap &record);
    /// The record's key of `field` (docs/protocol.md).
    static QLatin1StringView key(Field field);

    const QCborValue &operator[](Field field) const { return m_values[size_t(field)]; }
    /// `field` when it is an integer, else `none` (a field absent or of another type).
    qint64 integer(Field field, qint64 none) const;
    /// The whole record, for the fields not named here.
    const QCborMap &record() const { return m_record; }

private:
    QCborMap m_record;
    std::array<QCborValue, FieldCount> m_values;
};

} // namespace procdeck
