#include "batchdialog.h"
#include "historydialog.h"
#include "core/batch.h"
#include "core/jobfilterproxy.h"
#include "core/jobtablemodel.h"
#include "launchdialog.h"
#include "mainwindow.h"
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
    void sigtermQuitsAndLeavesNothing();
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
    Job *job = w.launch(testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")}));
    QTRY_VERIFY_WITH_TIMEOUT(job->pid() > 0, kDeadlineMs);
    whenDialogOpens<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Cancel)->click(); });
    QVERIFY(!w.close()); // cancelled: still open, still running
    QCOMPARE(job->state(), JobState::Running);
    whenDialogOpens<QMessageBox>([](QMessageBox *box) {
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
    });
    QVERIFY(w.close());
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestMainWindow::sigtermQuitsAndLeavesNothing()
{
    // The real program, as a person would start it: two sleeps that would outlive any test.
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    const QString mark = m_home.filePath(QStringLiteral("gui-started"));
    gui.start(QStringLiteral(PROCDECK_GUI_PATH),
              {"-j", "2", "--template", QStringLiteral("touch '%1'.{}; sleep {}").arg(mark), "--values", "319,320"});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark + QStringLiteral(".319")) && QFile::exists(mark + QStringLiteral(".320")), kDeadlineMs);
    auto sleepsAlive = [] {
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), QStringLiteral("^sleep 3(19|20)$")});
        pgrep.waitForFinished();
        return !pgrep.readAllStandardOutput().trimmed().isEmpty();
    };
    QVERIFY(sleepsAlive());
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(gui.processId()), SIGTERM);
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QTRY_VERIFY_WITH_TIMEOUT(!sleepsAlive(), kDeadlineMs);
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
