// The exports' text encodings: UTF-8 that is always valid (a lone surrogate becomes U+FFFD) and
// JSON string escaping, from QString or straight from a UTF-8 job's bytes. These are an export's
// hot loop: 827 MB of output becomes 2 GB of JSON Lines.
#include "runlog.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace procdeck::runlog {

namespace {

/// UTF-8 of `text` appended to `out`, with a lone surrogate (a surrogate-escaped argv byte, a
/// UTF-32 stream's D800) as U+FFFD: QString::toUtf8() would keep it as bytes no UTF-8 reader
/// accepts. With `json`, escaped for a JSON string besides. One pass, no allocation per run.
template<bool json>
void encode(QByteArray *out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out->size();
    out->resize(start + text.size() * 6); // the worst case: \u00XX for each
    char *d = out->data() + start;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    for (; p < end; ++p) {
        const char16_t c = *p;
        if (c < 0x80) {
            if (!json || (c >= 0x20 && c != u'"' && c != u'\\')) {
                *d++ = char(c);
                continue;
            }
            *d++ = '\\';
            switch (c) {
            case u'"': *d++ = '"'; break;
            case u'\\': *d++ = '\\'; break;
            case u'\n': *d++ = 'n'; break;
            case u'\r': *d++ = 'r'; break;
            case u'\t': *d++ = 't'; break;
            case u'\b': *d++ = 'b'; break;
            case u'\f': *d++ = 'f'; break;
            default:
                *d++ = 'u';
                *d++ = '0';
                *d++ = '0';
                *d++ = hex[c >> 4];
                *d++ = hex[c & 0xf];
            }
        } else if (c < 0x800) {
            *d++ = char(0xc0 | (c >> 6));
            *d++ = char(0x80 | (c & 0x3f));
        } else if (!QChar::isSurrogate(c)) {
            *d++ = char(0xe0 | (c >> 12));
            *d++ = char(0x80 | ((c >> 6) & 0x3f));
            *d++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && p + 1 < end && QChar::isLowSurrogate(p[1])) {
            const char32_t u = QChar::surrogateToUcs4(c, p[1]);
            ++p;
            *d++ = char(0xf0 | (u >> 18));
            *d++ = char(0x80 | ((u >> 12) & 0x3f));
            *d++ = char(0x80 | ((u >> 6) & 0x3f));
            *d++ = char(0x80 | (u & 0x3f));
        } else {
            *d++ = char(0xef);
            *d++ = char(0xbf);
            *d++ = char(0xbd);
        }
    }
    out->resize(d - out->constData());
}

} // namespace

void appendUtf8(QByteArray *out, QStringView text)
{
    encode<false>(out, text);
}

QByteArray utf8(QStringView text)
{
    QByteArray out;
    encode<false>(&out, text);
    return out;
}

void appendJsonEscaped(QByteArray *out, QStringView text)
{
    encode<true>(out, text);
}

namespace {

/// What one byte becomes inside a JSON string when it is not the start of a valid multi-byte
/// sequence: itself, an escape, or U+FFFD. Eight bytes each so that copying is branch-free.
struct ByteOut {
    char bytes[8];
    int size;
};

const std::array<ByteOut, 256> &byteTable()
{
    static const std::array<ByteOut, 256> table = [] {
        static const char hex[] = "0123456789abcdef";
        std::array<ByteOut, 256> t{};
        for (int c = 0; c < 256; ++c) {
            ByteOut &o = t[size_t(c)];
            if (c >= 0x80) {
                std::memcpy(o.bytes, "\xEF\xBF\xBD", 3);
                o.size = 3;
            } else if (c >= 0x20 && c != '"' && c != '\\') {
                o.bytes[0] = char(c);
                o.size = 1;
            } else {
                const char *named = c == '"' ? "\\\""
                        : c == '\\'          ? "\\\\"
                        : c == '\n'          ? "\\n"
                        : c == '\r'          ? "\\r"
                        : c == '\t'          ? "\\t"
                        : c == '\b'          ? "\\b"
                        : c == '\f'          ? "\\f"
                                             : nullptr;
                if (named) {
                    std::memcpy(o.bytes, named, 2);
                    o.size = 2;
                } else {
                    const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                    std::memcpy(o.bytes, u, 6);
                    o.size = 6;
                }
            }
        }
        return t;
    }();
    return table;
}

} // namespace

