// The readable reports (issue 22, point 12): terminal colours rendered (HTML) or removed (text),
// the window's words for states and ends, this computer's local times.
#include "core/output/ansitext.h"
#include "core/process/endreason.h"
#include "core/export/runlog.h"

#include <QTest>

#include <csignal>
#include <ctime>

#include "runlogtest.h"

using namespace procdeck;
using namespace runlogtest;

class TestRunReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void ansiToHtml_data();
    void ansiToHtml();
    void htmlReportRendersColoursAndTheWindowsWords();
    void textReportHasNoEscapes();
    void longLinesAreCut();

private:
    static ExportEntry coloured();
};

void TestRunReport::initTestCase()
{
    // A zone of our own, so that local time differs from UTC whatever the machine's is.
    qputenv("TZ", "Asia/Seoul");
    ::tzset();
    QLocale::setDefault(QLocale::c());
}

void TestRunReport::ansiToHtml_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    const QString esc(QChar(0x1b));
    QTest::newRow("ls --color") << esc + "[01;34mroot" + esc + "[0m/"
                                << "<span style=\"color:#0000ee;font-weight:bold\">root</span>/";
    QTest::newRow("256 colours") << esc + "[38;5;208mo" << "<span style=\"color:#ff8700\">o</span>";
    QTest::newRow("24-bit, background") << esc + "[38;2;1;2;3;48;5;1mx" + esc + "[39;49my"
                                        << "<span style=\"color:#010203;background:#cd0000\">x</span>y";
    QTest::newRow("bright, reset by 39") << esc + "[91ma" + esc + "[39mb" << "<span style=\"color:#ff0000\">a</span>b";
    QTest::newRow("escaped as HTML") << esc + "[32m<a&b>" << "<span style=\"color:#00cd00\">&lt;a&amp;b&gt;</span>";
    QTest::newRow("cursor and erase dropped") << "a" + esc + "[2K" + esc + "[1Gb" + esc + "7c" << "abc";
    QTest::newRow("OSC title dropped") << esc + "]0;title" + QChar(7) + "x" + esc + "]2;t" + esc + "\\y" << "xy";
    QTest::newRow("cut escape at the end") << "a" + esc + "[3" << "a";
}

void TestRunReport::ansiToHtml()
{
    QFETCH(QString, text);
    QFETCH(QString, html);
    QCOMPARE(ansitext::toHtml(text), html);
    QVERIFY(!ansitext::stripped(text).contains(QChar(0x1b)));
}

ExportEntry TestRunReport::coloured()
{
    ExportEntry e = singleJob(1, 0, 3000);
    // 2026-01-02 00:00:00 UTC, 09:00 in Seoul.
    e.record.startedAt = QDateTime(QDate(2026, 1, 2), QTime(0, 0), Qt::UTC);
    e.record.finishedAt = e.record.startedAt.addMSecs(3000);
    e.record.state = JobState::TimedOut;
    e.record.timedOut = true;
    e.record.exitCode = -1;
    e.record.signal = SIGKILL;
    e.record.signalled = EndSignals{1000, 3000};
    e.stdoutText = QStringLiteral("\x1b[01;34mroot\x1b[0m\n");
    return e;
}

void TestRunReport::htmlReportRendersColoursAndTheWindowsWords()
{
    const QString html = QString::fromUtf8(runlog::renderHtmlReport({coloured()}));
    QVERIFY2(html.contains(QLatin1String("<span style=\"color:#0000ee;font-weight:bold\">root</span>")), qPrintable(html));
    QVERIFY(!html.contains(QChar(0x1b)));
    QVERIFY(!html.contains(QLatin1String("[01;34m")));
    // The window's state word and the end in order, never the export's key.
    QVERIFY2(html.contains(QLatin1String("<b>Timed out</b><br>Timed out: SIGTERM at 1 s, still running at 3 s, SIGKILL.")),
             qPrintable(html));
    QVERIFY(!html.contains(QLatin1String(">timed_out")));
    // Local times, as the window shows them.
    // The date above the time: a narrow page broke the line inside the date ("2026-01-|02").
    QVERIFY2(html.contains(QLatin1String("<td>2026-01-02<br>09:00:00</td>")), qPrintable(html));
    QVERIFY(!html.contains(QLatin1String("2026-01-02T00:00:00")));
    QVERIFY(html.contains(QLatin1String("Times are this computer's local time (KST).")));
}

void TestRunReport::textReportHasNoEscapes()
{
    const QString text = QString::fromUtf8(runlog::renderTextReport({coloured()}));
    QVERIFY2(text.contains(QLatin1String("      | root\n")), qPrintable(text));
    QVERIFY(!text.contains(QChar(0x1b)));
    QVERIFY(text.contains(QStringLiteral("started 2026-01-02 09:00:00 · finished 2026-01-02 09:00:03")));
    QVERIFY(text.contains(QLatin1String("    Timed out: SIGTERM at 1 s, still running at 3 s, SIGKILL.\n")));
}

void TestRunReport::longLinesAreCut()
{
    // A job that printed one 3 MB line of 'x' made the report a page of x's (16 KiB of them,
    // all the report keeps): each of the last lines is cut at 300 characters, and says so.
    ExportEntry e = coloured();
    e.stdoutText = QString(5000, QLatin1Char('x')) + QStringLiteral("\nend\n");
    const ExportEntry kept = runlog::summarizedForReport(e);
    const QString cut = QString(300, QLatin1Char('x')) + QStringLiteral(" … (4700 more characters)");
    QCOMPARE(kept.stdoutText, cut + QStringLiteral("\nend"));
    const QString html = QString::fromUtf8(runlog::renderHtmlReport({kept}));
    QVERIFY2(html.contains(cut), qPrintable(html.left(2000)));
    QVERIFY(!html.contains(QString(301, QLatin1Char('x'))));
    QVERIFY(QString::fromUtf8(runlog::renderTextReport({kept})).contains(cut));
}

QTEST_GUILESS_MAIN(TestRunReport)
#include "tst_runreport.moc"
