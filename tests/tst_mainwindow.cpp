#include "windowtest.h"

#include "appsettings.h"

#include <sys/stat.h>

namespace {
/// The settings file's inode: QSettings writes a new file and renames it over the old one.
ino_t settingsInode()
{
    struct stat st {};
    return ::stat(QFile::encodeName(AppSettings::open()->fileName()).constData(), &st) == 0 ? st.st_ino : 0;
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
    void statusMessagesAreVisible();
    void recentCommandsAreWrittenOnceAndOnlyWhenChanged();
    void smallScreenKeepsTheEssentials();
    void englishPluralsUnderTheCLocale();

private:
    QTemporaryDir m_home;
};

void TestMainWindow::initTestCase()
{
    setUpHome(m_home);
}

void TestMainWindow::launchDialogRunsAJobAndShowsItsOutput()
{
    MainWindow w;
    w.show();
    whenDialogOpens<LaunchDialog>([](LaunchDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("sleep 0.3; echo hello-window"));
        // The window's own run (the engine's, the default, is tst_windowenginerun's).
        d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(false);
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
    QVERIFY(ok->isEnabled()); // an empty command is said when Run is pressed (tst_windowwords)
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
        d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(false);
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
    QCOMPARE(w.statusSummary()->batchText(), StatusSummary::speedupText(stats));
    QVERIFY(w.statusSummary()->countsText().contains(QLatin1String("Finished 5")));
    // The form remembers what was typed, for the next batch.
    BatchDialog again(JobSpec{}, 4);
    again.restoreForm(*MainWindow::settings());
    QCOMPARE(again.previewLines().first(), QStringLiteral("sleep 0.5"));
    QCOMPARE(again.specs().size(), 5);
}

void TestMainWindow::statusMessagesAreVisible()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launch(testutil::shell(QStringLiteral("echo one")));
    QVERIFY(idle.wait(kDeadlineMs));
    QSignalSpy exported(&w, &MainWindow::exported);
    w.exportTo(m_home.filePath(QStringLiteral("shown.jsonl")), false);
    QVERIFY(exported.wait(kDeadlineMs));
    QCOMPARE(exported.first().at(1).toBool(), true);
    QVERIFY(w.statusBar()->currentMessage().startsWith(QLatin1String("Exported 1 job")));
    // The summary on the right leaves the message room: it does not stretch over it.
    QVERIFY2(w.statusSummary()->x() > w.statusBar()->width() / 3, qPrintable(QString::number(w.statusSummary()->x())));
}

void TestMainWindow::recentCommandsAreWrittenOnceAndOnlyWhenChanged()
{
    const QString first = QStringLiteral("echo remembered-%1").arg(QCoreApplication::applicationPid());
    AppSettings::rememberCommand(first);
    QTRY_COMPARE_WITH_TIMEOUT(AppSettings::open()->value(QStringLiteral("history/commands")).toStringList().value(0), first, kDeadlineMs);
    const ino_t written = settingsInode();
    QVERIFY(written != 0);
    AppSettings::rememberCommand(first); // first already: nothing to write
    QCoreApplication::processEvents();
    QCOMPARE(settingsInode(), written);
    for (int i = 0; i < 1000; ++i) // Run again on 1,000 jobs
        AppSettings::rememberCommand(QStringLiteral("echo again %1").arg(i));
    QCOMPARE(AppSettings::recentCommands().value(0), QStringLiteral("echo again 999"));
    QCOMPARE(AppSettings::recentCommands().size(), 50);
    QCOMPARE(settingsInode(), written); // not one write per command…
    QTRY_COMPARE_WITH_TIMEOUT(AppSettings::open()->value(QStringLiteral("history/commands")).toStringList().value(0),
                              QStringLiteral("echo again 999"), kDeadlineMs); // …but one when the loop turns
    QVERIFY(settingsInode() != written);
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
    // The command keeps a quarter of the table: the output's size, which the output pane says
    // too, gives way before it (with Elapsed wide enough for "paused 59:59.9" it had 60 px).
    QVERIFY2(used <= table->viewport()->width() - 100,
             qPrintable(QStringLiteral("%1 of %2").arg(used).arg(table->viewport()->width())));
    for (const int c : {JobTableModel::StateColumn, JobTableModel::ElapsedColumn,
                        JobTableModel::ExitColumn, JobTableModel::CpuColumn,
                        JobTableModel::RssColumn})
        QVERIFY(!header->isSectionHidden(c));
    QVERIFY(header->isSectionHidden(JobTableModel::PidColumn));
    QVERIFY(header->isSectionHidden(JobTableModel::OutputColumn));
    // A batch's value shows beside the command, the command still readable.
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::expand(QStringLiteral("true {}"), {"1", "2"}, JobSpec{}, &jobs, &error));
    w.launchBatch(jobs, 2);
    QTRY_VERIFY_WITH_TIMEOUT(!header->isSectionHidden(JobTableModel::ValueColumn), kDeadlineMs);
    QVERIFY(header->sectionSize(JobTableModel::CommandColumn) >= 100);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
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
    QCOMPARE(QCoreApplication::translate("procdeck::app::QuitController", "%n job(s) are still running.", nullptr, 1),
             QStringLiteral("1 job is still running."));
    QCOMPARE(QCoreApplication::translate("procdeck::app::QuitController", "%n job(s) are still running.", nullptr, 3),
             QStringLiteral("3 jobs are still running."));
    for (QTranslator *t : qApp->findChildren<QTranslator *>()) { // the other tests read the sources' words
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
