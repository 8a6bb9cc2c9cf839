#include "rawbytes.h"

namespace procdeck::rawbytes {

namespace {

constexpr char16_t kEscapeBase = 0xDC80; // U+DC80..U+DCFF: the bytes 0x80..0xFF

/// Length of the valid UTF-8 sequence starting at `p` (1–4), or 0 when it is not one.
int validSequenceLength(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int length = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { length = 2; min = 0x80; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { length = 3; min = 0x800; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { length = 4; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if (left < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8 either.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

} // namespace

QString fromBytes(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        // Runs of valid UTF-8 are decoded by Qt at once; only the bad bytes are escaped.
        qsizetype runEnd = i;
        int n = 0;
        while (runEnd < size && (n = validSequenceLength(p + runEnd, size - runEnd)) > 0)
            runEnd += n;
        if (runEnd > i)
            out += QString::fromUtf8(bytes.constData() + i, runEnd - i);
        if (runEnd < size) {
            out += QChar(char16_t(kEscapeBase + (p[runEnd] - 0x80))); // invalid bytes are >= 0x80
            ++runEnd;
        }
        i = runEnd;
    }
    return out;
}

bool hasEscapedBytes(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= kEscapeBase && c.unicode() <= 0xDCFF)
            return true;
    return false;
}

QByteArray toBytes(const QString &text)
{
    if (!hasEscapedBytes(text))
        return text.toUtf8();
    QByteArray out;
    out.reserve(text.size());
    qsizetype runStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool escaped = i < text.size() && text.at(i).unicode() >= kEscapeBase
                && text.at(i).unicode() <= 0xDCFF
                // A real surrogate pair's low half is not an escape.
                && !(i > 0 && text.at(i - 1).isHighSurrogate());
        if (i == text.size() || escaped) {
            out += QStringView(text).mid(runStart, i - runStart).toUtf8();
            if (escaped)
                out += char(0x80 + (text.at(i).unicode() - kEscapeBase));
            runStart = i + 1;
        }
    }
    return out;
}

QStringList arguments(int argc, const char *const *argv)
{
    QStringList out;
    for (int i = 1; i < argc; ++i)
        out << fromBytes(QByteArray(argv[i]));
    return out;
}

} // namespace procdeck::rawbytes
