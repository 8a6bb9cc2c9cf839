#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "core/parallel/batch.h"
#include "core/parallel/parallelcommand.h"
#include "core/scheduling/scheduler.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "testutil.h"

using namespace procdeck;
using testutil::argv;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 30000;
}

class TestJobTableModel : public QObject
{
    Q_OBJECT

private slots:
    void formatElapsed_data();
    void formatElapsed();
    void rowsFollowTheScheduler();
    void displayAndSortRolesAreTyped();
    void changesAreCoalesced();
    void dataChangedNamesOnlyWhatChanged();
    void proxySortsNumericallyAndFilters();
    void directSortAgreesWithSortRole();
    void rowsInsertedSortedByNumberTakeTheirPlace();
    void valueColumnTellsABatchsJobsApart();
};

void TestJobTableModel::formatElapsed_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<bool>("running");
    QTest::addColumn<QString>("text");
    QTest::newRow("running 4.2") << qint64(4290) << true << "4.2 s";
    QTest::newRow("ended exact") << qint64(4213) << false << "4.213 s";
    QTest::newRow("running 1:03.5") << qint64(63'540) << true << "1:03.5";
    QTest::newRow("ended 1:03.540") << qint64(63'540) << false << "1:03.540";
    QTest::newRow("hours") << qint64(3'725'000) << true << "1:02:05.0";
}

void TestJobTableModel::formatElapsed()
{
    QFETCH(qint64, ms);
    QFETCH(bool, running);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale::c());
    QCOMPARE(JobTableModel::formatElapsed(ms, running), text);
}

void TestJobTableModel::rowsFollowTheScheduler()
{
    Scheduler s;
    s.setMaxParallel(4);
    JobTableModel model(&s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    s.addBatch({argv(QStringLiteral("true")), argv(QStringLiteral("false")), argv(QStringLiteral("sleep"), {QStringLiteral("30")})});
    QCOMPARE(inserted.count(), 1); // one batch, one insertion
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(JobTableModel::ColumnCount));
    QTRY_VERIFY_WITH_TIMEOUT(s.jobAt(0)->state() == JobState::Finished && s.jobAt(1)->state() == JobState::Failed, kDeadlineMs);
    s.removeEnded();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, JobTableModel::SeqColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(model.indexOf(s.jobAt(0)).row(), 0);
    s.killAll();
    QTRY_COMPARE_WITH_TIMEOUT(JobState(model.index(0, 0).data(JobTableModel::StateRole).toInt()), JobState::Killed, kDeadlineMs);
}

