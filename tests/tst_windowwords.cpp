// The window's words, its search and odds and ends (issue 22, points 9, 11 and 13): what the
// forms, the filters and the notes say, read through the real window on the offscreen platform,
// under the C locale and in Korean.
#include "windowtest.h"

#include "steeringcontrols.h"

#include "core/process/endreason.h"
#include "core/history/history.h"
#include "core/process/outputsearch.h"
#include "helpmenu.h"
#include "jobactions.h"
#include "keptoutputdialog.h"
#include "preferencesdialog.h"

#include <QDeadlineTimer>
#include <QMenu>
#include <QTableWidget>
#include <QTextBrowser>

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QThread>

class TestWindowWords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // First: the history keys rows by this process's run id and the job's number, which every
    // window of this test restarts at 1.
    void historyShowsAPastJobsOutput();
    void launchFormSaysTheCommandIsMissingOnlyWhenRunIsPressed();
    void triesAreCountedAsTries();
    void haltChoicesAreWords();
    void pausedIsAShowFilter();
    void searchFindsWhatMemoryNoLongerHolds();
    void theEndIsToldInOrder();
    void notesAreTranslatedAndWrap();
    void helpHasTheHandbookAndTheShortcuts();
    void killBatchEndsOnlyThatBatch();
    void printfHexThroughDashIsWarned();
    void preferencesSayTheDefaultInWords();

private:
    QTemporaryDir m_home;
};

void TestWindowWords::initTestCase()
{
    qputenv("LC_ALL", "C");
    setUpHome(m_home);
}

void TestWindowWords::launchFormSaysTheCommandIsMissingOnlyWhenRunIsPressed()
{
    LaunchDialog d(JobSpec{}, {});
    d.show();
    auto *problem = d.findChild<QLabel *>(QStringLiteral("problemLabel"));
    QPushButton *run = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // Nothing typed yet: no red line, and Run can be pressed to learn what is missing.
    QVERIFY(problem->isHidden());
    QVERIFY(run->isEnabled());
    run->click();
    QVERIFY(d.isVisible()); // not accepted
    QVERIFY(!problem->isHidden());
    QCOMPARE(problem->text(), QStringLiteral("Enter a command to run."));
    d.findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("true"));
    QVERIFY(problem->isHidden());
    QVERIFY(run->isEnabled());
}

void TestWindowWords::triesAreCountedAsTries()
{
    for (const bool batch : {false, true}) {
        std::unique_ptr<QDialog> d;
        if (batch)
            d = std::make_unique<BatchDialog>(JobSpec{}, 2);
        else
            d = std::make_unique<LaunchDialog>(JobSpec{}, QStringList{});
        auto *spin = d->findChild<QSpinBox *>(QStringLiteral("retrySpin"));
        auto *label = d->findChild<QLabel *>(QStringLiteral("retryLabel"));
        // One retry is two tries: the label counts tries, as the value does.
        QCOMPARE(label->text(), QStringLiteral("&Tries:"));
        spin->setValue(1);
        QCOMPARE(spin->text(), QStringLiteral("1 (no retry)"));
        spin->setValue(2);
        QCOMPARE(spin->text(), QStringLiteral("at most 2"));
    }
}

void TestWindowWords::haltChoicesAreWords()
{
    {
        Translation english("en"); // its plural forms, as the window installs them
        BatchDialog d(JobSpec{}, 2);
        d.setTemplate(QStringLiteral("exit {}"));
        d.setList(QStringLiteral("0,1"));
        auto *halt = d.findChild<QComboBox *>(QStringLiteral("haltCombo"));
        const QStringList expected{QStringLiteral("never: every job runs"),
                                   QStringLiteral("stop everything after 1 failure"),
                                   QStringLiteral("start no more jobs after 1 failure"),
                                   QStringLiteral("stop everything after 1 success"),
                                   QStringLiteral("start no more jobs once 10 % of the jobs failed")};
        QStringList shown;
        for (int i = 0; i < halt->count(); ++i)
            shown << halt->itemText(i);
        QCOMPARE(shown, expected);
        halt->setCurrentIndex(1);
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        QCOMPARE(d.halt().when, HaltPolicy::When::Now);
        QCOMPARE(d.halt().why, HaltPolicy::Why::Fail);
        QCOMPARE(d.halt().count, 1);
        halt->setCurrentIndex(0);
        QVERIFY(!d.halt().isActive());
    }
    Translation korean("ko");
    BatchDialog d(JobSpec{}, 2);
    auto *halt = d.findChild<QComboBox *>(QStringLiteral("haltCombo"));
    for (int i = 0; i < halt->count(); ++i) {
        const QString text = halt->itemText(i);
        QVERIFY2(!text.contains(QLatin1Char('=')) && !text.contains(QLatin1String("stop")), qPrintable(text));
    }
    QCOMPARE(halt->itemText(1), QStringLiteral("실패 1건이 나오면 모두 중지"));
}