namespace {

/// For each byte as the first of a sequence: how long a well-formed sequence it starts would
/// be (0: none), and the range its second byte must be in (Unicode's table 3-7: no overlongs,
/// no surrogates, nothing past U+10FFFF).
struct Lead {
    uchar length = 0;
    uchar low = 1; ///< an empty range for bytes that lead nothing
    uchar high = 0;
};

const std::array<Lead, 256> &leadTable()
{
    static const std::array<Lead, 256> table = [] {
        std::array<Lead, 256> t{};
        for (int c = 0xc2; c <= 0xf4; ++c) {
            Lead &l = t[size_t(c)];
            l.length = c <= 0xdf ? 2 : c <= 0xef ? 3 : 4;
            l.low = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
            l.high = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        }
        return t;
    }();
    return table;
}

/// The length of the well-formed sequence at p, without a branch on the bytes (output of
/// programs that is not text, such as /dev/urandom's, would mispredict nearly every one).
/// Precondition: p[0..3] are readable.
inline int sequenceLengthAt(const uchar *p, const std::array<Lead, 256> &leads)
{
    const Lead &l = leads[p[0]];
    const int second = int(p[1] >= l.low) & int(p[1] <= l.high);
    const int third = int((p[2] & 0xc0) == 0x80);
    const int fourth = int((p[3] & 0xc0) == 0x80);
    const int n = l.length;
    return (int(n == 2) & second) * 2 | (int(n == 3) & second & third) * 3
            | (int(n == 4) & second & third & fourth) * 4;
}

} // namespace

namespace {

constexpr qsizetype kBlock = 256; ///< positions looked at together in the first pass
constexpr qsizetype kChunk = 16;  ///< bytes copied at once when none needs escaping
/// Reads ahead of a block's last position: a sequence's last bytes, or a whole chunk.
constexpr qsizetype kReadAhead = kChunk;

/// True when none of the 16 bytes at p needs anything but copying: printable ASCII, no '"', no
/// '\\'.
inline bool chunkIsPlain(const uchar *p)
{
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    // A signed compare: bytes from 0x80 up are negative, so "below 0x20" catches them too.
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    return _mm_movemask_epi8(special) == 0;
#else
    for (qsizetype i = 0; i < kChunk; ++i)
        if (p[i] < 0x20 || p[i] >= 0x80 || p[i] == '"' || p[i] == '\\')
            return false;
    return true;
#endif
}

/// The length of the well-formed sequence at each of kBlock positions from p (reading up to 3
/// bytes past them).
inline void sequenceLengths(const uchar *p, uchar *lengths)
{
#if defined(__SSE2__)
    // 16 positions at once. SSE2 compares bytes as signed; unsigned x >= a is max(x, a) == x.
    const auto at = [p](qsizetype offset) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + offset));
    };
    const auto all = [](int byte) { return _mm_set1_epi8(char(byte)); };
    const auto atLeast = [](__m128i x, __m128i a) { return _mm_cmpeq_epi8(_mm_max_epu8(x, a), x); };
    const auto atMost = [](__m128i x, __m128i b) { return _mm_cmpeq_epi8(_mm_min_epu8(x, b), x); };
    const auto pick = [](__m128i mask, __m128i yes, __m128i no) {
        return _mm_or_si128(_mm_and_si128(mask, yes), _mm_andnot_si128(mask, no));
    };
    const auto isContinuation = [&all](__m128i x) {
        return _mm_cmpeq_epi8(_mm_and_si128(x, all(0xc0)), all(0x80));
    };
    for (qsizetype i = 0; i < kBlock; i += 16) {
        const __m128i c = at(i);
        const __m128i low = pick(_mm_cmpeq_epi8(c, all(0xe0)), all(0xa0),
                                 pick(_mm_cmpeq_epi8(c, all(0xf0)), all(0x90), all(0x80)));
        const __m128i high = pick(_mm_cmpeq_epi8(c, all(0xed)), all(0x9f),
                                  pick(_mm_cmpeq_epi8(c, all(0xf4)), all(0x8f), all(0xbf)));
        const __m128i c1 = at(i + 1);
        const __m128i second = _mm_and_si128(atLeast(c1, low), atMost(c1, high));
        const __m128i third = isContinuation(at(i + 2));
        const __m128i fourth = isContinuation(at(i + 3));
        const __m128i two
                = _mm_and_si128(_mm_and_si128(atLeast(c, all(0xc2)), atMost(c, all(0xdf))), second);
        const __m128i three
                = _mm_and_si128(_mm_and_si128(atLeast(c, all(0xe0)), atMost(c, all(0xef))),
                                _mm_and_si128(second, third));
        const __m128i four
                = _mm_and_si128(_mm_and_si128(atLeast(c, all(0xf0)), atMost(c, all(0xf4))),
                                _mm_and_si128(_mm_and_si128(second, third), fourth));
        const __m128i length = _mm_or_si128(
                _mm_and_si128(two, all(2)),
                _mm_or_si128(_mm_and_si128(three, all(3)), _mm_and_si128(four, all(4))));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(lengths + i), length);
    }