void TestJobTableModel::displayAndSortRolesAreTyped()
{
    Scheduler s;
    JobTableModel model(&s);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(argv(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo out; kill -KILL $$")}));
    s.add(shell(QStringLiteral("exit 7")));
    QVERIFY(idle.wait(kDeadlineMs));
    model.flushPendingChanges();
    QCOMPARE(model.index(0, JobTableModel::ExitColumn).data().toString(), QStringLiteral("SIGKILL"));
    QCOMPARE(model.index(1, JobTableModel::ExitColumn).data().toString(), QStringLiteral("7"));
    QCOMPARE(model.index(1, JobTableModel::ExitColumn).data(JobTableModel::SortRole).toInt(), 7);
    QCOMPARE(JobState(model.index(0, JobTableModel::StateColumn).data(JobTableModel::StateRole).toInt()), JobState::Crashed);
    QCOMPARE(model.index(0, JobTableModel::StateColumn).data().toString(), JobTableModel::stateText(JobState::Crashed, false));
    QCOMPARE(model.index(0, JobTableModel::OutputColumn).data(JobTableModel::SortRole).toLongLong(), qint64(4));
    const qint64 ms = model.index(1, JobTableModel::ElapsedColumn).data(JobTableModel::SortRole).toLongLong();
    QCOMPARE(ms, s.jobAt(1)->record().durationMs); // the figure shown is the one exported
    QCOMPARE(model.index(1, JobTableModel::ElapsedColumn).data().toString(), JobTableModel::formatElapsed(ms, false));
    QVERIFY(model.index(0, 0).data(JobTableModel::SearchTextRole).toString().contains(QLatin1String("out")));
    // Storage I/O, measured at the end with no sampler: shown (and sorted by) as exported.
    QCOMPARE(model.headerData(JobTableModel::IoWriteColumn, Qt::Horizontal).toString(), QStringLiteral("Written"));
    QVERIFY(s.jobAt(1)->record().ioWriteBytes >= 0);
    QCOMPARE(model.index(1, JobTableModel::IoWriteColumn).data(JobTableModel::SortRole).toLongLong(),
             s.jobAt(1)->record().ioWriteBytes);
    QVERIFY(!model.index(1, JobTableModel::IoWriteColumn).data().toString().isEmpty());
    QVERIFY(!model.index(1, JobTableModel::IoReadColumn).data().toString().isEmpty());
}

void TestJobTableModel::changesAreCoalesced()
{
    // 16 jobs print flat out for about a second; the view must not hear of every read.
    Scheduler s;
    s.setMaxParallel(16);
    JobTableModel model(&s);
    int jobNotifications = 0;
    connect(&s, &Scheduler::jobChanged, this, [&] { ++jobNotifications; });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy idle(&s, &Scheduler::idle);
    QList<JobSpec> specs;
    for (int i = 0; i < 16; ++i)
        specs << shell(QStringLiteral("end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do echo line; done"));
    QElapsedTimer clock;
    clock.start();
    s.addBatch(specs);
    QVERIFY(idle.wait(kDeadlineMs));
    const double seconds = clock.elapsed() / 1000.0;
    model.flushPendingChanges();
    // At most one range per refresh while they all run (adjacent rows merge), plus the starts
    // and the ends (two ranges each: the number's column apart), 16 of each at worst: under
    // load none may fall in the same refresh as its neighbour's (50 were seen against 46).
    const int bound = int(seconds * (1000.0 / JobTableModel::kRefreshMs)) * 2 + 16 * 2 * 2;
    QVERIFY2(changed.count() <= bound, qPrintable(QStringLiteral("%1 dataChanged > %2").arg(changed.count()).arg(bound)));
    QVERIFY(jobNotifications > changed.count());
    for (int i = 0; i < 16; ++i)
        QVERIFY(s.jobAt(i)->stdoutLog().totalBytes() > 0);
}

void TestJobTableModel::dataChangedNamesOnlyWhatChanged()
{
    // A running job that prints: its output column (with the output roles) and its elapsed time
    // change; its state, command and the other columns do not.
    Scheduler scheduler;
    JobTableModel model(&scheduler);
    Job *job = scheduler.add(shell(QStringLiteral("echo first; exec sleep 3125")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(job->stdoutLog().totalBytes(), qint64(6), kDeadlineMs);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.flushPendingChanges(); // the start and the first output, pending
    changed.clear();
    QTest::qWait(0);
    model.flushPendingChanges(); // nothing new but the running clock
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(JobTableModel::ElapsedColumn));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(JobTableModel::ElapsedColumn));
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(JobTableModel::ElapsedMsRole));
    changed.clear();
    job->kill();
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    model.flushPendingChanges();
    // A state change: the rest of the row with every role; the number's column (the default
    // sort) with the state's roles but not SortRole, so a proxy sorted by number is not re-sorted.
    bool restOfRow = false;
    bool number = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const int first = args.at(0).toModelIndex().column();
        const int last = args.at(1).toModelIndex().column();
        const QList<int> roles = args.at(2).value<QList<int>>();
        restOfRow = restOfRow || (first == 1 && last == int(JobTableModel::ColumnCount) - 1 && roles.isEmpty());
        number = number
            || (first == 0 && last == 0 && roles.contains(JobTableModel::StateRole) && !roles.contains(JobTableModel::SortRole));
    }
    QVERIFY(restOfRow);
    QVERIFY(number);
}

void TestJobTableModel::proxySortsNumericallyAndFilters()
{
    Scheduler s;
    s.setMaxParallel(8);
    JobTableModel model(&s);
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy idle(&s, &Scheduler::idle);
    // Exit codes 10, 9 and 100 sort as numbers (9, 10, 100), not as text (10, 100, 9).
    s.addBatch({shell(QStringLiteral("echo apple; exit 10")), shell(QStringLiteral("echo banana; exit 9")),
                shell(QStringLiteral("echo cherry; exit 100")), shell(QStringLiteral("echo date"))});
    QVERIFY(idle.wait(kDeadlineMs));
    model.flushPendingChanges();
    proxy.sort(JobTableModel::ExitColumn, Qt::AscendingOrder);
    QStringList exits;
    for (int row = 0; row < proxy.rowCount(); ++row)
        exits << proxy.index(row, JobTableModel::ExitColumn).data().toString();
    QCOMPARE(exits, (QStringList{"0", "9", "10", "100"}));

    proxy.setText(QStringLiteral("BANANA")); // output, case-insensitive
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, JobTableModel::SeqColumn).data().toString(), QStringLiteral("2"));
    proxy.setText(QString());
    proxy.setStateFilter(JobFilterProxy::StateFilter::Failed);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setStateFilter(JobFilterProxy::StateFilter::Succeeded);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setStateFilter(JobFilterProxy::StateFilter::All);
    QCOMPARE(proxy.rowCount(), 4);
}

