// The window's layout (issue 22): what fits a screen, which columns show, text cut with care,
// the status bar's counts and the parallelism a batch sets.
#include "columnchooser.h"
#include "jobtitlelabel.h"
#include "steeringcontrols.h"
#include "windowtest.h"

#include <QDir>
#include <QMenu>
#include <QScreen>
#include <QTemporaryFile>
#include <QSpinBox>
#include <QTextDocumentFragment>

namespace {
/// A rich-text tooltip's words, its line breaks as '\n'.
QString plainText(const QString &html)
{
    return QTextDocumentFragment::fromHtml(html).toPlainText().replace(QChar::LineSeparator,
                                                                         QLatin1Char('\n'));
}
} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstWindowFitsTheScreen();
    void statusBarCountsPausedJobsApart();
    void aBatchLimitIsShownAtOnce();
    void aBatchsOwnLimitIsSaidWhole();
    void columnsComeBackWhenThereIsRoom();
    void chosenColumnsStayAndAreRemembered();
    void commandsAreCutInTheMiddle();
    void stateToolTipHoldsTheWholeLine();
    void outputTitleUsesTheRoomItHas();
    void aTitleWithRoomIsNeverCut();
    void slurmWithoutAClusterIsSaid();
    void valueColumnStandsBesideTheCommand();
    void noJobShownNoReasonShown();

private:
    QTemporaryDir m_home;
};

namespace {
QTableView *table(const MainWindow &w)
{
    return w.findChild<QTableView *>(QStringLiteral("jobTable"));
}

bool shown(const MainWindow &w, int column)
{
    return !table(w)->horizontalHeader()->isSectionHidden(column);
}
} // namespace

void TestWindowLayout::initTestCase()
{
    setUpHome(m_home);
}

void TestWindowLayout::firstWindowFitsTheScreen()
{
    // Issue 22.6: a fresh config on a screen smaller than the form's 1280×800.
    MainWindow::settings()->remove(QStringLiteral("window"));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QRect free = w.screen()->availableGeometry();
    QVERIFY2(free.width() < 1280 && free.height() < 800,
             qPrintable(QStringLiteral("a screen below 1280x800 is needed: %1x%2")
                            .arg(free.width()).arg(free.height())));
    QVERIFY2(free.contains(w.frameGeometry()),
             qPrintable(QStringLiteral("%1x%2 on %3x%4").arg(w.frameGeometry().width())
                            .arg(w.frameGeometry().height()).arg(free.width()).arg(free.height())));
    const QRect bar(w.statusBar()->mapToGlobal(QPoint(0, 0)), w.statusBar()->size());
    QVERIFY(free.contains(bar));
}