void TestWindowWords::pausedIsAShowFilter()
{
    MainWindow w;
    w.show();
    Job *paused = w.launch(testutil::shell(QStringLiteral("sleep 30")));
    Job *running = w.launch(testutil::shell(QStringLiteral("sleep 30")));
    QTRY_COMPARE_WITH_TIMEOUT(paused->state(), JobState::Running, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(running->state(), JobState::Running, kDeadlineMs);
    QVERIFY(paused->pause());
    auto *states = w.findChild<QComboBox *>(QStringLiteral("stateFilterCombo"));
    const int item = states->findText(QStringLiteral("Paused"));
    QVERIFY(item >= 0);
    states->setCurrentIndex(item);
    QCOMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(rowOfSeq(w, paused->seq()), 0);
    states->setCurrentIndex(0);
    QCOMPARE(w.proxy()->rowCount(), 2);
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.scheduler().killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

void TestWindowWords::searchFindsWhatMemoryNoLongerHolds()
{
    MainWindow w;
    w.show();
    // The token, then 3 MB more: memory keeps only the last MiB of it.
    Job *job = w.launch(testutil::shell(QStringLiteral(
        "printf 'needle-%s\\n' 123456; head -c 3000000 /dev/zero | tr '\\0' x")));
    Job *other = w.launch(testutil::shell(QStringLiteral("head -c 2000000 /dev/zero | tr '\\0' y")));
    for (Job *j : {job, other})
        QTRY_COMPARE_WITH_TIMEOUT(j->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(!job->stdoutText().contains(QLatin1String("needle-")));
    auto *filter = w.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    auto *status = w.findChild<QLabel *>(QStringLiteral("searchStatus"));
    QVERIFY(status);
    QSignalSpy finished(w.proxy()->outputSearch(), &OutputSearch::finished);
    filter->setText(QStringLiteral("NEEDLE-123456")); // any case
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(finished.first().at(0).toInt(), 2); // both jobs' files read
    QCOMPARE(finished.first().at(1).toInt(), 0);
    QCOMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(rowOfSeq(w, job->seq()), 0);
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().startsWith(QLatin1String("Complete output searched")), qPrintable(status->text()));

    // A file that is gone: said at once, not silently passed over.
    QVERIFY(QFile::remove(job->stdoutLog().spillPath()));
    finished.clear();
    filter->setText(QStringLiteral("needle-123"));
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(finished.first().at(1).toInt(), 1);
    QCOMPARE(w.proxy()->rowCount(), 0);
    QVERIFY2(status->text().contains(QLatin1String("only their last lines were searched")), qPrintable(status->text()));
    filter->clear();
    QVERIFY(status->isHidden());
}

void TestWindowWords::theEndIsToldInOrder()
{
    MainWindow w;
    w.show();
    // Deaf to SIGTERM: its timeout's TERM, then its grace, then SIGKILL.
    JobSpec deaf = testutil::shell(QStringLiteral("trap '' TERM; while :; do sleep 0.2; done"));
    deaf.timeoutSeconds = 1;
    deaf.graceSeconds = 1;
    Job *job = w.launch(deaf);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::TimedOut, kDeadlineMs);
    const EndSignals sent = job->record().signalled;
    QVERIFY(sent.termMs >= 1000);
    QVERIFY2(sent.killMs >= sent.termMs + 950, qPrintable(QString::number(sent.killMs - sent.termMs)));
    QCOMPARE(job->signal(), SIGKILL);
    const QString told = QStringLiteral("Timed out: SIGTERM at %1 s, still running at %2 s, SIGKILL.")
                             .arg(EndReason::seconds(sent.termMs), EndReason::seconds(sent.killMs));
    QCOMPARE(EndReason::summary(*job), told);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().startsWith(told), kDeadlineMs);
    // Nothing beside it says otherwise: no "ended by SIGTERM", no separate SIGKILL note.
    QVERIFY2(!w.outputView()->reasonText().contains(QLatin1String("ended by")), qPrintable(w.outputView()->reasonText()));
    QVERIFY(!w.outputView()->reasonText().contains(QLatin1String("grace period")));
    // The CLI and the exports say it in the same words.
    QVERIFY(EndReason::exportNotes(job->record()).startsWith(QStringLiteral("SIGTERM at %1 s").arg(EndReason::seconds(sent.termMs))));
    Translation korean("ko");
    QVERIFY2(EndReason::summary(*job).startsWith(QStringLiteral("시간 초과: %1초에 SIGTERM").arg(EndReason::seconds(sent.termMs))),
             qPrintable(EndReason::summary(*job)));
}