void TestJobTableModel::directSortAgreesWithSortRole()
{
    Scheduler s;
    s.setMaxParallel(4);
    JobTableModel model(&s);
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch({shell(QStringLiteral("echo Bee; exit 2")), shell(QStringLiteral("printf aa")), argv(QStringLiteral("true")),
                argv(QStringLiteral("procdeck-no-such-program")), shell(QStringLiteral("kill -TERM $$")),
                shell(QStringLiteral("sleep 0.2; echo CAT"))});
    QVERIFY(idle.wait(kDeadlineMs));
    model.flushPendingChanges();
    for (int column = 0; column < JobTableModel::ColumnCount; ++column) {
        proxy.sort(column, Qt::AscendingOrder);
        for (int row = 1; row < proxy.rowCount(); ++row) {
            const QVariant before = proxy.index(row - 1, column).data(JobTableModel::SortRole);
            const QVariant after = proxy.index(row, column).data(JobTableModel::SortRole);
            QVERIFY2(QVariant::compare(before, after) != QPartialOrdering::Greater,
                     qPrintable(QStringLiteral("column %1 row %2: %3 > %4").arg(column).arg(row).arg(before.toString(), after.toString())));
        }
    }
}

void TestJobTableModel::rowsInsertedSortedByNumberTakeTheirPlace()
{
    // Sorted by number, the proxy places inserted rows by their row (JobTableModel::lessThan
    // reads no job for it): rows are in number order, ended ones removed or not.
    Scheduler s;
    s.setMaxParallel(4);
    JobTableModel model(&s);
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(JobTableModel::SeqColumn, Qt::DescendingOrder);
    const auto numbers = [&proxy] {
        QList<int> out;
        for (int row = 0; row < proxy.rowCount(); ++row)
            out << proxy.index(row, JobTableModel::SeqColumn).data(JobTableModel::SortRole).toInt();
        return out;
    };
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch({argv(QStringLiteral("true")), argv(QStringLiteral("true")),
                argv(QStringLiteral("true"))});
    QCOMPARE(numbers(), (QList<int>{3, 2, 1}));
    QVERIFY(idle.wait(kDeadlineMs));
    s.removeEnded();
    s.addBatch({argv(QStringLiteral("true")), argv(QStringLiteral("true"))});
    s.addBatch({argv(QStringLiteral("true"))});
    QCOMPARE(numbers(), (QList<int>{6, 5, 4}));
}

void TestJobTableModel::valueColumnTellsABatchsJobsApart()
{
    // Issue 22.8: every row of a batch read the same cut command; the value it got is a column
    // of its own, sorted as numbers where they are, and found by the filter even under a label.
    Scheduler s;
    s.setMaxParallel(8);
    JobTableModel model(&s);
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JobSpec base;
    base.label = QStringLiteral("the same label");
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::expand(QStringLiteral("true {}"), {"10", "9", "b", "100", "A"}, base, &jobs, &error));
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(argv(QStringLiteral("true"))); // launched alone: no value
    s.addBatch(jobs);
    QVERIFY(idle.wait(kDeadlineMs));
    model.flushPendingChanges();
    QCOMPARE(model.headerData(JobTableModel::ValueColumn, Qt::Horizontal).toString(),
             QStringLiteral("Value"));
    QCOMPARE(model.index(0, JobTableModel::ValueColumn).data().toString(), QString());
    QCOMPARE(model.index(0, JobTableModel::ValueColumn).data(Qt::ToolTipRole), QVariant());
    QCOMPARE(model.index(1, JobTableModel::ValueColumn).data().toString(), QStringLiteral("10"));
    QCOMPARE(model.index(4, JobTableModel::ValueColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("100"));

    proxy.sort(JobTableModel::ValueColumn, Qt::AscendingOrder);
    QStringList values;
    for (int row = 0; row < proxy.rowCount(); ++row)
        values << proxy.index(row, JobTableModel::ValueColumn).data().toString();
    QCOMPARE(values, (QStringList{"", "9", "10", "100", "A", "b"}));

    proxy.setText(QStringLiteral("100")); // not in the label that stands for the command
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, JobTableModel::ValueColumn).data().toString(), QStringLiteral("100"));

    // GNU parallel's arguments: all of those a job took (-n 2), as {} joins them.
    ParallelCommand command;
    QVERIFY(parallelcommand::parse({"-n", "2", "echo", ":::", "a b", "c", "d"}, nullptr, &command,
                                   &error));
    QCOMPARE(command.request.jobs.size(), 2);
    QCOMPARE(command.request.jobs.at(0).values, (QStringList{"a b", "c"}));
    QCOMPARE(command.request.jobs.at(1).values, QStringList{"d"});
}

QTEST_GUILESS_MAIN(TestJobTableModel)
#include "tst_jobtablemodel.moc"
