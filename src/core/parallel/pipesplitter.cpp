#include "pipesplitter.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace procdeck::parallel {

namespace {

constexpr qint64 kTwoGiB = (qint64(1) << 31) - 1; // parallel grows a block no further

/// parallel reads a regexp's bytes as perl does: one character a byte.
QString latin1(const QByteArray &bytes, qint64 from)
{
    return QString::fromLatin1(bytes.constData() + from, bytes.size() - from);
}

/// perl's index(): an empty string is found at `from` (at most the length).
qint64 indexOf(const QByteArray &haystack, const QByteArray &needle, qint64 from)
{
    if (needle.isEmpty())
        return std::min<qint64>(from, haystack.size());
    return haystack.indexOf(needle, from);
}

/// parallel's wrapping of --recstart and --recend for --regexp: no /x inside, a | of their own.
QString wrapped(const QString &regexp)
{
    return QStringLiteral("(?:(?-x:%1))").arg(regexp);
}

} // namespace

bool readBlockSize(const QString &text, qint64 *bytes)
{
    static const QRegularExpression form(QStringLiteral(R"(^(\d+(?:\.\d*)?)([kmgtKMGT]i?)?$)"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return false;
    const QString unit = m.captured(2);
    const int power = unit.isEmpty() ? 0
            : int(QStringLiteral("kmgt").indexOf(unit.at(0).toLower())) + 1;
    const bool binary = !unit.isEmpty() && (unit.at(0).isUpper() || unit.size() == 2);
    const double value = m.captured(1).toDouble() * std::pow(binary ? 1024.0 : 1000.0, power);
    if (value < 1 || value > 1e18)
        return false;
    *bytes = qint64(value);
    return true;
}

PipeSplitter::PipeSplitter(const PipeRules &rules, Reader read)
    : m_rules(rules), m_read(std::move(read)), m_blockSize(std::max<qint64>(1, rules.blockSize))
{
    prepareRemoval();
    if (!rules.regexp) {
        m_recend = rules.recend.toLatin1();
        m_separator = m_recend + rules.recstart.toLatin1();
        return;
    }
    const QString start = wrapped(rules.recstart);
    const QString end = wrapped(rules.recend);
    const auto options = QRegularExpression::MultilineOption
            | QRegularExpression::ExtendedPatternSyntaxOption;
    // As parallel's: everything to the last recend followed by a recstart; N records, each up
    // to the first recend that a recstart follows; and the bytes before the first recstart.
    m_last.setPattern(QStringLiteral("^((?s:.)*%1)%2(?s:.)*?$").arg(end, start));
    m_nth.setPattern(QStringLiteral("(?s:^)((?:%1(?:(?!%2%1)(?s:.))*?%2){%3})(?=%1)")
                             .arg(start, end)
                             .arg(std::max(1, rules.records)));
    m_garbage.setPattern(
            QStringLiteral("(?s:^)((?:(?:(?!%2%1)(?s:.))*?%2))(?=%1)").arg(start, end));
    for (QRegularExpression *re : {&m_last, &m_nth, &m_garbage})
        re->setPatternOptions(options);
}

void PipeSplitter::prepareRemoval()
{
    if (!m_rules.removeSeparators)
        return;
    // parallel's remove_rec_sep: s/$recend$recstart//gm, s/^$recstart//s, s/$recend$//s, the
    // strings quoted (\Q…\E) unless --regexp.
    const auto asRegexp = [this](const QString &text) {
        return m_rules.regexp ? text : QRegularExpression::escape(text);
    };
    const QString end = asRegexp(m_rules.recend);
    const QString start = asRegexp(m_rules.recstart);
    m_between.setPattern(end + start);
    m_between.setPatternOptions(QRegularExpression::MultilineOption);
    m_leading.setPattern(QLatin1Char('^') + start);
    m_trailing.setPattern(end + QLatin1Char('$'));
    for (QRegularExpression *re : {&m_leading, &m_trailing})
        re->setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
}

void PipeSplitter::removeSeparators(QByteArray *block) const
{
    QString text = latin1(*block, 0);
    if (!m_between.pattern().isEmpty()) // perl's s/// would take an empty one as the last used
        text.replace(m_between, QString());
    // Once each, as s/// without /g: perl's (and PCRE's) $ is also before a final newline.
    for (const QRegularExpression *once : {&m_leading, &m_trailing}) {
        const QRegularExpressionMatch m = once->match(text);
        if (m.hasMatch())
            text.remove(m.capturedStart(), m.capturedLength());
    }
    *block = text.toLatin1();
}

bool PipeSplitter::check(const PipeRules &rules, QString *error)
{
    if (!rules.header.isEmpty() && !QRegularExpression(rules.header).isValid()) {
        *error = QStringLiteral("--header: not a regular expression: '%1'").arg(rules.header);
        return false;
    }
    if (!rules.regexp)
        return true;
    for (const QString &re : {rules.recstart, rules.recend}) {
        if (!QRegularExpression(re).isValid()) {
            *error = QStringLiteral("--regexp: not a regular expression: '%1'").arg(re);
            return false;
        }
    }
    return true;
}

QStringList PipeSplitter::takeWarnings()
{
    return std::exchange(m_warnings, {});
}

qint64 PipeSplitter::readSome(qint64 size)
{
    if (m_start > 0) { // what was handed out goes before the buffer grows
        m_buffer.remove(0, m_start);
        m_start = 0;
    }
    const qint64 before = m_buffer.size();
    m_buffer.resize(before + size);
    const qint64 n = m_read(m_buffer.data() + before, size);
    m_buffer.resize(before + std::max<qint64>(n, 0));
    if (n < 0)
        m_error = QStringLiteral("standard input could not be read");
    return n;
}

void PipeSplitter::readHeader()
{
    if (m_rules.header.isEmpty())
        return;
    static const QRegularExpression lines(QStringLiteral("^\\d+$"));
    QString pattern = m_rules.header;
    if (pattern == QLatin1String(":"))
        pattern = QStringLiteral("(.*\n)");
    else if (lines.match(pattern).hasMatch())
        pattern = QStringLiteral("(.*\n)").repeated(pattern.toInt());
    const QRegularExpression header(QStringLiteral("^(%1)").arg(pattern));
    while (readSome(m_blockSize) > 0) {
        const QRegularExpressionMatch m = header.match(latin1(m_buffer, m_start));
        if (m.hasMatch()) {
            m_header = m_buffer.left(m.capturedLength(1));
            m_buffer.remove(0, m_header.size());
            m_consumed = m_header.size();
            return;
        }
    }
}

void PipeSplitter::readBlock()
{
    qint64 wanted = m_blockSize - (m_buffer.size() - m_start) % m_blockSize;
    qint64 n = 0;
    do {
        n = readSome(wanted);
        wanted -= std::max<qint64>(n, 0);
    } while (wanted > 0 && n > 0);
    m_eof = n <= 0;
}

void PipeSplitter::handOut(qint64 length)
{
    if (length <= 0)
        return;
    m_ready << m_buffer.mid(m_start, length);
    m_offsets << m_consumed;
    m_start += length; // not removed at once: -N hands out many blocks from one buffer
    m_consumed += length;
    m_anything = true;
}

void PipeSplitter::cutLast()
{
    if (m_eof)
        return;
    const qint64 at = m_separator.isEmpty() ? m_buffer.size() : m_buffer.lastIndexOf(m_separator);
    if (at >= m_start)
        handOut(at + m_recend.size() - m_start);
}

void PipeSplitter::cutEveryN()
{
    // parallel's nindex: the N-th separator, looking from the second byte on.
    for (;;) {
        qint64 at = m_start;
        for (int k = 0; k < m_rules.records && at >= 0; ++k)
            at = indexOf(m_buffer, m_separator, at + 1);
        if (at < 0 || m_start == m_buffer.size())
            return;
        const qint64 length = at + m_recend.size() - m_start;
        if (length <= 0)
            return;
        handOut(length);
    }
}

void PipeSplitter::cutLastRegexp()
{
    if (m_eof)
        return;
    const QRegularExpressionMatch m = m_last.match(latin1(m_buffer, m_start));
    if (m.hasMatch())
        handOut(m.capturedLength(1));
}

void PipeSplitter::cutEveryNRegexp()
{
    if (!m_garbageSeen) {
        m_garbageSeen = true;
        const QRegularExpression starts(QStringLiteral("^") + wrapped(m_rules.recstart),
                                        QRegularExpression::MultilineOption);
        if (!starts.match(latin1(m_buffer, m_start)).hasMatch()) {
            const QRegularExpressionMatch m = m_garbage.match(latin1(m_buffer, m_start));
            if (m.hasMatch())
                handOut(m.capturedLength(1)); // the bytes before the first record: one block
        }
    }
    for (;;) {
        const QRegularExpressionMatch m = m_nth.match(latin1(m_buffer, m_start));
        if (!m.hasMatch() || m.capturedLength(1) == 0)
            return;
        handOut(m.capturedLength(1));
    }
}

void PipeSplitter::cut()
{
    if (m_rules.regexp)
        m_rules.records > 0 ? cutEveryNRegexp() : cutLastRegexp();
    else
        m_rules.records > 0 ? cutEveryN() : cutLast();
}

bool PipeSplitter::next(QByteArray *block, qint64 *offset)
{
    while (m_ready.isEmpty() && !m_done) {
        if (!m_started) {
            m_started = true;
            readHeader();
        }
        if (m_eof) { // the input has ended: the rest is the last block
            handOut(m_buffer.size() - m_start);
            m_done = true;
            break;
        }
        m_anything = false;
        readBlock();
        if (!m_error.isEmpty()) {
            m_done = true;
            return false;
        }
        cut();
        if (!m_eof && !m_anything && m_blockSize < kTwoGiB) {
            const qint64 grown = std::min<qint64>(qint64(std::ceil(m_blockSize * 1.3 + 1)),
                                                  kTwoGiB);
            m_warnings << QStringLiteral("warning: A record was longer than %1. Increasing to "
                                         "--blocksize %2.")
                                  .arg(m_blockSize)
                                  .arg(grown);
            m_blockSize = grown;
        }
    }
    if (m_ready.isEmpty())
        return false;
    *block = m_ready.takeFirst();
    *offset = m_offsets.takeFirst();
    if (m_rules.removeSeparators)
        removeSeparators(block);
    return true;
}

} // namespace procdeck::parallel
