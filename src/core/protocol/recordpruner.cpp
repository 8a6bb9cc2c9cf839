#include "recordpruner.h"

#include <cstring>

namespace procdeck {

namespace {

// A CBOR (RFC 8949) walk that only finds where items begin and end. QCborStreamReader reads
// every key into a string and every value it skips item by item: as slow as decoding them all.

constexpr uchar kBreak = 0xff;
constexpr int kMaxDepth = 64;

struct Cursor {
    const uchar *at;
    const uchar *end;
    qsizetype left() const { return end - at; }
};

struct Head {
    int major = 0;
    quint64 argument = 0; ///< the value, or the length, or the count of items
    bool open = false;    ///< indefinite length: items until a break
};

/// Reads an item's head (its first byte and argument); false when it is cut or not CBOR.
bool readHead(Cursor &c, Head *head)
{
    if (c.left() < 1)
        return false;
    const uchar first = *c.at++;
    head->major = first >> 5;
    const int info = first & 0x1f;
    head->open = info == 31;
    head->argument = info < 24 ? quint64(info) : 0;
    if (info < 24)
        return true;
    if (head->open) // strings, arrays, maps and the break (major 7) may be open
        return head->major >= 2 && head->major != 6;
    const int bytes = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
    if (bytes == 0 || c.left() < bytes)
        return false;
    for (int i = 0; i < bytes; ++i)
        head->argument = (head->argument << 8) | *c.at++;
    return true;
}

bool skipItem(Cursor &c, int depth);

/// Items until a break, the break taken.
bool skipUntilBreak(Cursor &c, int depth)
{
    for (;;) {
        if (c.left() < 1)
            return false;
        if (*c.at == kBreak) {
            ++c.at;
            return true;
        }
        if (!skipItem(c, depth + 1))
            return false;
    }
}

/// Moves past one whole item: its tags, its bytes, its items.
bool skipItem(Cursor &c, int depth)
{
    Head head;
    if (depth > kMaxDepth || !readHead(c, &head))
        return false;
    switch (head.major) {
    case 0: case 1:
        return true;
    case 2: case 3:
        if (head.open)
            return skipUntilBreak(c, depth);
        if (head.argument > quint64(c.left()))
            return false;
        c.at += head.argument;
        return true;
    case 4: case 5: {
        if (head.open)
            return skipUntilBreak(c, depth);
        if (head.argument > quint64(c.left())) // each item takes a byte at least
            return false;
        const quint64 items = head.major == 5 ? head.argument * 2 : head.argument;
        for (quint64 i = 0; i < items; ++i)
            if (!skipItem(c, depth + 1))
                return false;
        return true;
    }
    case 6:
        return skipItem(c, depth + 1); // the tagged item
    default:
        return !head.open; // a simple value or a float (its bytes read); a break is misplaced
    }
}

/// Whether one more item of a container comes (an open one's break is taken here); `cut` when
/// the bytes end before an open one's break.
bool another(Cursor &c, const Head &container, quint64 *seen, bool *cut)
{
    if (!container.open)
        return (*seen)++ < container.argument;
    *cut = c.left() < 1;
    if (!*cut && *c.at == kBreak) {
        ++c.at;
        return false;
    }
    return !*cut;
}

/// The text key at the cursor, moved past; an empty view (the key skipped) for any other.
QLatin1StringView readKey(Cursor &c, bool *ok)
{
    const Cursor before = c;
    Head head;
    if (readHead(c, &head) && head.major == 3 && !head.open
        && head.argument <= quint64(c.left())) {
        const QLatin1StringView key(reinterpret_cast<const char *>(c.at),
                                    qsizetype(head.argument));
        c.at += head.argument;
        *ok = true;
        return key;
    }
    c = before;
    *ok = skipItem(c, 1);
    return {};
}

void appendSpan(QByteArray &out, const uchar *from, const Cursor &c)
{
    out.append(reinterpret_cast<const char *>(from), qsizetype(c.at - from));
}

/// Whether `key` is one of `fields` (by length: a key is compared with those of its own).
bool isKept(const RecordPruner::FieldsByLength &fields, QLatin1StringView key)
{
    const auto length = size_t(key.size());
    if (length >= fields.size())
        return false;
    for (const QLatin1StringView field : fields[length]) {
        if (std::memcmp(field.data(), key.data(), length) == 0)
            return true;
    }
    return false;
}

/// The record map at the cursor into `out`, its `fields` only. Runs of kept pairs are copied
/// at once, after a one-byte head that is set once they are counted.
bool pruneRecord(Cursor &c, const RecordPruner::FieldsByLength &fields, QByteArray &out)
{
    Head map;
    if (!readHead(c, &map) || map.major != 5)
        return false;
    const qsizetype headAt = out.size();
    out.append(char(0xa0));
    qsizetype kept = 0;
    quint64 seen = 0;
    bool cut = false;
    const uchar *runStart = nullptr; // the kept pairs not copied yet, up to runEnd
    const uchar *runEnd = nullptr;
    while (another(c, map, &seen, &cut)) {
        const uchar *fieldStart = c.at;
        bool ok = false;
        const QLatin1StringView key = readKey(c, &ok);
        if (!ok || !skipItem(c, 1))
            return false;
        if (!key.isEmpty() && isKept(fields, key)) {
            runStart = runStart ? runStart : fieldStart;
            runEnd = c.at;
            ++kept;
        } else if (runStart) {
            out.append(reinterpret_cast<const char *>(runStart), qsizetype(runEnd - runStart));
            runStart = nullptr;
        }
    }
    if (runStart)
        out.append(reinterpret_cast<const char *>(runStart), qsizetype(runEnd - runStart));
    if (kept < 24) {
        out[headAt] = char(0xa0 + kept);
    } else { // a key kept twice or more: a longer head (at most the pairs kept: below 256)
        out[headAt] = char(0xb8);
        out.insert(headAt + 1, char(kept));
    }
    return !cut;
}

} // namespace

RecordPruner::RecordPruner(QLatin1StringView arrayKey, const QList<QLatin1StringView> &fields)
    : m_arrayKey(arrayKey)
{
    for (const QLatin1StringView field : fields) {
        const auto length = size_t(field.size());
        if (length >= m_fields.size())
            m_fields.resize(length + 1);
        m_fields[length].push_back(field);
    }
}

QByteArray RecordPruner::prune(const char *payload, qsizetype size) const
{
    const auto *begin = reinterpret_cast<const uchar *>(payload);
    Cursor c{begin, begin + size};
    Head top;
    if (!readHead(c, &top) || top.major != 5)
        return {};
    QByteArray out;
    out.reserve(size / 2);
    appendSpan(out, begin, c); // the map's head, as it was
    bool pruned = false;
    bool cut = false;
    quint64 seen = 0;
    while (another(c, top, &seen, &cut)) {
        const uchar *pairStart = c.at;
        bool ok = false;
        const QLatin1StringView key = readKey(c, &ok);
        if (!ok)
            return {};
        const Cursor valueAt = c;
        Head array;
        if (key != m_arrayKey || !readHead(c, &array) || array.major != 4) {
            c = valueAt;
            if (!skipItem(c, 1))
                return {};
            appendSpan(out, pairStart, c);
            continue;
        }
        pruned = true;
        appendSpan(out, pairStart, c); // the key and the array's head
        quint64 item = 0;
        while (another(c, array, &item, &cut)) {
            const uchar *itemStart = c.at;
            if (c.left() >= 1 && (*c.at >> 5) == 5) {
                if (!pruneRecord(c, m_fields, out))
                    return {};
            } else if (skipItem(c, 2)) {
                appendSpan(out, itemStart, c);
            } else {
                return {};
            }
        }
        if (cut)
            return {};
        if (array.open)
            out.append(char(kBreak));
    }
    if (top.open)
        out.append(char(kBreak));
    return pruned && !cut && c.at == c.end ? out : QByteArray();
}

} // namespace procdeck
