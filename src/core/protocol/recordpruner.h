#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>

#include <vector>

namespace procdeck {

/// Cuts the records of a frame down to the fields a client keeps, on the frame's bytes, before
/// they are decoded: a page of the engine's watch holds 500 records of ~45 fields each, of
/// which the window keeps ~20; decoding all of them into a QCborMap, then looking up and copying
/// the ones kept, was most of a window's attach to 100,000 ended jobs (issue 25). The fields
/// kept are copied byte for byte; nothing else changes. What is not well-formed CBOR is left
/// whole, for the decoder to say what is wrong with it.
class RecordPruner final
{
public:
    /// Each map in the top-level array `arrayKey` keeps only `fields` (whose names are
    /// literals: the views must outlive this).
    RecordPruner(QLatin1StringView arrayKey, const QList<QLatin1StringView> &fields);
    /// The fields kept, by their length.
    using FieldsByLength = std::vector<std::vector<QLatin1StringView>>;

    /// The payload (one CBOR map) with its records pruned; empty when it has no such array or
    /// is not well-formed CBOR (then decode it as it is: its error is the decoder's to say).
    QByteArray prune(const char *payload, qsizetype size) const;

private:
    QLatin1StringView m_arrayKey;
    FieldsByLength m_fields;
};

} // namespace procdeck
