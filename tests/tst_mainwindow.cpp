#include "batchdialog.h"
#include "historydialog.h"
#include "core/batch.h"
#include "core/jobfilterproxy.h"
#include "core/jobtablemodel.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "noticebar.h"
#include "outputview.h"
#include "statussummary.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;

/// Runs `fill` on the next modal dialog of type T as soon as it is open.
template<typename T, typename F>
void whenDialogOpens(F fill)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, fill] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            fill(dialog);
        }
    });
    timer->start();
}

int rowOfSeq(const MainWindow &w, int seq)
{
    for (int row = 0; row < w.proxy()->rowCount(); ++row)
        if (w.proxy()->index(row, 0).data(JobTableModel::SeqRole).toInt() == seq)
            return row;
    return -1;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void launchDialogRunsAJobAndShowsItsOutput();
    void launchDialogShowsProblemsInline();
    void killFromTheToolbar();
    void filterHidesAndShowsRows();
    void batchDialogPreviewMatchesExpansion();
    void batchShowsTheSpeedup();
    void outputViewReDecodesInAnotherEncoding();
    void closingWithJobsRunningAsks();
    void quitCountsDownAndKillNowEnds();
    void historyStallShowsABanner();
    void sigtermQuitsAndLeavesNothing();
    void sigtermLetsAJobCleanUp();
    void secondSigtermKillsAtOnce();
    void exportsWhatTheTableShows();
    void historyRunsAgain();
    void brokenBatchFileIsRefusedWithWhere();
    void timelineDrawsTheStaircase();

private:
    QTemporaryDir m_home;
};

void TestMainWindow::initTestCase()
{
    // Settings and run folders go to a fresh place, never the person's own.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QLocale::setDefault(QLocale::c());
}

void TestMainWindow::launchDialogRunsAJobAndShowsItsOutput()
{
    MainWindow w;
    w.show();
    whenDialogOpens<LaunchDialog>([](LaunchDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("sleep 0.3; echo hello-window"));
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
    QCOMPARE(w.scheduler().count(), 1);
    Job *job = w.scheduler().jobAt(0);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, JobTableModel::StateColumn).data().toString(),
                              JobTableModel::stateText(JobState::Running, false), kDeadlineMs);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
    QCOMPARE(w.outputView()->job(), job);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, JobTableModel::ExitColumn).data().toString(), QStringLiteral("0"), kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText(), QStringLiteral("hello-window\n"), kDeadlineMs);
}

