// The output pane's reader of terminal escapes: styles from SGR (16, 256, 24-bit colours, bold,
// underline…), everything else dropped, "\r" reported, escapes split across reads carried over.
#include "ansiparser.h"

#include <QTest>

using namespace procdeck::app;

using Color = AnsiParser::Color;
using Run = AnsiParser::Run;
using Style = AnsiParser::Style;

Q_DECLARE_METATYPE(QList<Run>)

namespace {
Style fg(Color::Kind kind, quint32 value)
{
    Style s;
    s.fg = {kind, value};
    return s;
}

Run text(const QString &t, const Style &s = {})
{
    return Run{t, s, false};
}

Run cr()
{
    return Run{QString(), Style{}, true};
}
} // namespace

class TestAnsiParser : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void splitAnywhereReadsTheSame();
    void colours();
};

void TestAnsiParser::reads_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QList<Run>>("expected");
    Style bold;
    bold.bold = true;
    Style boldUnder = bold;
    boldUnder.underline = true;
    Style redOnBlue = fg(Color::Kind::Indexed, 1);
    redOnBlue.bg = {Color::Kind::Indexed, 4};
    QTest::newRow("plain") << QStringLiteral("hello\n") << QList<Run>{text("hello\n")};
    QTest::newRow("16 colours") << QStringLiteral("\x1b[31mred\x1b[0m plain")
                                << QList<Run>{text("red", fg(Color::Kind::Indexed, 1)), text(" plain")};
    QTest::newRow("bright") << QStringLiteral("\x1b[92mok") << QList<Run>{text("ok", fg(Color::Kind::Indexed, 10))};
    QTest::newRow("bold and underline, then off") << QStringLiteral("\x1b[1;4mB\x1b[24mb\x1b[22mn")
                                                  << QList<Run>{text("B", boldUnder), text("b", bold), text("n")};
    QTest::newRow("fg and bg") << QStringLiteral("\x1b[31;44mx") << QList<Run>{text("x", redOnBlue)};
    QTest::newRow("256") << QStringLiteral("\x1b[38;5;208mo") << QList<Run>{text("o", fg(Color::Kind::Indexed, 208))};
    QTest::newRow("256 colon form") << QStringLiteral("\x1b[38:5:208mo") << QList<Run>{text("o", fg(Color::Kind::Indexed, 208))};
    QTest::newRow("24-bit") << QStringLiteral("\x1b[38;2;1;2;3mrgb") << QList<Run>{text("rgb", fg(Color::Kind::Rgb, 0x010203))};
    QTest::newRow("24-bit colon with colour space") << QStringLiteral("\x1b[38:2::1:2:3mrgb")
                                                    << QList<Run>{text("rgb", fg(Color::Kind::Rgb, 0x010203))};
    QTest::newRow("24-bit then bold in one escape") << QStringLiteral("\x1b[38;2;1;2;3;1mx")
                                                    << QList<Run>{text("x", [] { Style s = fg(Color::Kind::Rgb, 0x010203); s.bold = true; return s; }())};
    QTest::newRow("empty SGR resets") << QStringLiteral("\x1b[31mr\x1b[mn")
                                      << QList<Run>{text("r", fg(Color::Kind::Indexed, 1)), text("n")};
    QTest::newRow("cursor and erase dropped") << QStringLiteral("a\x1b[2K\x1b[1Gb\x1b[?25lc") << QList<Run>{text("abc")};
    QTest::newRow("OSC title dropped") << QStringLiteral("\x1b]0;title\x07x\x1b]8;;http://e\x1b\\y") << QList<Run>{text("xy")};
    QTest::newRow("progress") << QStringLiteral("10%\r50%\r100%\n")
                              << QList<Run>{text("10%"), cr(), text("50%"), cr(), text("100%\n")};
    QTest::newRow("CRLF is a line end") << QStringLiteral("a\r\nb\r\n") << QList<Run>{text("a\nb\n")};
    QTest::newRow("bad colour ignored") << QStringLiteral("\x1b[38;5;999mx") << QList<Run>{text("x")};
}

void TestAnsiParser::reads()
{
    QFETCH(QString, input);
    QFETCH(QList<Run>, expected);
    AnsiParser parser;
    QList<Run> runs = parser.feed(input);
    if (input.endsWith(QLatin1Char('\r'))) // a trailing "\r" waits for the next character
        runs << parser.feed(QStringLiteral("x"));
    QCOMPARE(runs, expected);
}

void TestAnsiParser::splitAnywhereReadsTheSame()
{
    // As pipes deliver it: an escape or a "\r\n" may be cut anywhere. Each character must come
    // out in the same style, whatever the cut.
    const QString input = QStringLiteral("\x1b[1;38;5;208mwarn\x1b[0m: 10%\r\x1b[32m99%\x1b[0m\r\ndone\r\n");
    auto shown = [](const QList<Run> &runs) {
        QList<QPair<QChar, Style>> chars;
        for (const Run &r : runs) {
            if (r.carriageReturn)
                chars << qMakePair(QChar(u'⏎'), Style{});
            for (const QChar c : r.text)
                chars << qMakePair(c, r.style);
        }
        return chars;
    };
    AnsiParser whole;
    const auto expected = shown(whole.feed(input));
    QString plain;
    for (const auto &[c, style] : expected)
        plain += c;
    QCOMPARE(plain, QStringLiteral("warn: 10%⏎99%\ndone\n"));
    QVERIFY(expected.first().second.bold && expected.first().second.fg == (Color{Color::Kind::Indexed, 208}));
    for (int cut = 1; cut < input.size(); ++cut) {
        AnsiParser p;
        QList<Run> runs = p.feed(QStringView(input).left(cut));
        runs << p.feed(QStringView(input).mid(cut));
        QVERIFY2(shown(runs) == expected, qPrintable(QString::number(cut)));
    }
}

void TestAnsiParser::colours()
{
    QCOMPARE(AnsiParser::toQColor(Color{Color::Kind::Rgb, 0x123456}, false), QColor(0x12, 0x34, 0x56));
    QCOMPARE(AnsiParser::toQColor(Color{Color::Kind::Indexed, 16}, false), QColor(0, 0, 0));         // the cube's corner
    QCOMPARE(AnsiParser::toQColor(Color{Color::Kind::Indexed, 231}, false), QColor(255, 255, 255));  // and its other
    QCOMPARE(AnsiParser::toQColor(Color{Color::Kind::Indexed, 196}, false), QColor(255, 0, 0));
    QCOMPARE(AnsiParser::toQColor(Color{Color::Kind::Indexed, 232}, false), QColor(8, 8, 8));        // the grey ramp
    QVERIFY(!AnsiParser::toQColor(Color{}, false).isValid());
    // Yellow stays readable on a white background and bright on a dark one.
    QVERIFY(AnsiParser::toQColor(Color{Color::Kind::Indexed, 3}, false).lightness() < 128);
    QVERIFY(AnsiParser::toQColor(Color{Color::Kind::Indexed, 3}, true).lightness() > 128);
}

QTEST_MAIN(TestAnsiParser)
#include "tst_ansiparser.moc"
