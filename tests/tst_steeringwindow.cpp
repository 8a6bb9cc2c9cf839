// The window's steering (issue 13): Pause / Resume of selected jobs and batches, Pause queue,
// queue order by actions and by drag, the parallelism spin box, "Run after…" in the Launch form,
// retries in the forms, the halt banner, the table's words and the timeline's edges.
#include "batchdialog.h"
#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "core/scheduling/scheduler.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "noticebar.h"
#include "steeringcontrols.h"
#include "timelineview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMimeData>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include "testutil.h"

using namespace procdeck;
using namespace procdeck::app;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 30000;

QString stateShown(MainWindow &w, const Job *job)
{
    w.model()->flushPendingChanges();
    return w.model()->index(w.model()->indexOf(job).row(), JobTableModel::StateColumn).data().toString();
}
} // namespace

class TestSteeringWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pauseAndResumeTheSelectedJob();
    void pauseQueueAndTheSpinBox();
    void moveInTheQueueByActionAndByDrag();
    void runAfterWaitsAndTheTimelineDrawsTheEdge();
    void formsCarryRetriesAndHalt();
    void haltBannerSaysWhy();
    void attemptIsShownWhileARetryWaits();

private:
    QTemporaryDir m_home;
};

void TestSteeringWindow::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
}

void TestSteeringWindow::pauseAndResumeTheSelectedJob()
{
    MainWindow w;
    w.show();
    QAbstractItemModelTester tester(w.model());
    Job *job = w.launch(shell(QStringLiteral("sleep 30")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, kDeadlineMs);
    SteeringControls *s = w.steering();
    QTRY_VERIFY_WITH_TIMEOUT(s->pauseAction()->isEnabled(), kDeadlineMs);
    QVERIFY(!s->resumeAction()->isEnabled());
    // In the toolbar and the Jobs menu.
    QVERIFY(w.findChild<QToolBar *>(QStringLiteral("mainToolBar"))->actions().contains(s->pauseAction()));
    s->pauseAction()->trigger();
    QCOMPARE(job->state(), JobState::Paused);
    QCOMPARE(stateShown(w, job), QStringLiteral("Paused"));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::isHeld(job->pid()), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(s->resumeAction()->isEnabled(), kDeadlineMs);
    // The elapsed column says how long it has been paused.
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->index(w.model()->indexOf(job).row(), JobTableModel::ElapsedColumn).data().toString().startsWith(QLatin1String("paused ")), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(s->resumeAction()->isEnabled(), kDeadlineMs);
    s->resumeAction()->trigger();
    QCOMPARE(job->state(), JobState::Running);
    QVERIFY(job->pausedMs() > 0);

    // The batch's Pause and Resume.
    const int batch = w.launchBatch({shell(QStringLiteral("sleep 30"))}, 4);
    Job *batchJob = w.scheduler().jobAt(1);
    QTRY_COMPARE_WITH_TIMEOUT(batchJob->state(), JobState::Running, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(s->pauseBatchAction()->isEnabled(), kDeadlineMs);
    s->pauseBatchAction()->trigger();
    QVERIFY(w.scheduler().isBatchPaused(batch));
    QCOMPARE(batchJob->state(), JobState::Paused);
    QCOMPARE(job->state(), JobState::Running); // another batch's job goes on
    QTRY_VERIFY_WITH_TIMEOUT(s->resumeBatchAction()->isEnabled(), kDeadlineMs);
    s->resumeBatchAction()->trigger();
    QCOMPARE(batchJob->state(), JobState::Running);
    w.quitNow();
}

void TestSteeringWindow::pauseQueueAndTheSpinBox()
{
    MainWindow w;
    w.show();
    SteeringControls *s = w.steering();
    s->parallelSpin()->setValue(1);
    QCOMPARE(w.scheduler().maxParallel(), 1);
    s->pauseQueueAction()->trigger();
    QVERIFY(w.scheduler().isPaused());
    QList<JobSpec> specs;
    for (int i = 0; i < 3; ++i)
        specs << shell(QStringLiteral("sleep 30"));
    w.scheduler().addBatch(specs);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(w.scheduler().runningCount(), 0); // the queue is paused: nothing starts
    s->pauseQueueAction()->trigger();
    QVERIFY(!w.scheduler().isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().runningCount(), 1, kDeadlineMs);
    s->parallelSpin()->setValue(3); // while the batch runs: at once
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().runningCount(), 3, kDeadlineMs);
    w.quitNow();
}

void TestSteeringWindow::moveInTheQueueByActionAndByDrag()
{
    MainWindow w;
    w.show();
    w.scheduler().setPaused(true);
    QList<Job *> jobs;
    for (int i = 0; i < 4; ++i)
        jobs << w.launch(shell(QStringLiteral("true")));
    // The selection is job 4 (the last launched): to the top.
    QTRY_VERIFY_WITH_TIMEOUT(w.steering()->moveToTopAction()->isEnabled(), kDeadlineMs);
    w.steering()->moveToTopAction()->trigger();
    QCOMPARE(w.scheduler().queueOrder(), (QList<Job *>{jobs[3], jobs[0], jobs[1], jobs[2]}));
    w.selectJob(1);
    QTRY_VERIFY_WITH_TIMEOUT(w.steering()->moveToBottomAction()->isEnabled(), kDeadlineMs);
    w.steering()->moveToBottomAction()->trigger();
    QCOMPARE(w.scheduler().queueOrder(), (QList<Job *>{jobs[3], jobs[1], jobs[2], jobs[0]}));

    // A drag of job 3 dropped on job 4's row: before it in the queue.
    JobFilterProxy *proxy = w.proxy(); // the table's model
    const auto rowOf = [&](const Job *job) { return proxy->mapFromSource(w.model()->indexOf(job)); };
    QVERIFY(proxy->flags(rowOf(jobs[2])) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> data(proxy->mimeData({rowOf(jobs[2])}));
    QVERIFY(data);
    QVERIFY(proxy->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, rowOf(jobs[3])));
    proxy->dropMimeData(data.get(), Qt::MoveAction, -1, -1, rowOf(jobs[3]));
    QCOMPARE(w.scheduler().queueOrder(), (QList<Job *>{jobs[2], jobs[3], jobs[1], jobs[0]}));
    QCOMPARE(proxy->rowCount(), 4); // the rows stay; only the queue's order changed
    QCOMPARE(w.findChild<QTableView *>(QStringLiteral("jobTable"))->dragDropMode(), QAbstractItemView::DragDrop);
    w.quitNow();
}

void TestSteeringWindow::runAfterWaitsAndTheTimelineDrawsTheEdge()
{
    MainWindow w;
    w.show();
    Job *first = w.launch(shell(QStringLiteral("sleep 0.5")));
    // The Launch form from "Run after…" waits for the selected job.
    LaunchDialog dialog(JobSpec{}, {});
    dialog.setRunAfter({first->seq()});
    dialog.findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("echo after"));
    const JobSpec spec = dialog.spec();
    QCOMPARE(spec.after, QStringList{QStringLiteral("#1")});
    QVERIFY(dialog.problem().isEmpty());
    dialog.findChild<QLineEdit *>(QStringLiteral("runAfterEdit"))->setText(QStringLiteral("x"));
    QVERIFY(!dialog.problem().isEmpty());

    Job *second = w.launch(spec);
    QCOMPARE(second->state(), JobState::Queued);
    QCOMPARE(stateShown(w, second), QStringLiteral("Waiting for #1"));
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(second->startedAt() >= first->finishedAt());
    QCOMPARE(second->prerequisites(), QList<int>{1});
    // The timeline draws an arrow from #1 to #2.
    w.timeline()->setBatch(0);
    QCOMPARE(w.timeline()->edges(), (QList<QPair<int, int>>{{1, 2}}));
    w.quitNow();
}