void TestMainWindow::launchDialogShowsProblemsInline()
{
    LaunchDialog d(JobSpec{}, {});
    auto *command = d.findChild<QLineEdit *>(QStringLiteral("commandEdit"));
    auto *shellCheck = d.findChild<QCheckBox *>(QStringLiteral("shellCheck"));
    auto *cwd = d.findChild<QLineEdit *>(QStringLiteral("cwdEdit"));
    QPushButton *ok = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // empty command
    shellCheck->setChecked(false);
    command->setText(QStringLiteral("procdeck-no-such-program --flag"));
    QVERIFY(d.problem().contains(QLatin1String("procdeck-no-such-program")));
    QVERIFY(!ok->isEnabled());
    QVERIFY(d.findChild<QLabel *>(QStringLiteral("problemLabel"))->text().contains(QLatin1String("PATH")));
    command->setText(QStringLiteral("printf '%s|' \"it's fine\" 'a  b'"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(d.spec().program, QStringLiteral("printf"));
    QCOMPARE(d.spec().arguments, (QStringList{"%s|", "it's fine", "a  b"}));
    cwd->setText(QStringLiteral("/procdeck/no/such/dir"));
    QVERIFY(d.problem().contains(QLatin1String("/procdeck/no/such/dir")));
    QVERIFY(!ok->isEnabled());
}

void TestMainWindow::killFromTheToolbar()
{
    MainWindow w;
    w.show();
    Job *job = w.launch(testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")}));
    QTRY_VERIFY_WITH_TIMEOUT(job->pid() > 0, kDeadlineMs);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
    QAction *kill = w.findChild<QAction *>(QStringLiteral("actionKill"));
    QVERIFY(kill->isEnabled());
    kill->trigger(); // asks nothing
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Killed, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, JobTableModel::StateColumn).data().toString(),
                              JobTableModel::stateText(JobState::Killed, false), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestMainWindow::filterHidesAndShowsRows()
{
    MainWindow w;
    w.show();
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launch(testutil::shell(QStringLiteral("echo alpha")));
    w.launch(testutil::shell(QStringLiteral("echo beta; exit 1")));
    QVERIFY(idle.wait(kDeadlineMs));
    auto *filter = w.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    auto *states = w.findChild<QComboBox *>(QStringLiteral("stateFilterCombo"));
    QCOMPARE(w.proxy()->rowCount(), 2);
    filter->setText(QStringLiteral("alpha"));
    QCOMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(rowOfSeq(w, 1), 0);
    filter->clear();
    QCOMPARE(w.proxy()->rowCount(), 2);
    states->setCurrentIndex(states->findData(int(JobFilterProxy::StateFilter::Failed)));
    QCOMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(rowOfSeq(w, 2), 0);
    states->setCurrentIndex(0);
    QCOMPARE(w.proxy()->rowCount(), 2);
}

void TestMainWindow::batchDialogPreviewMatchesExpansion()
{
    JobSpec defaults;
    BatchDialog d(defaults, 4);
    d.setTemplate(QStringLiteral("sleep {}"));
    d.setRange(QStringLiteral("1..10"));
    QList<JobSpec> expected;
    QString error;
    JobSpec base = defaults;
    base.useShell = true;
    QVERIFY(batch::expand(QStringLiteral("sleep {}"), QStringList{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, base, &expected, &error));
    QCOMPARE(d.specs(), expected);
    const QStringList preview = d.previewLines();
    QCOMPARE(preview.size(), BatchDialog::kPreviewLines + 1);
    for (int i = 0; i < BatchDialog::kPreviewLines; ++i)
        QCOMPARE(preview[i], expected[i].commandLine());
    QVERIFY(preview.last().contains(QLatin1String("2")));
    d.setRange(QStringLiteral("5..x"));
    QVERIFY(d.problem().contains(QLatin1String("5..x")));
    QVERIFY(d.specs().isEmpty());
    QVERIFY(!d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
}

void TestMainWindow::batchShowsTheSpeedup()
{
    MainWindow w;
    w.show();
    whenDialogOpens<BatchDialog>([](BatchDialog *d) {
        d->setTemplate(QStringLiteral("sleep 0.{}"));
        d->setRange(QStringLiteral("5..9"));
        d->setMaxParallel(5);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.findChild<QAction *>(QStringLiteral("actionNewBatch"))->trigger();
    QCOMPARE(w.scheduler().count(), 5);
    QVERIFY(idle.wait(kDeadlineMs));
    w.statusSummary()->refresh();
    const BatchStats stats = w.scheduler().batchStats(w.scheduler().jobAt(0)->batchId());
    QCOMPARE(stats.succeeded, 5);
    QVERIFY(stats.speedup() > 1.5); // 3.5 s of sleeping in well under 2.3 s
    QCOMPARE(w.statusSummary()->batchText(), StatusSummary::speedupText(5, stats.workMs, stats.wallMs));
    QVERIFY(w.statusSummary()->countsText().contains(QLatin1String("Finished 5")));
}

void TestMainWindow::outputViewReDecodesInAnotherEncoding()
{
    MainWindow w;
    w.show();
    JobSpec spec = testutil::shell(QStringLiteral("printf '\\276\\310\\263\\347'"));
    spec.encoding = QStringLiteral("CP949");
    Job *job = w.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("안녕"));
    w.outputView()->setEncoding(QStringLiteral("ISO-8859-1"));
    QCOMPARE(w.outputView()->stdoutText(), QString::fromLatin1("\xbe\xc8\xb3\xe7"));
    w.outputView()->setEncoding(QStringLiteral("EUC-KR"));
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("안녕"));
}

void TestMainWindow::closingWithJobsRunningAsks()
{
    MainWindow w;
    w.show();
    JobSpec spec = testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    spec.graceSeconds = 7;
    Job *job = w.launch(spec);
    QTRY_VERIFY_WITH_TIMEOUT(job->pid() > 0, kDeadlineMs);
    QString said;
    whenDialogOpens<QMessageBox>([&said](QMessageBox *box) {
        said = box->text() + QLatin1Char(' ') + box->informativeText();
        box->button(QMessageBox::Cancel)->click();
    });
    QVERIFY(!w.close()); // it asks (without blocking), and nothing has happened yet
    QTRY_VERIFY_WITH_TIMEOUT(!said.isEmpty(), kDeadlineMs);
    // The question says what quitting does, with this job's own grace period.
    QVERIFY2(said.contains(QLatin1String("SIGTERM")) && said.contains(QLatin1String("up to 7 s")), qPrintable(said));
    QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activeModalWidget(), kDeadlineMs);
    QCOMPARE(job->state(), JobState::Running); // cancelled: still open, still running
    QVERIFY(w.isVisible());
    whenDialogOpens<QMessageBox>([](QMessageBox *box) {
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
    });
    QVERIFY(!w.close()); // closes once the job has ended, not before
    QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kDeadlineMs);
    QCOMPARE(job->state(), JobState::Killed);
    QCOMPARE(job->signal(), SIGTERM); // asked, not forced: sleep dies of the SIGTERM itself
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestMainWindow::quitCountsDownAndKillNowEnds()
{
    MainWindow w;
    w.show();
    JobSpec deaf = testutil::shell(QStringLiteral("trap '' TERM; sleep 300"));
    deaf.graceSeconds = 60;
    Job *job = w.launch(deaf);
    QTRY_VERIFY_WITH_TIMEOUT(job->pid() > 0, kDeadlineMs);
    w.quitGracefully();
    NoticeBar *banner = w.stopBanner();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QLatin1String("Stopping 1 job")) && banner->text().contains(QLatin1String("SIGKILL in 60 s")),
             qPrintable(banner->text()));
    QVERIFY(w.isVisible());
    QCOMPARE(job->state(), JobState::Running); // it ignores SIGTERM: the countdown runs
    QVERIFY(!w.findChild<QAction *>(QStringLiteral("actionNewJob"))->isEnabled()); // nothing new while quitting
    QElapsedTimer clock;
    clock.start();
    banner->button()->click(); // "Kill now"
    QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kDeadlineMs);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(isTerminal(job->state()));
    QCOMPARE(job->signal(), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestMainWindow::historyStallShowsABanner()
{
    MainWindow w;
    w.show();
    QVERIFY(!w.historyBanner()->isVisible());
    // The engine's own signals, as History emits them after 5 s of failed writes and on recovery.
    emit w.history().writeStalled(QStringLiteral("database is locked"));
    QVERIFY(w.historyBanner()->isVisible());
    QVERIFY(w.historyBanner()->text().contains(QLatin1String("database is locked")));
    QVERIFY(!QApplication::activeModalWidget()); // a banner, not a dialog
    emit w.history().writeRecovered();
    QVERIFY(!w.historyBanner()->isVisible());
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("caught up")));
}

namespace {
/// The real window program, as a person starts it, on the offscreen platform.
void startGui(QProcess *gui, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui->setProcessEnvironment(env);
    gui->start(QStringLiteral(PROCDECK_GUI_PATH), args);
}

bool sleepsAlive(const QString &pattern)
{
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), pattern});
    pgrep.waitForFinished();
    return !pgrep.readAllStandardOutput().trimmed().isEmpty();
}
} // namespace

