// JSON text in the run logs: escaping, lone surrogates, bytes written exactly.
#include "core/export/runlog.h"
#include "core/export/runlogwriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include "runlogtest.h"

using namespace procdeck;
using namespace runlogtest;

class TestRunLogJson : public QObject
{
    Q_OBJECT

private slots:
    void jsonLineEscapesAndReplacesLoneSurrogates();
    void jsonEscapingFromBytesIsExact();
};

void TestRunLogJson::jsonLineEscapesAndReplacesLoneSurrogates()
{
    ExportEntry e = singleJob(1, 0, 5);
    e.stdoutText = QStringLiteral("a\0\"\\\x01\n") + QChar(0xDCE9) + QString::fromUtf8("😀") + QChar(0xD800);
    const QByteArray line = runlog::jsonLine(e);
    QVERIFY(line.endsWith("}\n"));
    QVERIFY(line.contains(R"("stdout":"a\u0000\"\\\u0001\n)" "\xEF\xBF\xBD\xF0\x9F\x98\x80\xEF\xBF\xBD\""));
    QVERIFY(line.contains(R"("peak_rss_kb":null)")); // never sampled: not measured, not 0
    QVERIFY(line.contains(R"("io_read_bytes":null,"io_write_bytes":null)")); // likewise
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value("stdout").toString(), QStringLiteral("a\0\"\\\x01\n\uFFFD") + QString::fromUtf8("😀") + QStringLiteral("\uFFFD"));
    QCOMPARE(runlog::toJson(e), o); // the history's --json writes the same fields
    e.record.ioReadBytes = 0; // measured, and none
    e.record.ioWriteBytes = 104857600;
    QVERIFY(runlog::jsonLine(e).contains(R"("io_read_bytes":0,"io_write_bytes":104857600)"));
}

namespace {
/// The slow, obvious reading of appendJsonEscapedUtf8's contract, to check the fast one against.
QByteArray referenceEscape(const QByteArray &in)
{
    QByteArray out;
    const auto at = [&](qsizetype i) { return i < in.size() ? uchar(in[i]) : 0; };
    const auto cont = [&](qsizetype i, int low = 0x80, int high = 0xbf) { return i < in.size() && at(i) >= low && at(i) <= high; };
    for (qsizetype i = 0; i < in.size();) {
        const uchar c = at(i);
        int n = 0;
        if (c >= 0xc2 && c <= 0xdf)
            n = cont(i + 1) ? 2 : 0;
        else if (c >= 0xe0 && c <= 0xef)
            n = cont(i + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) && cont(i + 2) ? 3 : 0;
        else if (c >= 0xf0 && c <= 0xf4)
            n = cont(i + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        if (n) {
            out += in.mid(i, n);
            i += n;
            continue;
        }
        if (c >= 0x80)
            out += "\xEF\xBF\xBD";
        else if (c == '"' || c == '\\')
            out += '\\' + QByteArray(1, char(c));
        else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
            out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b" : "\\f";
        else if (c < 0x20)
            out += "\\u00" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += char(c);
        ++i;
    }
    return out;
}
} // namespace

void TestRunLogJson::jsonEscapingFromBytesIsExact()
{
    // Every boundary of table 3-7, at the end of the buffer too (where fewer than 8 bytes remain).
    QList<QByteArray> cases = {"", "plain", "\xC2\x80", "\xC1\xBF", "\xDF\xBF", "\xE0\x9F\x80", "\xE0\xA0\x80",
                               "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF0\x8F\x80\x80",
                               "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                               "\xE2\x82", "\xF0\x9F\x98", "a\xF0\x9F\x98\x80" "b", QByteArray("\0\x1f\x7f\"\\", 5)};
    for (const QByteArray &c : QList<QByteArray>(cases))
        cases << QByteArray(11, 'x') + c << c + QByteArray(11, 'y'); // the same inside the fast loop
    QRandomGenerator random(17);
    for (int i = 0; i < 200; ++i) {
        QByteArray bytes(random.bounded(64), Qt::Uninitialized);
        for (char &b : bytes)
            b = char(random.bounded(256));
        cases << bytes;
    }
    QByteArray big(1 << 20, Qt::Uninitialized);
    for (char &b : big)
        b = char(random.bounded(256));
    cases << big;
    // Text-like input, where the fast path copies 16 plain bytes at once: plain runs broken by
    // escapes, sequences (some cut short) and stray bytes at every offset, blocks' ends included.
    const QList<QByteArray> pieces = {"plain text, ", "\n", "\"", "\\", "\x01", "\xEA\xB0\x80", "\xF0\x9F\x98\x80",
                                      "\xE2\x82", "\xFF", "0123456789abcdef", "\xC3\xA9"};
    for (int n = 0; n < 20; ++n) {
        QByteArray text;
        while (text.size() < 3000 + n * 37)
            text += pieces[random.bounded(int(pieces.size()))];
        cases << text << QString::fromUtf8("안녕하세요, 세계! ").repeated(200 + n).toUtf8();
    }
    for (const QByteArray &c : std::as_const(cases)) {
        QByteArray fast;
        runlog::appendJsonEscapedUtf8(&fast, c.constData(), c.size());
        QCOMPARE(fast, referenceEscape(c));
    }
}

QTEST_MAIN(TestRunLogJson)
#include "tst_runlogjson.moc"
