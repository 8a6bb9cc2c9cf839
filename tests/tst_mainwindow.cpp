#include "batchdialog.h"
#include "historydialog.h"
#include "core/batch.h"
#include "core/jobfilterproxy.h"
#include "core/jobtablemodel.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "noticebar.h"
#include "outputpane.h"
#include "outputview.h"
#include "translations.h"
#include "usagechart.h"
#include "jobitemdelegate.h"
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
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolBar>
#include <QHeaderView>
#include <QTranslator>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

#include "testutil.h"

using namespace procdeck;
using namespace procdeck::app;

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
    void timelineStaysReadableAt64Jobs();
    void outputShowsColoursAndRedrawsProgress();
    void sayWhyAJobEnded();
    void statusMessagesAreVisible();
    void smallScreenKeepsTheEssentials();
    void englishPluralsUnderTheCLocale();
    void completeOutputSaysWhereItIs();

private:
    QTemporaryDir m_home;
};

void TestMainWindow::initTestCase()
{
    // Settings and run folders go to a fresh place, never the person's own.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QLocale::setDefault(QLocale::c());
    // The window program's name: its settings and history files are the ones the tests' windows use.
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
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
    // The form remembers what was typed, for the next batch.
    BatchDialog again(JobSpec{}, 4);
    again.restoreForm(*MainWindow::settings());
    QCOMPARE(again.previewLines().first(), QStringLiteral("sleep 0.5"));
    QCOMPARE(again.specs().size(), 5);
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

/// Sleep lengths no other run of these tests uses at the same moment (they are found by pgrep).
int uniqueSeconds()
{
    static int next = 1000 + int(QCoreApplication::applicationPid() % 4000) * 2;
    return next += 2;
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
    const int a = uniqueSeconds();
    startGui(&gui, {"-j", "2", "--template", QStringLiteral("touch '%1'.{}; sleep {}").arg(mark), "--values",
                    QStringLiteral("%1,%2").arg(a).arg(a + 1)});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark + QStringLiteral(".%1").arg(a)) && QFile::exists(mark + QStringLiteral(".%1").arg(a + 1)),
                             kDeadlineMs);
    const QString pattern = QStringLiteral("^sleep (%1|%2)$").arg(a).arg(a + 1);
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
    const int a = uniqueSeconds();
    const QString line = QStringLiteral("trap 'echo cleaned > \"%1\"; sleep %3' TERM; touch \"%2\"; sleep %4 & wait")
                             .arg(cleaned, started)
                             .arg(a)
                             .arg(a + 1);
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
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(QStringLiteral("^sleep (%1|%2)$").arg(a).arg(a + 1)), kDeadlineMs);
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
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(QRegularExpression::escape(started)), kDeadlineMs); // this run's shell, no other
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
    // An earlier session: the real program, which records its job and is then asked to quit.
    const QString ran = m_home.filePath(QStringLiteral("earlier-ran"));
    QProcess earlier;
    startGui(&earlier, {"--shell", QStringLiteral("echo from-an-earlier-session; touch \"%1\"").arg(ran)});
    QVERIFY(earlier.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ran), kDeadlineMs);
    ::kill(pid_t(earlier.processId()), SIGTERM);
    QVERIFY(earlier.waitForFinished(kDeadlineMs));
    QCOMPARE(earlier.exitStatus(), QProcess::NormalExit);

    MainWindow w; // this process is "procdeck" too (initTestCase): the same history file
    w.show();
    HistoryDialog dialog(&w.history());
    connect(&dialog, &HistoryDialog::runAgain, &w, [&w](const JobSpec &spec) { w.launch(spec); });
    dialog.setSearch(QStringLiteral("EARLIER-SESSION"));
    QCOMPARE(dialog.rowCount(), 1);
    dialog.runAgainRow(0);
    QCOMPARE(w.scheduler().count(), 1);
    QCOMPARE(w.scheduler().jobAt(0)->spec().shellCommand, QStringLiteral("echo from-an-earlier-session; touch \"%1\"").arg(ran));
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