void TestSteeringWindow::formsCarryRetriesAndHalt()
{
    LaunchDialog launch(JobSpec{}, {});
    launch.findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("true"));
    launch.findChild<QSpinBox *>(QStringLiteral("retrySpin"))->setValue(3);
    launch.findChild<QDoubleSpinBox *>(QStringLiteral("retryDelaySpin"))->setValue(1.5);
    QCOMPARE(launch.spec().retries, 3);
    QCOMPARE(launch.spec().retryDelaySeconds, 1.5);

    BatchDialog batch(JobSpec{}, 2);
    batch.setTemplate(QStringLiteral("exit {}"));
    batch.setList(QStringLiteral("0,1"));
    batch.findChild<QSpinBox *>(QStringLiteral("retrySpin"))->setValue(2);
    auto *halt = batch.findChild<QComboBox *>(QStringLiteral("haltCombo"));
    halt->setEditText(QStringLiteral("now,fail=1"));
    QVERIFY(batch.problem().isEmpty());
    QCOMPARE(batch.specs().first().retries, 2);
    QCOMPARE(batch.halt().when, HaltPolicy::When::Now);
    halt->setEditText(QStringLiteral("sometimes"));
    QVERIFY(batch.problem().contains(QLatin1String("--halt")));
}

void TestSteeringWindow::haltBannerSaysWhy()
{
    MainWindow w;
    w.show();
    HaltPolicy policy;
    QString error;
    QVERIFY(HaltPolicy::parse(QStringLiteral("now,fail=1"), &policy, &error));
    QList<JobSpec> specs;
    for (const char *code : {"0", "3", "0"})
        specs << shell(QStringLiteral("exit %1").arg(QLatin1String(code)));
    const int batch = w.launchBatch(specs, 1, policy);
    QTRY_VERIFY_WITH_TIMEOUT(w.steering()->haltBanner()->isVisible(), kDeadlineMs);
    QCOMPARE(w.steering()->haltBanner()->text(), QStringLiteral("Batch %1 halted: 1 job(s) failed (--halt now,fail=1); its running jobs "
                                                    "were stopped and nothing more started.").arg(batch));
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(2)->state(), JobState::Cancelled, kDeadlineMs);
    w.quitNow();
}

void TestSteeringWindow::attemptIsShownWhileARetryWaits()
{
    MainWindow w;
    w.show();
    JobSpec spec = shell(QStringLiteral("exit 1"));
    spec.retries = 3;
    spec.retryDelaySeconds = 30; // the second try waits long enough to be seen waiting
    Job *first = w.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
    const Job *second = w.scheduler().jobAt(1);
    QCOMPARE(second->state(), JobState::Queued);
    QCOMPARE(stateShown(w, second), QStringLiteral("Queued (attempt 2 of 3)"));
    QCOMPARE(stateShown(w, first), QStringLiteral("Failed (tried again as #2)"));
    w.quitNow();
}

QTEST_MAIN(TestSteeringWindow)
#include "tst_steeringwindow.moc"