void TestMainWindow::sigtermQuitsAndLeavesNothing()
{
    // Two sleeps that would outlive any test.
    QProcess gui;
    const QString mark = m_home.filePath(QStringLiteral("gui-started"));
    startGui(&gui, {"-j", "2", "--template", QStringLiteral("touch '%1'.{}; sleep {}").arg(mark), "--values", "319,320"});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark + QStringLiteral(".319")) && QFile::exists(mark + QStringLiteral(".320")), kDeadlineMs);
    const QString pattern = QStringLiteral("^sleep 3(19|20)$");
    QVERIFY(sleepsAlive(pattern));
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(gui.processId()), SIGTERM);
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(pattern), kDeadlineMs);
}

void TestMainWindow::sigtermLetsAJobCleanUp()
{
    // A job that cleans up on SIGTERM, then would linger: the window's SIGTERM gives it the chance.
    QProcess gui;
    const QString started = m_home.filePath(QStringLiteral("trap-started"));
    const QString cleaned = m_home.filePath(QStringLiteral("trap-cleaned"));
    const QString line = QStringLiteral("trap 'echo cleaned > \"%1\"; sleep 321' TERM; touch \"%2\"; sleep 322 & wait")
                             .arg(cleaned, started);
    startGui(&gui, {"--grace", "2", "--shell", line});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), kDeadlineMs);
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(gui.processId()), SIGTERM);
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    const qint64 took = clock.elapsed();
    QFile file(cleaned);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("cleaned\n"));
    // The trap then sleeps on: SIGKILL after the 2 s grace, and the window gone within grace + 2 s.
    QVERIFY2(took >= 1900 && took < 4000, qPrintable(QString::number(took)));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(QStringLiteral("^sleep 32(1|2)$")), kDeadlineMs);
}