#else
    for (qsizetype i = 0; i < kBlock; ++i)
        lengths[i] = uchar(sequenceLengthAt(p + i, leadTable()));
#endif
}

/// One byte that starts no well-formed sequence: itself, its escape or U+FFFD.
inline char *putByte(char *d, uchar c, const std::array<ByteOut, 256> &table)
{
    const ByteOut &o = table[c];
    std::memcpy(d, o.bytes, 8);
    return d + o.size;
}

/// One block of kBlock bytes (its read-ahead inside the input) escaped at `*d`: copied whole
/// when plain, else walked sequence by sequence. Returns where the next block starts (a sequence
/// may run past this one).
inline const uchar *escapeBlock(const uchar *p, char **d, const std::array<ByteOut, 256> &table)
{
    bool plainChunks[kBlock / kChunk];
    bool allPlain = true;
    for (qsizetype c = 0; c < kBlock / kChunk; ++c) {
        plainChunks[c] = chunkIsPlain(p + c * kChunk);
        allPlain = allPlain && plainChunks[c];
    }
    if (allPlain) { // the usual case for text
        std::memcpy(*d, p, kBlock);
        *d += kBlock;
        return p + kBlock;
    }
    uchar lengths[kBlock];
    sequenceLengths(p, lengths);
    qsizetype i = 0;
    while (i < kBlock) {
        if (i % kChunk == 0 && plainChunks[i / kChunk]) {
            std::memcpy(*d, p + i, kChunk);
            *d += kChunk;
            i += kChunk;
        } else if (const int length = lengths[i]) {
            std::memcpy(*d, p + i, 4); // within the read-ahead; only `length` of them count
            *d += length;
            i += length;
        } else {
            *d = putByte(*d, p[i], table);
            ++i;
        }
    }
    return p + i;
}

/// The last bytes (less than a block and its read-ahead), with the bounds checked.
inline char *escapeTail(const uchar *p, const uchar *end, char *d,
                        const std::array<ByteOut, 256> &table)
{
    const std::array<Lead, 256> &leads = leadTable();
    while (p < end) {
        uchar tail[4] = {0, 0, 0, 0};
        std::memcpy(tail, p, size_t(qMin<qsizetype>(4, end - p)));
        const int length = sequenceLengthAt(tail, leads);
        if (length) {
            std::memcpy(d, p, size_t(length));
            d += length;
            p += length;
            continue;
        }
        d = putByte(d, *p, table);
        ++p;
    }
    return d;
}

} // namespace

void appendJsonEscapedUtf8(QByteArray *out, const char *data, qsizetype size)
{
    const std::array<ByteOut, 256> &table = byteTable();
    const qsizetype start = out->size();
    out->resize(start + size * 6
                + kChunk); // the worst case (\u00XX each), and room to copy 16 at once
    char *d = out->data() + start;
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *const end = p + size;

    // Block by block while a block and its read-ahead are inside the input. Two passes, because
    // one would chain every byte to the one before (where a sequence ends decides where the next
    // starts) and run at the speed of that chain: first the length of the well-formed sequence at
    // every position, independent of each other; then a walk that mostly adds one, copying 16
    // plain bytes at once where it can.
    while (end - p >= kBlock + kReadAhead)
        p = escapeBlock(p, &d, table);
    d = escapeTail(p, end, d, table);
    out->resize(d - out->constData());
}

} // namespace procdeck::runlog
