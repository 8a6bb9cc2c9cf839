#include "core/output/textdecoder.h"

#include <QTest>

using procdeck::TextDecoder;

class TestTextDecoder : public QObject
{
    Q_OBJECT

private slots:
    void splitAtEveryBoundary_data();
    void splitAtEveryBoundary();
    void byteByByte_data() { splitAtEveryBoundary_data(); }
    void byteByByte();
    void invalidBytesBecomeReplacement_data();
    void invalidBytesBecomeReplacement();
    void danglingCharacterAtEndIsReported_data();
    void danglingCharacterAtEndIsReported();
    void unknownEncodingIsAnError();
    void commonEncodingsAreAllKnown();
};

void TestTextDecoder::splitAtEveryBoundary_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    const QString hello = QStringLiteral("안녕하세요");
    // CP949 and EUC-KR agree on these syllables (all in KS X 1001).
    const QByteArray korean = QByteArray::fromHex("bec8b3e7c7cfbcbcbfe4");
    QTest::newRow("CP949") << "CP949" << korean << hello;
    QTest::newRow("EUC-KR") << "EUC-KR" << korean << hello;
    QTest::newRow("UTF-8") << "UTF-8" << hello.toUtf8() << hello;
    QTest::newRow("Shift_JIS") << "Shift_JIS" << QByteArray::fromHex("82b182f182c982bf82cd")
                               << QStringLiteral("こんにちは");
    QTest::newRow("GB18030") << "GB18030" << QByteArray::fromHex("c4e3bac3") << QStringLiteral("你好");
    QTest::newRow("UTF-8 emoji") << "UTF-8" << QStringLiteral("a😀b").toUtf8() << QStringLiteral("a😀b");
    QTest::newRow("Latin-1") << "ISO-8859-1" << QByteArray("caf\xe9") << QStringLiteral("café");
}

void TestTextDecoder::splitAtEveryBoundary()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        auto decoder = TextDecoder::create(encoding);
        QVERIFY(decoder);
        // Sequenced on purpose: the operands of + may be evaluated in any order.
        QString out = decoder->decode(bytes.left(cut));
        out += decoder->decode(bytes.mid(cut));
        out += decoder->finish();
        QCOMPARE(out, text);
    }
}

void TestTextDecoder::byteByByte()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    auto decoder = TextDecoder::create(encoding);
    QVERIFY(decoder);
    QString out;
    for (char c : bytes)
        out += decoder->decode(&c, 1);
    out += decoder->finish();
    QCOMPARE(out, text);
}

void TestTextDecoder::invalidBytesBecomeReplacement_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    const QString r(QChar(0xFFFD));
    QTest::newRow("UTF-8 stray byte") << "UTF-8" << QByteArray("a\xff" "b") << (QStringLiteral("a") + r + QStringLiteral("b"));
    QTest::newRow("CP949 stray byte") << "CP949" << QByteArray::fromHex("61ff62") << (QStringLiteral("a") + r + QStringLiteral("b"));
    QTest::newRow("EUC-KR bad pair") << "EUC-KR" << QByteArray::fromHex("b041bec8") << (r + QStringLiteral("A안"));
}

void TestTextDecoder::invalidBytesBecomeReplacement()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(TextDecoder::decodeAll(encoding, bytes), text);
}

void TestTextDecoder::danglingCharacterAtEndIsReported_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("UTF-8") << "UTF-8" << QByteArray("ok\xec\x95");
    QTest::newRow("CP949") << "CP949" << QByteArray::fromHex("6f6bbe");
}

void TestTextDecoder::danglingCharacterAtEndIsReported()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QCOMPARE(TextDecoder::decodeAll(encoding, bytes), QStringLiteral("ok") + QChar(0xFFFD));
}

void TestTextDecoder::unknownEncodingIsAnError()
{
    QString error;
    QVERIFY(!TextDecoder::create(QStringLiteral("no-such-encoding"), &error));
    QVERIFY2(error.contains(QLatin1String("no-such-encoding")), qPrintable(error));
    QVERIFY(!TextDecoder::isKnown(QString()));
}

void TestTextDecoder::commonEncodingsAreAllKnown()
{
    for (const QString &name : TextDecoder::commonEncodings())
        QVERIFY2(TextDecoder::isKnown(name), qPrintable(name));
}

QTEST_GUILESS_MAIN(TestTextDecoder)
#include "tst_textdecoder.moc"