void TestMainWindow::secondSigtermKillsAtOnce()
{
    // A job that shrugs SIGTERM off (it notes it and goes on), with a grace of two minutes.
    QProcess gui;
    const QString started = m_home.filePath(QStringLiteral("deaf-started"));
    const QString gotTerm = m_home.filePath(QStringLiteral("deaf-got-term"));
    startGui(&gui, {"--grace", "120", "--shell",
                    QStringLiteral("trap 'touch \"%1\"' TERM; touch \"%2\"; while :; do sleep 0.2; done").arg(gotTerm, started)});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), kDeadlineMs);
    ::kill(pid_t(gui.processId()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(gotTerm), kDeadlineMs); // the window passed it on; the countdown runs
    QVERIFY(gui.state() == QProcess::Running);
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(gui.processId()), SIGTERM); // the second one cuts it short
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(QStringLiteral("deaf-started")), kDeadlineMs);
}

void TestMainWindow::exportsWhatTheTableShows()
{
    MainWindow w;
    w.show();
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launch(testutil::shell(QStringLiteral("echo one")));
    w.launch(testutil::shell(QStringLiteral("exit 2")));
    QVERIFY(idle.wait(kDeadlineMs));
    w.model()->flushPendingChanges();
    const QString all = m_home.filePath(QStringLiteral("window.csv"));
    QVERIFY(w.exportTo(all, false));
    QFile csv(all);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\r'); // rows end in CRLF; fields may hold \n
    QCOMPARE(lines.size(), 4); // header, two rows, final CRLF's tail
    // The elapsed figure shown is the exported duration to the millisecond.
    const QString shown = w.model()->index(1, JobTableModel::ElapsedColumn).data().toString();
    const QByteArray exported = lines[2].split(',')[10];
    QCOMPARE(shown, JobTableModel::formatElapsed(qint64(qRound(exported.toDouble() * 1000)), false));
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(1);
    const QString selected = m_home.filePath(QStringLiteral("selected.jsonl"));
    QVERIFY(w.exportTo(selected, true));
    QFile jsonl(selected);
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const QByteArray text = jsonl.readAll();
    QCOMPARE(text.count('\n'), 1);
    QVERIFY(text.contains("\"command\":\"exit 2\""));
}