void TestMainWindow::timelineStaysReadableAt64Jobs()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QList<JobSpec> jobs;
    for (int i = 0; i < 64; ++i)
        jobs << testutil::argv(QStringLiteral("true"));
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch(jobs, 8);
    QVERIFY(idle.wait(kDeadlineMs));
    TimelineView *timeline = w.timeline();
    timeline->resize(1000, 300);
    QCOMPARE(timeline->shownSeqs().size(), 64);
    // Jobs that did not overlap share rows: at most 8 ran at once, so at most 8 rows, each tall
    // enough to see, and no two bars of one row overlap.
    QVERIFY2(timeline->rowCount() <= 8, qPrintable(QString::number(timeline->rowCount())));
    for (int a = 1; a <= 64; ++a) {
        const QRectF ra = timeline->barRect(a);
        QVERIFY(ra.height() >= 9);
        for (int b = a + 1; b <= 64; ++b) {
            const QRectF rb = timeline->barRect(b);
            QVERIFY2(!(qFuzzyCompare(ra.top(), rb.top()) && ra.intersected(rb).width() > 0.5), qPrintable(QStringLiteral("%1 %2").arg(a).arg(b)));
        }
    }
    // Every bar ended: none is drawn as running, and the selection is outlined.
    for (int seq = 1; seq <= 64; ++seq)
        QVERIFY(isTerminal(w.scheduler().jobBySeq(seq)->state()));
    w.selectJob(40);
    QCOMPARE(timeline->selectedSeq(), 40);
}

void TestMainWindow::outputShowsColoursAndRedrawsProgress()
{
    MainWindow w;
    w.show();
    const QByteArray printed = "\x1b[31mred\x1b[0m plain\n10%\r50%\r100%\n\x1b[1;4mbold\x1b[0m \x1b[38;5;208mo\x1b[38;2;1;2;3mrgb\x1b[0m\n";
    JobSpec spec = testutil::argv(QStringLiteral("printf"), {QString::fromLatin1(QByteArray(printed).replace("%", "%%"))});
    Job *job = w.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QCOMPARE(w.outputView()->job(), job); // a new job is selected
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText(), QStringLiteral("red plain\n100%\nbold orgb\n"), kDeadlineMs);
    QTextDocument *doc = w.outputView()->stdoutPane()->edit()->document();
    auto formatAt = [doc](int block, int column) {
        QTextCursor c(doc->findBlockByNumber(block));
        c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, column + 1);
        return c.charFormat();
    };
    const bool dark = w.outputView()->stdoutPane()->edit()->palette().color(QPalette::Base).lightness() < 128;
    QCOMPARE(formatAt(0, 0).foreground().color(), AnsiParser::toQColor({AnsiParser::Color::Kind::Indexed, 1}, dark));
    QCOMPARE(formatAt(0, 5).foreground().style(), Qt::NoBrush); // "plain"
    QCOMPARE(formatAt(2, 0).fontWeight(), int(QFont::Bold));
    QVERIFY(formatAt(2, 0).fontUnderline());
    QCOMPARE(formatAt(2, 5).foreground().color(), AnsiParser::toQColor({AnsiParser::Color::Kind::Indexed, 208}, dark));
    QCOMPARE(formatAt(2, 6).foreground().color(), QColor(1, 2, 3));
    // Stripped, the same text without a colour; the kept bytes keep every escape (exports too).
    w.outputView()->setStripColours(true);
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("red plain\n100%\nbold orgb\n"));
    QCOMPARE(formatAt(0, 0).foreground().style(), Qt::NoBrush);
    QCOMPARE(job->stdoutLog().bytesSince(0), printed);
    w.outputView()->setStripColours(false);
    // A progress line redrawn while it runs: each update replaces the line, live.
    Job *live = w.launch(testutil::shell(QStringLiteral("printf 'a 10%%'; sleep 0.3; printf '\\rb 20%%'; sleep 0.3; printf '\\rc 3\\n'")));
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), JobState::Finished, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText(), QStringLiteral("c 30%\n"), kDeadlineMs); // as a terminal: overwritten in place
}