void TestWindowWords::notesAreTranslatedAndWrap()
{
    Translation korean("ko");
    MainWindow w;
    w.show();
    // Its shell exits and leaves a sleep in its group: ProcDeck ends it and says so.
    Job *job = w.launch(testutil::shell(QStringLiteral("sleep 30 & echo started")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    const QString notes = job->record().notes;
    QVERIFY2(notes.contains(QStringLiteral("작업이 끝난 뒤 남은 프로세스 1개를 강제 종료했습니다")), qPrintable(notes));
    QVERIFY(!notes.contains(QLatin1String("process(es)")));
    // The State column's tooltip is rich text, which Qt wraps at the screen's width.
    const QString tip = JobItemDelegate::stateToolTip(w.proxy()->index(0, JobTableModel::StateColumn));
    QVERIFY2(Qt::mightBeRichText(tip), qPrintable(tip));
    QVERIFY(tip.contains(notes.toHtmlEscaped()));
}

void TestWindowWords::helpHasTheHandbookAndTheShortcuts()
{
    MainWindow w;
    w.show();
    auto *handbook = w.findChild<QAction *>(QStringLiteral("actionHandbook"));
    auto *shortcuts = w.findChild<QAction *>(QStringLiteral("actionShortcuts"));
    QVERIFY(handbook && shortcuts);
    QVERIFY(w.findChild<QMenu *>(QStringLiteral("menuHelp"))->actions().contains(handbook));
    QCOMPARE(handbook->shortcut(), QKeySequence(QKeySequence::HelpContents));
    handbook->trigger();
    auto *browser = w.findChild<QTextBrowser *>(QStringLiteral("handbookBrowser"));
    QVERIFY(browser);
    const QString guide = browser->toPlainText();
    QVERIFY2(guide.contains(QLatin1String("Steering jobs: pause, retries, halt, dependencies")), qPrintable(guide.left(300)));
    QVERIFY(!guide.contains(QLatin1String("Building by hand"))); // the developers' part is left out
    QVERIFY(browser->window()->isVisible());
    QVERIFY(browser->window()->width() <= w.width());
    shortcuts->trigger();
    auto *table = w.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    bool killAll = false;
    for (int row = 0; row < table->rowCount(); ++row)
        killAll = killAll || (table->item(row, 0)->text() == QLatin1String("Kill all")
                              && table->item(row, 1)->text() == QLatin1String("Ctrl+Shift+K"));
    QVERIFY(killAll);
}

void TestWindowWords::killBatchEndsOnlyThatBatch()
{
    MainWindow w;
    w.show();
    const JobSpec sleeper = testutil::shell(QStringLiteral("sleep 30"));
    w.launchBatch({sleeper, sleeper, sleeper}, 2); // two run, one waits
    w.launchBatch({sleeper}, 2);                   // waits for a slot
    Job *other = w.scheduler().jobAt(3);
    for (int i : {0, 1})
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(i)->state(), JobState::Running, kDeadlineMs);
    auto *killBatch = w.findChild<QAction *>(QStringLiteral("actionKillBatch"));
    QVERIFY(killBatch);
    // In the Jobs menu, right after Kill all.
    const QList<QAction *> jobs = w.findChild<QMenu *>(QStringLiteral("menuJobs"))->actions();
    QCOMPARE(jobs.indexOf(killBatch), jobs.indexOf(w.findChild<QAction *>(QStringLiteral("actionKillAll"))) + 1);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(rowOfSeq(w, 2));
    QTRY_VERIFY_WITH_TIMEOUT(killBatch->isEnabled(), kDeadlineMs);
    whenDialogOpens<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
    killBatch->trigger();
    for (int i : {0, 1})
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(i)->state(), JobState::Killed, kDeadlineMs);
    QCOMPARE(w.scheduler().jobAt(2)->state(), JobState::Cancelled); // never started
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), JobState::Running, kDeadlineMs); // the other batch goes on
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.scheduler().killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