void TestMainWindow::historyRunsAgain()
{
    {
        MainWindow first;
        QSignalSpy idle(&first.scheduler(), &Scheduler::idle);
        first.launch(testutil::shell(QStringLiteral("echo from-an-earlier-session")));
        QVERIFY(idle.wait(kDeadlineMs));
    }
    MainWindow w;
    w.show();
    HistoryDialog dialog(&w.history());
    connect(&dialog, &HistoryDialog::runAgain, &w, [&w](const JobSpec &spec) { w.launch(spec); });
    dialog.setSearch(QStringLiteral("EARLIER-SESSION"));
    QCOMPARE(dialog.rowCount(), 1);
    dialog.runAgainRow(0);
    QCOMPARE(w.scheduler().count(), 1);
    QCOMPARE(w.scheduler().jobAt(0)->spec().shellCommand, QStringLiteral("echo from-an-earlier-session"));
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(0)->state(), JobState::Finished, kDeadlineMs);
    dialog.setSearch(QStringLiteral("no-such-command-anywhere"));
    QCOMPARE(dialog.rowCount(), 0);
}

void TestMainWindow::brokenBatchFileIsRefusedWithWhere()
{
    MainWindow w;
    w.show();
    const QString path = m_home.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"jobs\": [\n    {\"command\": }\n  ]\n}\n");
    f.close();
    QString shown;
    whenDialogOpens<QMessageBox>([&shown](QMessageBox *box) {
        shown = box->text();
        box->accept();
    });
    QVERIFY(!w.openBatchFile(path));
    QVERIFY2(shown.contains(path + QStringLiteral(":3:")), qPrintable(shown));
    QCOMPARE(w.scheduler().count(), 0);
    // A good one, saved from the window, runs again from the file.
    w.launch(testutil::shell(QStringLiteral("echo saved")));
    const QString saved = m_home.filePath(QStringLiteral("saved.json"));
    QVERIFY(w.saveBatchFile(saved));
    QVERIFY(w.openBatchFile(saved));
    QCOMPARE(w.scheduler().count(), 2);
    QCOMPARE(w.scheduler().jobAt(1)->spec().shellCommand, QStringLiteral("echo saved"));
}

void TestMainWindow::timelineDrawsTheStaircase()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QList<JobSpec> sleeps;
    for (int i = 1; i <= 5; ++i)
        sleeps << testutil::argv(QStringLiteral("sleep"), {QString::number(i * 0.2)});
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    const int batch = w.launchBatch(sleeps, 5);
    QVERIFY(idle.wait(kDeadlineMs));
    TimelineView *timeline = w.timeline();
    timeline->resize(1000, 400);
    QCOMPARE(timeline->batch(), batch);
    QCOMPARE(timeline->shownSeqs(), (QList<int>{1, 2, 3, 4, 5}));
    const auto [first, last] = timeline->span();
    double leftmost = 1e9;
    double rightmost = 0;
    for (int seq = 1; seq <= 5; ++seq) {
        leftmost = qMin(leftmost, timeline->barRect(seq).left());
        rightmost = qMax(rightmost, timeline->barRect(seq).right());
    }
    const double fullWidth = rightmost - leftmost; // the bars together span the time axis
    double previousRight = 0;
    double previousTop = -1;
    for (int seq = 1; seq <= 5; ++seq) {
        const Job *job = w.scheduler().jobBySeq(seq);
        const QRectF bar = timeline->barRect(seq);
        // Each bar spans the job's own start and end on the shared time axis, to within 2 px.
        const double msPerPx = double(last - first) / fullWidth;
        QVERIFY(qAbs((job->finishedAt().toMSecsSinceEpoch() - job->startedAt().toMSecsSinceEpoch()) / msPerPx - bar.width()) < 2.0);
        QVERIFY(bar.right() > previousRight); // a staircase: longer sleeps end later
        QVERIFY(bar.top() > previousTop);     // one row per job, in order
        previousRight = bar.right();
        previousTop = bar.top();
    }
    // A click on a bar selects its job in the table.
    QSignalSpy clicked(timeline, &TimelineView::jobClicked);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->barRect(3).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toInt(), 3);
    QCOMPARE(w.outputView()->job(), w.scheduler().jobBySeq(3));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
