// The exports' text encodings: UTF-8 that is always valid (a lone surrogate becomes U+FFFD) and
// JSON string escaping, from QString or straight from a UTF-8 job's bytes. These are an export's
// hot loop: 827 MB of output becomes 2 GB of JSON Lines.
#include "runlog.h"

#include <array>
#include <cstring>

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
                const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                    : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : nullptr;
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
    return (int(n == 2) & second) * 2 | (int(n == 3) & second & third) * 3 | (int(n == 4) & second & third & fourth) * 4;
}

} // namespace

void appendJsonEscapedUtf8(QByteArray *out, const char *data, qsizetype size)
{
    const std::array<ByteOut, 256> &table = byteTable();
    const std::array<Lead, 256> &leads = leadTable();
    const qsizetype start = out->size();
    out->resize(start + size * 6 + 8); // the worst case (\u00XX each), and room to copy 8 at once
    char *d = out->data() + start;
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *const end = p + size;
    // While 8 bytes can be read ahead: one 8-byte copy per step, from the input (a well-formed
    // sequence) or from the table (the byte itself, its escape or U+FFFD), chosen without a branch.
    while (end - p >= 8) {
        const int length = sequenceLengthAt(p, leads);
        const ByteOut &o = table[*p];
        const char *from = length ? reinterpret_cast<const char *>(p) : o.bytes;
        std::memcpy(d, from, 8);
        d += length ? length : o.size;
        p += length ? length : 1;
    }
    while (p < end) { // the last few bytes, with the bounds checked
        uchar tail[4] = {0, 0, 0, 0};
        std::memcpy(tail, p, size_t(qMin<qsizetype>(4, end - p)));
        const int length = sequenceLengthAt(tail, leads);
        if (length) {
            std::memcpy(d, p, size_t(length));
            d += length;
            p += length;
            continue;
        }
        const ByteOut &o = table[*p];
        std::memcpy(d, o.bytes, 8);
        d += o.size;
        ++p;
    }
    out->resize(d - out->constData());
}

} // namespace procdeck::runlog
