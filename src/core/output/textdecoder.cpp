#include "textdecoder.h"

#include <QStringDecoder>

#include <algorithm>
#include <cerrno>
#include <iconv.h>
#include <optional>

namespace procdeck {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

/// Qt's converter for the name, when it has one built in. "system" means the locale's.
std::optional<QStringConverter::Encoding> qtEncodingFor(const QString &name)
{
    if (name.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0)
        return QStringConverter::System;
    return QStringConverter::encodingForName(name.toLatin1().constData());
}

/// iconv's handle, opened to produce UTF-16 in this machine's byte order.
iconv_t openIconv(const QString &name)
{
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
    constexpr const char *kTarget = "UTF-16LE";
#else
    constexpr const char *kTarget = "UTF-16BE";
#endif
    return iconv_open(kTarget, name.toLatin1().constData());
}

/// True when the chunk ends with the first bytes of a multibyte UTF-8 character. A chunk
/// shorter than the character's tail is judged with what it holds: good enough for finish(),
/// which only needs to know that something was left dangling.
bool endsInsideUtf8Character(const char *data, qsizetype size)
{
    for (qsizetype back = 1; back <= 3 && back <= size; ++back) {
        const auto byte = static_cast<unsigned char>(data[size - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: look further back for the lead
        int needed = 1;
        if ((byte & 0xE0) == 0xC0)
            needed = 2;
        else if ((byte & 0xF0) == 0xE0)
            needed = 3;
        else if ((byte & 0xF8) == 0xF0)
            needed = 4;
        return needed > back;
    }
    return false;
}

} // namespace

struct TextDecoder::Impl {
    std::optional<QStringDecoder> qt;
    iconv_t cd = reinterpret_cast<iconv_t>(-1);
    QByteArray pending; ///< the start of a character iconv could not finish yet
    bool isUtf8 = false;
    QByteArray utf8Last; ///< the stream's last (up to 3) UTF-8 bytes, to tell a dangling character

    ~Impl()
    {
        if (cd != reinterpret_cast<iconv_t>(-1))
            iconv_close(cd);
    }

    QString iconvDecode(const char *data, qsizetype size)
    {
        QByteArray input;
        const char *in = data;
        size_t inLeft = size_t(size);
        if (!pending.isEmpty()) {
            input = pending + QByteArray::fromRawData(data, size);
            pending.clear();
            in = input.constData();
            inLeft = size_t(input.size());
        }
        // Every input byte yields at most two UTF-16 units (a surrogate pair), plus a
        // replacement: 2 units per byte + 2 is always enough.
        QString out(qsizetype(inLeft) * 2 + 2, Qt::Uninitialized);
        char *outStart = reinterpret_cast<char *>(out.data());
        char *outPtr = outStart;
        size_t outLeft = size_t(out.size()) * sizeof(char16_t);
        while (inLeft > 0) {
            char *inPtr = const_cast<char *>(in);
            const size_t rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
            in = inPtr;
            if (rc != size_t(-1))
                break;
            if (errno == EINVAL) { // an incomplete character at the end: keep it for later
                pending = QByteArray(in, qsizetype(inLeft));
                break;
            }
            // EILSEQ (or anything else): one bad byte becomes U+FFFD; go on after it.
            if (outLeft < sizeof(char16_t))
                break; // cannot happen with the sizing above; stop rather than overrun
            *reinterpret_cast<char16_t *>(outPtr) = kReplacement;
            outPtr += sizeof(char16_t);
            outLeft -= sizeof(char16_t);
            ++in;
            --inLeft;
            iconv(cd, nullptr, nullptr, nullptr, nullptr); // back to the initial shift state
        }
        out.truncate(qsizetype((outPtr - outStart) / qsizetype(sizeof(char16_t))));
        return out;
    }
};

std::unique_ptr<TextDecoder> TextDecoder::create(const QString &encoding, QString *error)
{
    std::unique_ptr<TextDecoder> decoder(new TextDecoder);
    decoder->m_encoding = encoding;
    decoder->m_impl = std::make_unique<Impl>();
    if (const auto qtEncoding = qtEncodingFor(encoding)) {
        decoder->m_impl->qt.emplace(*qtEncoding, QStringConverter::Flag::Default);
        decoder->m_impl->isUtf8 = *qtEncoding == QStringConverter::Utf8;
        return decoder;
    }
    decoder->m_impl->cd = openIconv(encoding);
    if (decoder->m_impl->cd == reinterpret_cast<iconv_t>(-1)) {
        if (error)
            *error = QStringLiteral("unknown encoding: '%1'").arg(encoding);
        return nullptr;
    }
    return decoder;
}

bool TextDecoder::isKnown(const QString &encoding)
{
    return !encoding.isEmpty() && create(encoding) != nullptr;
}

QStringList TextDecoder::commonEncodings()
{
    return {QStringLiteral("UTF-8"),     QStringLiteral("CP949"),   QStringLiteral("EUC-KR"),
            QStringLiteral("Shift_JIS"), QStringLiteral("GB18030"), QStringLiteral("ISO-8859-1"),
            QStringLiteral("UTF-16"),    QStringLiteral("system")};
}

TextDecoder::~TextDecoder() = default;

QString TextDecoder::decode(const char *data, qsizetype size)
{
    if (size <= 0)
        return {};
    if (m_impl->qt) {
        if (m_impl->isUtf8) {
            m_impl->utf8Last.append(data + std::max<qsizetype>(0, size - 3),
                                    std::min<qsizetype>(size, 3));
            m_impl->utf8Last = m_impl->utf8Last.right(3);
        }
        return m_impl->qt->decode(QByteArrayView(data, size));
    }
    return m_impl->iconvDecode(data, size);
}

QString TextDecoder::finish()
{
    if (m_impl->qt) {
        // QStringDecoder has no flush in Qt 6.4: it silently holds a dangling partial
        // character. We track that ourselves for UTF-8 and say so with one U+FFFD.
        const bool dangling =
            endsInsideUtf8Character(m_impl->utf8Last.constData(), m_impl->utf8Last.size());
        m_impl->utf8Last.clear();
        m_impl->qt->resetState();
        return dangling ? QString(QChar(kReplacement)) : QString();
    }
    if (m_impl->pending.isEmpty())
        return {};
    m_impl->pending.clear();
    iconv(m_impl->cd, nullptr, nullptr, nullptr, nullptr);
    return QString(QChar(kReplacement));
}

QString TextDecoder::decodeAll(const QString &encoding, const QByteArray &bytes)
{
    auto decoder = create(encoding);
    if (!decoder)
        return {};
    QString text = decoder->decode(bytes);
    text += decoder->finish(); // after decode(): the order of + operands is unspecified
    return text;
}

} // namespace procdeck