void TestWindowLayout::statusBarCountsPausedJobsApart()
{
    // Issue 22.4: a paused job keeps its slot, but it is not running.
    MainWindow w;
    const QString seconds = QString::number(uniqueSeconds());
    Job *job = w.launch(testutil::argv(QStringLiteral("sleep"), {seconds}));
    QTRY_VERIFY_WITH_TIMEOUT(job->pid() > 0, kDeadlineMs);
    QVERIFY(w.scheduler().pause(job));
    w.statusSummary()->refresh();
    const QString counts = w.statusSummary()->countsText();
    QVERIFY2(counts.startsWith(QStringLiteral("Running 0 · Paused 1 · Queued 0")),
             qPrintable(counts));
    QVERIFY(w.scheduler().resume(job));
    w.statusSummary()->refresh();
    const QString resumed = w.statusSummary()->countsText();
    QVERIFY2(resumed.startsWith(QStringLiteral("Running 1 · Queued 0")), qPrintable(resumed));
    w.scheduler().killAllNow();
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestWindowLayout::aBatchLimitIsShownAtOnce()
{
    // Issue 22.4: a batch's Max parallel is its own: the toolbar's Parallel stays for every
    // other job (after a batch at 1, a job from Launch sat Queued), and the status bar says so.
    Translation english("en"); // its plural forms, as the window installs them
    MainWindow w;
    QSpinBox *parallel = w.steering()->parallelSpin();
    parallel->setValue(4);
    const JobSpec sleeper = testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    const int batch = w.launchBatch({sleeper, sleeper}, 1);
    QCOMPARE(parallel->value(), 4);
    QCOMPARE(w.scheduler().maxParallel(), 4);
    QCOMPARE(w.scheduler().batchMaxParallel(batch), 1);
    const QString said = w.statusBar()->currentMessage();
    QVERIFY2(said.contains(QLatin1String("at most 1 job at once")), qPrintable(said));
    QCOMPARE(w.statusBar()->toolTip(), said); // read whole when a narrow window cuts it
    Job *alone = w.launch(sleeper);
    QTRY_COMPARE_WITH_TIMEOUT(alone->state(), JobState::Running, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(0)->state(), JobState::Running, kDeadlineMs);
    QCOMPARE(w.scheduler().jobAt(1)->state(), JobState::Queued);
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.scheduler().killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

void TestWindowLayout::aBatchsOwnLimitIsSaidWhole()
{
    // A batch whose Max parallel is below the toolbar's is told in the status bar, in words that
    // fit beside the batch's figures at 800 px, in English and in Korean.
    for (const bool korean : {false, true}) {
        const Translation translation(korean ? "ko" : "en");
        MainWindow w;
        w.resize(800, 600);
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.width(), 800, kDeadlineMs);
        w.scheduler().setMaxParallel(4);
        const JobSpec sleeper = testutil::shell(QStringLiteral("sleep 30"));
        const int batch = w.launchBatch({sleeper, sleeper, sleeper}, 2);
        const QString said = w.statusBar()->currentMessage();
        const QString expected = korean
            ? QStringLiteral("일괄 작업 %1은(는) 한 번에 최대 2개씩 실행합니다 (도구 모음의 병렬 수는 "
                             "4)")
            : QStringLiteral("Batch %1 runs at most 2 jobs at once (the toolbar's Parallel is 4)");
        QCOMPARE(said, expected.arg(batch));
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(1)->state(), JobState::Running, kDeadlineMs);
        // The figures give way while the message is up (the bar lays out when events run)…
        const int needed = w.statusBar()->fontMetrics().horizontalAdvance(said);
        QTRY_VERIFY2_WITH_TIMEOUT(needed <= w.statusSummary()->x() - 8, // the bar's margin
                                  qPrintable(QStringLiteral("%1 px for %2 px")
                                                 .arg(needed)
                                                 .arg(w.statusSummary()->x() - 8)),
                                  kDeadlineMs);
        // …and come back once it has gone.
        auto *counts = w.statusSummary()->findChildren<QLabel *>().value(0);
        QVERIFY(counts->isHidden());
        w.statusBar()->clearMessage();
        QVERIFY(!counts->isHidden());
        QCOMPARE(counts->text(), w.statusSummary()->countsText());
        QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
        w.scheduler().killAllNow();
        QVERIFY(idle.wait(kDeadlineMs));
    }
}

void TestWindowLayout::columnsComeBackWhenThereIsRoom()
{
    // Issue 22.7: widening State hid Peak memory and Host; narrowing it must bring them back.
    MainWindow w;
    w.resize(1800, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QHeaderView *header = table(w)->horizontalHeader();
    QTRY_VERIFY_WITH_TIMEOUT(
        shown(w, JobTableModel::PeakRssColumn) && shown(w, JobTableModel::HostColumn), kDeadlineMs);
    const int stateWidth = header->sectionSize(JobTableModel::StateColumn);
    header->resizeSection(JobTableModel::StateColumn, 1200);
    QTRY_VERIFY_WITH_TIMEOUT(!shown(w, JobTableModel::HostColumn), kDeadlineMs);
    header->resizeSection(JobTableModel::StateColumn, stateWidth);
    QTRY_VERIFY_WITH_TIMEOUT(
        shown(w, JobTableModel::PeakRssColumn) && shown(w, JobTableModel::HostColumn), kDeadlineMs);
}

void TestWindowLayout::chosenColumnsStayAndAreRemembered()
{
    // Issue 22.7: the header's menu shows and hides columns; the narrow rule hides only what
    // the person has not chosen for; the choice outlives the window.
    {
        MainWindow w;
        w.resize(640, 560);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *chooser = table(w)->horizontalHeader()->findChild<ColumnChooser *>();
        QVERIFY(chooser);
        QCOMPARE(table(w)->horizontalHeader()->contextMenuPolicy(), Qt::CustomContextMenu);
        QTRY_VERIFY_WITH_TIMEOUT(!shown(w, JobTableModel::PidColumn), kDeadlineMs); // too narrow
        std::unique_ptr<QMenu> menu(chooser->makeMenu(&w));
        for (QAction *action : menu->actions()) {
            if (action->data().toInt() == JobTableModel::PidColumn && action->isCheckable())
                action->setChecked(true); // "PID": shown, whatever the width
            if (action->data().toInt() == JobTableModel::ExitColumn && action->isCheckable())
                action->setChecked(false); // "Exit": hidden, whatever the width
        }
        QVERIFY(shown(w, JobTableModel::PidColumn));
        QVERIFY(!shown(w, JobTableModel::ExitColumn));
    }
    MainWindow again;
    again.resize(1800, 700);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTRY_VERIFY_WITH_TIMEOUT(shown(again, JobTableModel::PidColumn)
                                 && shown(again, JobTableModel::HostColumn), kDeadlineMs);
    QVERIFY(!shown(again, JobTableModel::ExitColumn)); // however wide the window
    table(again)->horizontalHeader()->findChild<ColumnChooser *>()->forgetChoices();
    QVERIFY(shown(again, JobTableModel::ExitColumn));
}

void TestWindowLayout::commandsAreCutInTheMiddle()
{
    // Issue 22.8: a batch's commands differ in their values, at the end as often as not.
    MainWindow w;
    QCOMPARE(table(w)->textElideMode(), Qt::ElideMiddle);
    // A paused job's "paused 59:59.9" fits its Elapsed cell.
    const QString paused =
        JobTableModel::tr("paused %1").arg(JobTableModel::formatElapsed(3'599'900, true));
    QVERIFY(table(w)->columnWidth(JobTableModel::ElapsedColumn)
            >= table(w)->fontMetrics().horizontalAdvance(paused) + 8);
}

void TestWindowLayout::stateToolTipHoldsTheWholeLine()
{
    // Issue 22.8: "Failed (tried a…" in the cell; the tooltip holds the whole line.
    MainWindow w;
    JobSpec spec = testutil::shell(QStringLiteral("exit 3"));
    spec.retries = 2;
    Job *first = w.launch(spec);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(first->state()) && first->retriedAs() != 0, kDeadlineMs);
    const QModelIndex cell =
        w.model()->indexOf(first).siblingAtColumn(JobTableModel::StateColumn);
    const QString line = cell.data().toString();
    QVERIFY2(line.contains(QLatin1String("tried again as #")), qPrintable(line));
    const QString tip = plainText(JobItemDelegate::stateToolTip(cell)); // a wrapping rich tip
    QVERIFY2(tip.startsWith(line), qPrintable(tip));
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
}

