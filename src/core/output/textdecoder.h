#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace procdeck {

/// Decodes a byte stream in any encoding, chunk by chunk, keeping the state between chunks so
/// that a character split across two reads comes out whole. Bytes that are not valid in the
/// encoding become U+FFFD: never dropped, never a crash.
///
/// Uses QStringDecoder for the encodings Qt has built in (UTF-8/16/32, Latin-1, the locale's),
/// and glibc's iconv(3) for the rest (CP949, EUC-KR, Shift_JIS, GB18030, …).
class TextDecoder final
{
public:
    /// A decoder for `encoding`, or nullptr with *error set when the name is unknown.
    static std::unique_ptr<TextDecoder> create(const QString &encoding, QString *error = nullptr);
    /// True when create() would succeed.
    static bool isKnown(const QString &encoding);
    /// The encodings offered in choosers; any name iconv knows is accepted besides.
    static QStringList commonEncodings();

    ~TextDecoder();
    TextDecoder(const TextDecoder &) = delete;
    TextDecoder &operator=(const TextDecoder &) = delete;

    /// Decodes the next chunk. An incomplete character at its end is held for the next call.
    QString decode(const char *data, qsizetype size);
    QString decode(const QByteArray &bytes) { return decode(bytes.constData(), bytes.size()); }
    /// Ends the stream: a character left incomplete becomes U+FFFD.
    QString finish();

    /// Decodes a whole buffer at once with a fresh decoder (empty string for an unknown encoding).
    static QString decodeAll(const QString &encoding, const QByteArray &bytes);

    QString encoding() const { return m_encoding; }

private:
    TextDecoder() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_encoding;
};

} // namespace procdeck