void TestMainWindow::sayWhyAJobEnded()
{
    MainWindow w;
    w.show();
    JobSpec slow = testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    slow.timeoutSeconds = 0.5;
    Job *job = w.launch(slow);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::TimedOut, kDeadlineMs);
    // Above the output…
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().startsWith(QLatin1String("Timed out after 0.5 s: ended by SIGTERM")), kDeadlineMs);
    // …and in the State column's tooltip.
    const QModelIndex state = w.proxy()->index(0, JobTableModel::StateColumn);
    const QString tip = JobItemDelegate::stateToolTip(state);
    QVERIFY2(tip.contains(QLatin1String("Timed out after 0.5 s")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("timed out after")), qPrintable(tip)); // the engine's own note
    // A crash names its signal; a kill says who.
    Job *crash = w.launch(testutil::shell(QStringLiteral("kill -SEGV $$")));
    QTRY_COMPARE_WITH_TIMEOUT(crash->state(), JobState::Crashed, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().contains(QLatin1String("SIGSEGV")), kDeadlineMs);
    Job *killed = w.launch(testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")}));
    QTRY_VERIFY_WITH_TIMEOUT(killed->pid() > 0, kDeadlineMs);
    w.findChild<QAction *>(QStringLiteral("actionKill"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().startsWith(QLatin1String("Killed by you")), kDeadlineMs);
    // The usage tab names the job and no longer says it runs.
    QTRY_VERIFY_WITH_TIMEOUT(w.usageChart()->caption().contains(QLatin1String("ended")), kDeadlineMs);
    QVERIFY(w.usageChart()->caption().startsWith(QStringLiteral("#%1").arg(killed->seq())));
}

void TestMainWindow::statusMessagesAreVisible()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launch(testutil::shell(QStringLiteral("echo one")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(w.exportTo(m_home.filePath(QStringLiteral("shown.jsonl")), false));
    QVERIFY(w.statusBar()->currentMessage().startsWith(QLatin1String("Exported 1 job")));
    // The summary on the right leaves the message room: it does not stretch over it.
    QVERIFY2(w.statusSummary()->x() > w.statusBar()->width() / 3, qPrintable(QString::number(w.statusSummary()->x())));
}

void TestMainWindow::smallScreenKeepsTheEssentials()
{
    MainWindow w;
    w.resize(800, 600);
    w.show();
    QTRY_COMPARE_WITH_TIMEOUT(w.width(), 800, kDeadlineMs);
    auto *table = w.findChild<QTableView *>(QStringLiteral("jobTable"));
    QHeaderView *header = table->horizontalHeader();
    // Every column still shown fits, with the command readable.
    int used = 0;
    for (int c = 0; c < JobTableModel::ColumnCount; ++c)
        if (!header->isSectionHidden(c) && c != JobTableModel::CommandColumn)
            used += header->sectionSize(c);
    QVERIFY2(used < table->viewport()->width() - 100,
             qPrintable(QStringLiteral("%1 of %2").arg(used).arg(table->viewport()->width())));
    for (const int c : {JobTableModel::StateColumn, JobTableModel::ElapsedColumn, JobTableModel::ExitColumn, JobTableModel::CpuColumn,
                        JobTableModel::RssColumn, JobTableModel::OutputColumn})
        QVERIFY(!header->isSectionHidden(c));
    QVERIFY(header->isSectionHidden(JobTableModel::PidColumn)); // the first to give way
    // Preferences is on the toolbar, not behind its overflow button.
    QToolBar *toolbar = w.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QWidget *prefs = toolbar->widgetForAction(w.findChild<QAction *>(QStringLiteral("actionPreferences")));
    QVERIFY(prefs && prefs->isVisible());
    QVERIFY(prefs->geometry().right() <= toolbar->width());
    // Wide again, everything is back.
    w.resize(1400, 800);
    QTRY_VERIFY_WITH_TIMEOUT(!header->isSectionHidden(JobTableModel::PidColumn), kDeadlineMs);
    QCOMPARE(toolbar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
}

void TestMainWindow::englishPluralsUnderTheCLocale()
{
    // What C.UTF-8 gives: no language at all (before, "1 job(s) are still running").
    QCOMPARE(QLocale().language(), QLocale::C);
    translations::install(qApp);
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n job(s) are still running.", nullptr, 1),
             QStringLiteral("1 job is still running."));
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n job(s) are still running.", nullptr, 3),
             QStringLiteral("3 jobs are still running."));
    for (QTranslator *t : qApp->findChildren<QTranslator *>()) { // the other tests read the sources' words
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

void TestMainWindow::completeOutputSaysWhereItIs()
{
    MainWindow w;
    w.show();
    Job *job = w.launch(testutil::shell(QStringLiteral("echo out; echo err >&2")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(!job->stderrLog().spillPath().isEmpty());
    // Whatever this machine has to open files with, the person learns where the file is or sees it open.
    if (!w.outputView()->openCompleteOutput(job->stderrLog()))
        QVERIFY2(w.outputView()->messageText().contains(job->stderrLog().spillPath()), qPrintable(w.outputView()->messageText()));
    else
        QVERIFY(w.outputView()->messageText().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
