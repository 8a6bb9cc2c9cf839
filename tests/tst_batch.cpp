#include "core/parallel/batch.h"
#include "core/types/shellwords.h"

#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

class TestBatch : public QObject
{
    Q_OBJECT

private slots:
    void parseRange_data();
    void parseRange();
    void badRangeNamesTheText_data();
    void badRangeNamesTheText();
    void splitWords_data();
    void splitWords();
    void unterminatedQuoteIsRefused();
    void valuesFile();
    void shellTemplateQuotesValues();
    void argvTemplateKeepsValuesWhole();
    void templateWithoutPlaceholderAppends();
    void emptyTemplateIsRefused();
};

void TestBatch::parseRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("1..3") << "1..3" << QStringList{"1", "2", "3"};
    QTest::newRow("down") << "3..1" << QStringList{"3", "2", "1"};
    QTest::newRow("one") << "5..5" << QStringList{"5"};
    QTest::newRow("negative") << "-1..1" << QStringList{"-1", "0", "1"};
    QTest::newRow("spaces") << " 1 .. 2 " << QStringList{"1", "2"};
}

void TestBatch::parseRange()
{
    QFETCH(QString, text);
    QFETCH(QStringList, values);
    QStringList out;
    QString error;
    QVERIFY2(batch::parseRange(text, &out, &error), qPrintable(error));
    QCOMPARE(out, values);
}

void TestBatch::badRangeNamesTheText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("5..x") << "5..x";
    QTest::newRow("empty") << "";
    QTest::newRow("one dot") << "1.10";
    QTest::newRow("huge") << "1..99999999999";
}

void TestBatch::badRangeNamesTheText()
{
    QFETCH(QString, text);
    QStringList out;
    QString error;
    QVERIFY(!batch::parseRange(text, &out, &error));
    QVERIFY2(error.contains(QLatin1Char('\'') + text + QLatin1Char('\'')), qPrintable(error));
}

void TestBatch::splitWords_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << "sleep  1" << QStringList{"sleep", "1"};
    QTest::newRow("single quotes") << "printf '%s |'" << QStringList{"printf", "%s |"};
    QTest::newRow("double quotes") << "echo \"a \\\"b\\\" $x\"" << QStringList{"echo", "a \"b\" $x"};
    QTest::newRow("backslash") << "echo a\\ b" << QStringList{"echo", "a b"};
    QTest::newRow("empty quotes") << "x '' y" << QStringList{"x", "", "y"};
    QTest::newRow("joined") << "a'b'\"c\"d" << QStringList{"abcd"};
    QTest::newRow("tab and unicode") << "echo\t안녕" << QStringList{"echo", "안녕"};
}

void TestBatch::splitWords()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);
    QStringList out;
    QString error;
    QVERIFY2(shellwords::split(line, &out, &error), qPrintable(error));
    QCOMPARE(out, words);
}

void TestBatch::unterminatedQuoteIsRefused()
{
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(!batch::expand(QStringLiteral("echo 'oops {}"), {QStringLiteral("1")}, JobSpec{}, &jobs, &error));
    QVERIFY2(error.contains(QLatin1String("unterminated single quote")), qPrintable(error));
}

void TestBatch::valuesFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("a b\r\nc\n\nd\n");
    f.close();
    QStringList values;
    QString error;
    QVERIFY(batch::readValuesFile(path, &values, &error));
    QCOMPARE(values, (QStringList{"a b", "c", "", "d"}));
    QVERIFY(!batch::readValuesFile(dir.filePath(QStringLiteral("missing")), &values, &error));
    QVERIFY(error.contains(QLatin1String("missing")));
}

void TestBatch::shellTemplateQuotesValues()
{
    QList<JobSpec> jobs;
    QString error;
    JobSpec base = testutil::shell(QString());
    base.timeoutSeconds = 3;
    QVERIFY(batch::expand(QStringLiteral("echo {#}:{}"), {QStringLiteral("x"), QStringLiteral("it's a b")}, base, &jobs, &error));
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[0].shellCommand, QStringLiteral("echo 1:x"));
    QCOMPARE(jobs[1].shellCommand, QStringLiteral("echo 2:'it'\"'\"'s a b'"));
    QCOMPARE(jobs[1].timeoutSeconds, 3.0); // the base's settings carry over
}

void TestBatch::argvTemplateKeepsValuesWhole()
{
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::expand(QStringLiteral("printf '%s|' {} \"n {#}\""), {QStringLiteral("a b")}, JobSpec{}, &jobs, &error));
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].program, QStringLiteral("printf"));
    QCOMPARE(jobs[0].arguments, (QStringList{"%s|", "a b", "n 1"}));
    QVERIFY(!jobs[0].useShell);
}

void TestBatch::templateWithoutPlaceholderAppends()
{
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::expand(QStringLiteral("sleep"), {QStringLiteral("1")}, testutil::shell(QString()), &jobs, &error));
    QCOMPARE(jobs[0].shellCommand, QStringLiteral("sleep 1"));
    QVERIFY(batch::expand(QStringLiteral("sleep"), {QStringLiteral("2")}, JobSpec{}, &jobs, &error));
    QCOMPARE(jobs[0].arguments, QStringList{"2"});
}

void TestBatch::emptyTemplateIsRefused()
{
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(!batch::expand(QStringLiteral("  "), {QStringLiteral("1")}, JobSpec{}, &jobs, &error));
    QVERIFY(error.contains(QLatin1String("empty template")));
}

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