void TestWindowLayout::outputTitleUsesTheRoomItHas()
{
    // Issue 22.8: the output's title was cut at 60 % of its row with room to spare.
    MainWindow w;
    const QString word(120, QLatin1Char('a'));
    Job *job = w.launch(testutil::shell(QStringLiteral("echo %1-42").arg(word)));
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    OutputView view;
    view.setJob(job);
    view.resize(1600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *title = view.findChild<QLabel *>(QStringLiteral("jobTitle"));
    QVERIFY(title);
    // The tooltip holds the command, then the reason: its second line.
    const QString reason = plainText(title->toolTip()).section(QLatin1Char('\n'), 1);
    QFont bold = title->font();
    bold.setBold(true);
    const QString full = QStringLiteral("#%1  ").arg(job->seq()) + job->spec().displayName();
    const int titleNeeds = QFontMetrics(bold).horizontalAdvance(full);
    const int reasonNeeds = title->fontMetrics().horizontalAdvance(reason + QStringLiteral("    "));
    QVERIFY2(titleNeeds > (titleNeeds + reasonNeeds) * 3 / 5, "the title must need more than 60 %");
    view.resize(view.width() - title->width() + titleNeeds + reasonNeeds + 24, 300);
    QTRY_COMPARE_WITH_TIMEOUT(title->width() >= titleNeeds + reasonNeeds + 16, true, kDeadlineMs);
    QVERIFY2(titleNeeds > title->width() * 3 / 5, "the title must need more than 60 % of its row");
    QVERIFY2(!title->text().contains(QChar(0x2026)), qPrintable(title->text())); // nothing cut
}

void TestWindowLayout::aTitleWithRoomIsNeverCut()
{
    // Seen in a picture: "#5  sleep 0…" in a row of 1,264 px. The title was elided to its own
    // width in whole pixels, and a width rounded down cut its last letters.
    JobTitleLabel title;
    title.resize(1000, 30);
    title.show();
    QVERIFY(QTest::qWaitForWindowExposed(&title));
    QStringList cut;
    for (int i = 1; i <= 300; ++i) {
        title.setTitle(QStringLiteral("#%1  sleep 0.%1").arg(i), QString());
        if (title.text().contains(QChar(0x2026)))
            cut << title.text();
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
}

void TestWindowLayout::slurmWithoutAClusterIsSaid()
{
    // Issue 22.10: with no slurm.conf the form says the cluster is not reachable, does not
    // offer it first from memory, and shows the choice at its top; a job sent to Slurm says so
    // in its row's Host cell.
    qputenv("SLURM_CONF", m_home.filePath(QStringLiteral("no-such-slurm.conf")).toUtf8());
    const Preferences prefs;
    LaunchDialog dialog(prefs.applyTo(JobSpec{}), {}, nullptr);
    dialog.setRunOn(prefs, RunOn::Where::SlurmCluster); // what the form used last
    QCOMPARE(dialog.runOnWhere(), RunOn::Where::ThisComputer);
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("runOnCombo"));
    combo->setCurrentIndex(combo->findData(int(RunOn::Where::SlurmCluster)));
    const QString detail = dialog.findChild<QLabel *>(QStringLiteral("runOnDetail"))->text();
    QVERIFY2(detail.contains(QLatin1String("not reachable")), qPrintable(detail));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto *command = dialog.findChild<QLineEdit *>(QStringLiteral("commandEdit"));
    QVERIFY(combo->mapTo(&dialog, QPoint()).y() < command->mapTo(&dialog, QPoint()).y());
    dialog.hide();

    {
        MainWindow w;
        RunOn slurm;
        slurm.where = RunOn::Where::SlurmCluster;
        Job *job = w.launch(testutil::argv(QStringLiteral("true")), slurm);
        const QModelIndex host =
                w.model()->indexOf(job).siblingAtColumn(JobTableModel::HostColumn);
        QCOMPARE(host.data().toString(), QStringLiteral("Slurm cluster")); // queued, going there
        QTRY_VERIFY_WITH_TIMEOUT(job->state() != JobState::Queued, kDeadlineMs);
        QCOMPARE(host.data().toString(), QStringLiteral("Slurm cluster")); // srun has no node
        w.scheduler().killAllNow(); // srun looks for a cluster for a minute: no need to wait
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    }
    // Without a cluster, scancel too retries for a minute: the window's went with it.
    QCOMPARE(testutil::childrenRunning("scancel"), 0);
    qunsetenv("SLURM_CONF");
}

void TestWindowLayout::valueColumnStandsBesideTheCommand()
{
    // Issue 22.8: a batch's rows all read the same cut command; the value each got is a column
    // beside the command, offered in the header's menu, and no room is spent on it while no job
    // has a value.
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QHeaderView *header = table(w)->horizontalHeader();
    QCOMPARE(header->visualIndex(JobTableModel::ValueColumn),
             header->visualIndex(JobTableModel::CommandColumn) + 1);
    w.launch(testutil::argv(QStringLiteral("true")));
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
    QVERIFY(!shown(w, JobTableModel::ValueColumn));
    JobSpec base;
    base.useShell = true;
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::expand(QStringLiteral("for i in $(seq 200); do echo j{}; done"), {"7", "8"},
                          base, &jobs, &error));
    w.launchBatch(jobs, 2);
    QTRY_VERIFY_WITH_TIMEOUT(shown(w, JobTableModel::ValueColumn), kDeadlineMs);
    QCOMPARE(w.model()->index(2, JobTableModel::ValueColumn).data().toString(),
             QStringLiteral("8"));
    const int x = table(w)->columnViewportPosition(JobTableModel::ValueColumn);
    QVERIFY(x > 0
            && x + header->sectionSize(JobTableModel::ValueColumn) <= table(w)->viewport()->width());
    auto *chooser = header->findChild<ColumnChooser *>();
    std::unique_ptr<QMenu> menu(chooser->makeMenu(&w));
    bool offered = false;
    for (QAction *action : menu->actions())
        offered = offered || (action->data().toInt() == JobTableModel::ValueColumn
                              && action->text() == QStringLiteral("Value") && action->isChecked());
    QVERIFY(offered);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
}

void TestWindowLayout::noJobShownNoReasonShown()
{
    // The 800x600 screenshot of a search read "No job selected  Exited with code 0.": once the
    // filter hid the job shown, its end stayed beside "No job selected".
    MainWindow w;
    Job *job = w.launch(testutil::argv(QStringLiteral("true")));
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    OutputView view;
    view.setJob(job);
    QTRY_VERIFY_WITH_TIMEOUT(!view.reasonText().isEmpty(), kDeadlineMs);
    view.setJob(nullptr);
    QCOMPARE(view.reasonText(), QString());
}

int main(int argc, char **argv)
{
    // An 800×600 screen with window frames, as issue 22.6 saw it: the offscreen platform's own
    // is larger. (Set before the application exists, which reads it.)
    QTemporaryFile screens(QDir::tempPath() + QStringLiteral("/procdeck-screen-XXXXXX.json"));
    if (!screens.open())
        return 2;
    screens.write(R"({"windowFrameMargins": true, "screens": [{"name": "small", "x": 0, "y": 0,
        "width": 800, "height": 600, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    screens.flush();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + screens.fileName().toUtf8());
    QApplication app(argc, argv);
    TestWindowLayout test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_windowlayout.moc"
