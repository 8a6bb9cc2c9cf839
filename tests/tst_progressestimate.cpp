// ProgressEstimate, the ETA policy of --eta and --bar, on a clock the test turns. The expected
// numbers are GNU parallel 20221122's own: its compute_eta run under perl with time() replaced
// by the same clock (the readings below, in this order, through one estimate).
#include "core/scheduling/progressestimate.h"

#include <QTest>

using procdeck::ProgressEstimate;

class TestProgressEstimate : public QObject
{
    Q_OBJECT

private slots:
    void readingsAsParallelReckonsThem();
    void moreCompletedThanCounted();
    void timeUnits_data();
    void timeUnits();
};

void TestProgressEstimate::readingsAsParallelReckonsThem()
{
    qint64 now = 100;
    ProgressEstimate estimate([&now] { return now; });
    struct Step {
        qint64 time;
        int completed;
        int left;
        double fraction;
        double average;
        qint64 eta;
    };
    // Ten jobs. The ETA at 110 s would be 19 s, up from 18 by less than 10 %: 18 holds.
    const Step steps[] = {
        {100, 0, 10, 0, 0, 0},       {100, 1, 9, 0.1, 0, 0},      {102, 1, 9, 0.1, 2, 18},
        {104, 2, 8, 0.2, 2, 16},     {107, 2, 8, 0.2, 3.5, 18},   {108, 3, 7, 0.3, 8 / 3.0, 16},
        {109, 3, 7, 0.3, 3, 18},     {110, 3, 7, 0.3, 10 / 3.0, 18}, {112, 5, 5, 0.5, 2.4, 13},
        {113, 5, 5, 0.5, 2.6, 13},   {120, 9, 1, 0.9, 20 / 9.0, 2}, {121, 10, 0, 1, 2.1, 0},
    };
    for (const Step &step : steps) {
        now = step.time;
        const ProgressEstimate::Reading r = estimate.read(10, step.completed);
        const QByteArray at = QByteArray::number(step.time);
        QVERIFY2(r.total == 10 && r.completed == step.completed, at.constData());
        QVERIFY2(r.left == step.left, at.constData());
        QVERIFY2(r.fraction == double(step.completed) / 10, at.constData());
        QVERIFY2(qFuzzyCompare(1 + r.averageSeconds, 1 + step.average), at.constData());
        QVERIFY2(r.etaSeconds == step.eta, (at + " eta " + QByteArray::number(r.etaSeconds)));
    }
}

void TestProgressEstimate::moreCompletedThanCounted()
{
    // parallel: "In rare cases with -X will $completed > total_jobs()": the total follows.
    ProgressEstimate estimate([] { return qint64(5); });
    const ProgressEstimate::Reading r = estimate.read(3, 4);
    QCOMPARE(r.total, 4);
    QCOMPARE(r.left, 0);
    QCOMPARE(r.fraction, 1.0);
    QCOMPARE(r.etaSeconds, qint64(0));
}

void TestProgressEstimate::timeUnits_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("59") << qint64(59) << QStringLiteral("59s");
    QTest::newRow("60") << qint64(60) << QStringLiteral("1m00s");
    QTest::newRow("3723") << qint64(3723) << QStringLiteral("1h02m03s");
    QTest::newRow("86405") << qint64(86405) << QStringLiteral("1d00h00m05s");
    QTest::newRow("200000") << qint64(200000) << QStringLiteral("2d07h33m20s");
}

void TestProgressEstimate::timeUnits()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(ProgressEstimate::timeUnits(seconds), text);
}

QTEST_GUILESS_MAIN(TestProgressEstimate)
#include "tst_progressestimate.moc"