void TestWindowWords::historyShowsAPastJobsOutput()
{
    MainWindow w;
    w.show();
    const QString token = QStringLiteral("kept-%1").arg(QCoreApplication::applicationPid());
    Job *job = w.launch(testutil::shell(QStringLiteral("echo %1; echo %1-err >&2").arg(token)));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(w.history().isOpen(), kDeadlineMs);
    HistoryDialog dialog(&w.history());
    // The job's end reaches the history a moment after the window shows it: ask until it is there.
    const QDeadlineTimer deadline(kDeadlineMs);
    do {
        QVERIFY(w.history().waitForWrites(kDeadlineMs));
        dialog.setSearch(token);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), kDeadlineMs);
    } while (dialog.rowCount() == 0 && !deadline.hasExpired());
    QCOMPARE(dialog.rowCount(), 1);
    KeptOutputDialog *shown = dialog.showOutputRow(0);
    QVERIFY(shown);
    QTRY_VERIFY_WITH_TIMEOUT(shown->isLoaded(), kDeadlineMs);
    QCOMPARE(shown->stdoutText(), token + QLatin1Char('\n'));
    QCOMPARE(shown->stderrText(), token + QStringLiteral("-err\n"));
    // Its files gone: said, not an empty window.
    QVERIFY(QFile::remove(job->stdoutLog().spillPath()));
    KeptOutputDialog *again = dialog.showOutputRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(again->isLoaded(), kDeadlineMs);
    QVERIFY2(again->message().contains(QLatin1String("is gone")), qPrintable(again->message()));
}

void TestWindowWords::printfHexThroughDashIsWarned()
{
    if (!QFileInfo(QStringLiteral("/bin/sh")).canonicalFilePath().endsWith(QLatin1String("/dash")))
        QSKIP("/bin/sh is not dash here");
    MainWindow w;
    w.show();
    Job *hex = w.launch(testutil::shell(QStringLiteral("printf '\\x41\\n'")));
    Job *octal = w.launch(testutil::shell(QStringLiteral("printf '\\101\\n'")));
    auto *table = w.findChild<QTableView *>(QStringLiteral("jobTable"));
    auto *message = w.outputView()->findChild<QLabel *>(QStringLiteral("outputMessage"));
    QVERIFY(message);
    table->selectRow(rowOfSeq(w, hex->seq()));
    QVERIFY(!message->isHidden());
    QVERIFY2(message->text().contains(QLatin1String("dash")), qPrintable(message->text()));
    table->selectRow(rowOfSeq(w, octal->seq()));
    QVERIFY(message->isHidden());
    for (Job *j : {hex, octal})
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(j->state()), kDeadlineMs);
}

void TestWindowWords::preferencesSayTheDefaultInWords()
{
    // Issue 22.4: "Max parallel jobs: CPU count (2)" left the person to guess what 0 does, and
    // "Grace before SIGKILL", "…or a job run alone after" and "Keep history for: ever" read badly.
    const int cpus = QThread::idealThreadCount();
    const auto spin = [](const QDialog &d, const char *name) {
        return d.findChild<QSpinBox *>(QLatin1String(name));
    };
    const auto label = [](const QDialog &d, const char *name) {
        return d.findChild<QLabel *>(QLatin1String(name))->text();
    };
    {
        PreferencesDialog d(Preferences{}, NotifySettings{});
        QCOMPARE(spin(d, "parallelSpin")->value(), 0);
        QCOMPARE(spin(d, "parallelSpin")->text(),
                 QStringLiteral("One per CPU core (%1 at once)").arg(cpus));
        QVERIFY(spin(d, "parallelSpin")->toolTip().contains(QLatin1String("wait in the queue")));
        QCOMPARE(label(d, "graceLabel"), QStringLiteral("&Grace before a forced kill:"));
        QVERIFY(d.findChild<QDoubleSpinBox *>(QStringLiteral("graceSpin"))->toolTip().contains(
            QLatin1String("SIGTERM")));
        QCOMPARE(label(d, "notifyAfterLabel"), QStringLiteral("…or a single job that ran &at least:"));
        QCOMPARE(spin(d, "keepDaysSpin")->specialValueText(), QStringLiteral("forever"));
    }
    Translation korean("ko");
    PreferencesDialog d(Preferences{}, NotifySettings{});
    QCOMPARE(spin(d, "parallelSpin")->text(), QStringLiteral("CPU 코어마다 하나 (동시에 %1개)").arg(cpus));
    QCOMPARE(label(d, "graceLabel"), QStringLiteral("강제 종료 전 유예(&G):"));
    QCOMPARE(label(d, "tailLabel"), QStringLiteral("메모리에 보관할 출력(&K):"));
}

QTEST_MAIN(TestWindowWords)
#include "tst_windowwords.moc"
