// GNU parallel's --shuf (issue 27.5): each case run through parallel itself and through
// procdeck-cli. The order is random in both, so what is compared is what must not be: every job
// run once (the lines, sorted, equal to parallel's), the exit status, and whatever --shuf leaves
// in order ({#} numbers the jobs as they run); and that the order really changes.
#include "paralleltest.h"

#include <algorithm>

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {
QStringList numbers(int from, int to)
{
    QStringList values;
    for (int i = from; i <= to; ++i)
        values << QString::number(i);
    return values;
}

QList<QByteArray> sortedLines(const QByteArray &out)
{
    QList<QByteArray> lines = out.split('\n');
    std::sort(lines.begin(), lines.end());
    return lines;
}
} // namespace

class TestParallelOrder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shufRunsEveryJobOnce_data();
    void shufRunsEveryJobOnce();

private:
    Outcome run(const QString &program, const QStringList &args) const;
    Bench m_bench;
};

void TestParallelOrder::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
}

Outcome TestParallelOrder::run(const QString &program, const QStringList &args) const
{
    QProcess p;
    m_bench.start(&p, program, args, QByteArray());
    return Bench::finish(&p);
}

void TestParallelOrder::shufRunsEveryJobOnce_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("sameBytes"); ///< the output is not random at all
    const QStringList values = QStringList{QStringLiteral(":::")} + numbers(1, 200);
    QTest::newRow("200 values, -j1")
            << QStringList{"--shuf", "-j1", "echo {}"} + values << false;
    QTest::newRow("200 values, -j4, failures")
            << QStringList{"--shuf", "-j4", "echo {}; exit $(({} % 7 == 0))"} + values << false;
    QTest::newRow("two sources combined")
            << QStringList{"--shuf", "echo", ":::", "a", "b", "c", ":::", "1", "2", "3"} << false;
    QTest::newRow("-k and {#}: numbered as they run")
            << QStringList{"--shuf", "-k", "echo {#}"} + values << true;
    QTest::newRow("--dry-run") << QStringList{"--shuf", "--dry-run", "echo"} + values << false;
}

void TestParallelOrder::shufRunsEveryJobOnce()
{
    QFETCH(QStringList, args);
    QFETCH(bool, sameBytes);
    const Outcome expected = run(m_bench.parallel(), args);
    const Outcome actual = run(QStringLiteral(PROCDECK_CLI_PATH), args);
    QVERIFY2(expected.exitCode >= 0, "parallel did not finish");
    QVERIFY2(actual.exitCode == expected.exitCode, actual.err.left(2000).constData());
    QCOMPARE(sortedLines(actual.out), sortedLines(expected.out));
    if (sameBytes)
        QCOMPARE(actual.out, expected.out);
    else if (args.size() > 200) // 200 values in their own order: 1 in 200! by chance
        QVERIFY2(actual.out != run(QStringLiteral(PROCDECK_CLI_PATH),
                                   args.mid(1)).out, // the same without --shuf
                 "--shuf ran the jobs in the input's order");
}

QTEST_GUILESS_MAIN(TestParallelOrder)
#include "tst_parallelorder.moc"
