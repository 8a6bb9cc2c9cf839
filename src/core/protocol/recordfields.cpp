#include "recordfields.h"

#include <QLatin1StringView>

#include <algorithm>

namespace procdeck {

namespace {

/// The record's keys (docs/protocol.md) in Field's order.
constexpr std::array<QLatin1StringView, RecordFields::FieldCount> kKeys = {
        QLatin1StringView("seq"),           QLatin1StringView("command"),
        QLatin1StringView("label"),         QLatin1StringView("batch"),
        QLatin1StringView("state"),         QLatin1StringView("exit_code"),
        QLatin1StringView("signal_number"), QLatin1StringView("timed_out"),
        QLatin1StringView("started"),       QLatin1StringView("duration_s"),
        QLatin1StringView("pid"),           QLatin1StringView("stdout_bytes"),
        QLatin1StringView("stderr_bytes"),  QLatin1StringView("stdout_lines"),
        QLatin1StringView("stderr_lines"),  QLatin1StringView("encoding"),
        QLatin1StringView("cwd"),           QLatin1StringView("error"),
        QLatin1StringView("executor"),      QLatin1StringView("host"),
        QLatin1StringView("slurm_job_id"),  QLatin1StringView("paused_s"),
        QLatin1StringView("values"),
};

/// How far past the field expected next a key is looked for: a field left out is passed over,
/// a key the window does not read (a record not pruned) costs this many compares. With 4, the
/// Background tab's model read the engine's whole records (~45 keys) slower than by lookups.
constexpr size_t kLookAhead = 2;

/// The keys as CBOR values: a map's key compares with one without turning into a QString
/// (which allocates), about as fast as comparing bytes.
const std::array<QCborValue, RecordFields::FieldCount> &keyValues()
{
    static const auto values = [] {
        std::array<QCborValue, RecordFields::FieldCount> v;
        for (size_t i = 0; i < kKeys.size(); ++i)
            v[i] = QCborValue(kKeys[i]);
        return v;
    }();
    return values;
}

} // namespace

RecordFields::RecordFields(const QCborMap &record) : m_record(record)
{
    static_assert(FieldCount <= 32);
    const auto &keys = keyValues();
    quint32 found = 0;
    size_t next = 0; // the field expected at this key
    for (auto it = record.cbegin(); it != record.cend(); ++it) {
        const QCborValue key = it.key(); // shares the map's bytes: no copy of the text
        const size_t last = std::min(next + kLookAhead, keys.size());
        for (size_t i = next; i < last; ++i) {
            if (key == keys[i]) {
                m_values[i] = it.value();
                found |= 1u << i;
                next = i + 1;
                break;
            }
        }
    }
    // Out of the engine's order, or absent: looked up as value() would.
    for (size_t i = 0; i < keys.size(); ++i) {
        if (!(found & (1u << i)))
            m_values[i] = record.value(kKeys[i]);
    }
}

QLatin1StringView RecordFields::key(Field field)
{
    return kKeys[size_t(field)];
}

qint64 RecordFields::integer(Field field, qint64 none) const
{
    const QCborValue &value = m_values[size_t(field)];
    return value.isInteger() ? value.toInteger() : none;
}

} // namespace procdeck
