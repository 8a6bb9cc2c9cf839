// The window's own launches and batches run in the user's engine (issue 25): "Run in the
// background" makes rows of the window's table that mirror the engine's jobs (EngineRun) — their
// output, exit codes, Kill, Pause and Resume — while the jobs live in a real procdeck-engine on a
// private socket and outlive the window. The history has each once: the engine's row, none of
// the window's.
#include "enginetest.h"
#include "windowtest.h"

#include "core/client/enginerun.h"
#include "core/history/history.h"

#include <QSqlDatabase>
#include <QSqlQuery>

using enginetest::Home;
using windowtest::kDeadlineMs;
using enginetest::waitForFile;

namespace {

/// Sends `command` to the background from the Launch dialog, as a person does.
void launchInBackground(MainWindow &w, const QString &command)
{
    windowtest::whenDialogOpens<LaunchDialog>([command](LaunchDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(command);
        d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(true);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
}

/// Runs `command` over 0..2 from the Batch form at Max parallel 2, in the background or not;
/// *checkedAtOpen says whether the form's "Run in the background" was ticked when it opened.
void runBatch(MainWindow &w, const QString &command, bool *checkedAtOpen, bool inBackground = true)
{
    windowtest::whenDialogOpens<BatchDialog>([=](BatchDialog *d) {
        auto *check = d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"));
        *checkedAtOpen = check->isChecked();
        d->setTemplate(command);
        d->setRange(QStringLiteral("0..2"));
        d->setMaxParallel(2);
        check->setChecked(inBackground);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewBatch"))->trigger();
}

/// The history's rows (every writer's: the window's and the engine's share the file), as
/// "owner_pid state" lines.
QStringList historyRows()
{
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("enginerun"));
        db.setDatabaseName(History::defaultPath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("SELECT owner_pid, state FROM jobs ORDER BY id")))
            while (q.next())
                rows << q.value(0).toString() + u' ' + q.value(1).toString();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("enginerun"));
    return rows;
}

int engineJobOf(const Job *job)
{
    return job && job->remote() ? job->remote()->engineJob() : 0;
}

} // namespace

class TestWindowEngineRun : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void aBackgroundLaunchIsARowWithItsOutputAndExitCode()
    {
        qint64 enginePid = 0;
        {
            MainWindow w;
            w.show();
            launchInBackground(w, QStringLiteral("echo hello; echo oops >&2; exit 3"));
            QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
            Job *job = w.scheduler().jobAt(0);
            QCOMPARE(engineJobOf(job), 1);
            QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Failed, kDeadlineMs);
            QCOMPARE(job->exitCode(), 3);
            QCOMPARE(job->stdoutText(), QStringLiteral("hello\n"));
            QCOMPARE(job->stderrText(), QStringLiteral("oops\n"));
            QCOMPARE(w.model()->index(0, JobTableModel::StateColumn).data().toString(),
                     JobTableModel::stateText(JobState::Failed, false));
            QCOMPARE(m_home->stateOf(1), QStringLiteral("failed"));
            enginePid = m_home->status().value(QStringLiteral("engine_pid")).toInteger();
            QVERIFY(enginePid > 0);
        } // the window's history is written and closed with it
        // One row, the engine's: the window recorded nothing of a job it only mirrored.
        const QStringList once{QStringLiteral("%1 failed").arg(enginePid)};
        QTRY_COMPARE_WITH_TIMEOUT(historyRows(), once, kDeadlineMs);
    }

    void killPauseAndResumeFromTheWindowReachTheEngineJob()
    {
        MainWindow w;
        w.show();
        launchInBackground(w, QStringLiteral("sleep 30"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        Job *job = w.scheduler().jobAt(0);
        QTRY_VERIFY_WITH_TIMEOUT(m_home->stateOf(1) == QStringLiteral("running"), kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(!job->pendingOnCluster(), kDeadlineMs);
        QCOMPARE(job->state(), JobState::Running);

        w.selectJob(job->seq());
        QVERIFY(w.scheduler().pause(job));
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Paused, kDeadlineMs);
        QCOMPARE(m_home->stateOf(1), QStringLiteral("paused"));
        QVERIFY(w.scheduler().resume(job));
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, kDeadlineMs);
        QCOMPARE(m_home->stateOf(1), QStringLiteral("running"));

        QAction *kill = w.findChild<QAction *>(QStringLiteral("actionKill"));
        QTRY_VERIFY_WITH_TIMEOUT(kill->isEnabled(), kDeadlineMs);
        kill->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Killed, kDeadlineMs);
        QCOMPARE(m_home->stateOf(1), QStringLiteral("killed"));
        QVERIFY(w.scheduler().isIdle()); // nothing of the window's own ran
    }

    void theJobOutlivesTheWindowAndEndsInTheEngine()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        {
            MainWindow w;
            w.show();
            launchInBackground(w, waitForFile(go) + QStringLiteral("; echo done"));
            QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
            QTRY_VERIFY_WITH_TIMEOUT(m_home->stateOf(1) == QStringLiteral("running"),
                                     kDeadlineMs);
            QVERIFY(w.scheduler().isIdle()); // nothing of the window's own runs
            // Closing asks; keeping the job running is the default answer.
            QString asked;
            windowtest::whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
                asked = box->text() + QLatin1Char('|') + box->informativeText();
                box->defaultButton()->click();
            });
            QVERIFY(!w.close());
            QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kDeadlineMs);
            QCOMPARE(asked, QStringLiteral("Keep 1 job(s) running in the background?|They go on "
                                           "running in the engine after the window closes; "
                                           "ProcDeck shows them again when it opens."));
        }
        QCOMPARE(m_home->stateOf(1), QStringLiteral("running"));
        QFile(go).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(1), QStringLiteral("finished"), kDeadlineMs);
        QCOMPARE(m_home->cli({"--follow", "1"}).out, QByteArray("done\n"));
    }

    void stopTheJobsAndQuitEndsTheEngineJobsToo()
    {
        MainWindow w;
        w.show();
        launchInBackground(w, QStringLiteral("sleep 300"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        Job *job = w.scheduler().jobAt(0);
        QTRY_VERIFY_WITH_TIMEOUT(m_home->stateOf(1) == QStringLiteral("running"), kDeadlineMs);
        QString keep;
        windowtest::whenDialogOpens<QMessageBox>([&keep](QMessageBox *box) {
            keep = box->defaultButton()->objectName();
            box->findChild<QPushButton *>(QStringLiteral("stopJobsButton"))->click();
        });
        QVERIFY(!w.close());
        // The window waits for the engine's end of it, then goes.
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kDeadlineMs);
        QCOMPARE(keep, QStringLiteral("keepRunningButton"));
        QCOMPARE(job->state(), JobState::Killed);
        QCOMPARE(m_home->stateOf(1), QStringLiteral("killed"));
    }

    void aBatchRunInTheBackgroundIsRowsOfTheTable()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        MainWindow w;
        w.show();
        bool checkedAtOpen = false;
        runBatch(w, waitForFile(go) + QStringLiteral("; echo {}; exit {}"), &checkedAtOpen);
        QVERIFY(checkedAtOpen); // a first batch goes to the engine: its jobs outlive the window
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 3, kDeadlineMs);
        const int batch = w.scheduler().jobAt(0)->batchId();
        QVERIFY(batch > 0);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(engineJobOf(w.scheduler().jobAt(i)), i + 1);
            QCOMPARE(w.scheduler().jobAt(i)->batchId(), batch);
        }
        // The form's Max parallel (2) is the batch's own in the engine: the third waits there,
        // and says so.
        QTRY_VERIFY_WITH_TIMEOUT(m_home->stateOf(1) == QStringLiteral("running")
                                         && m_home->stateOf(2) == QStringLiteral("running"),
                                 kDeadlineMs);
        QCOMPARE(m_home->stateOf(3), QStringLiteral("queued"));
        QTRY_COMPARE_WITH_TIMEOUT(
                w.model()->index(2, JobTableModel::StateColumn).data().toString(),
                QStringLiteral("Queued in the engine"), kDeadlineMs);
        const auto *table = w.findChild<QTableView *>(QStringLiteral("jobTable"));
        QVERIFY(table->columnWidth(JobTableModel::StateColumn) // whole, beside its icon
                >= table->fontMetrics().horizontalAdvance(QStringLiteral("Queued in the engine"))
                           + 32);
        QVERIFY(w.scheduler().isIdle()); // none of them takes a slot of the window's
        // Counted as what they are, two running and one queued (not three running), and the
        // queued one has run for no time yet.
        QTRY_COMPARE_WITH_TIMEOUT(w.statusSummary()->countsText(),
                                  QStringLiteral("Running 2 · Queued 1 · Finished 0 · Failed 0"),
                                  kDeadlineMs);
        QCOMPARE(w.model()->index(2, JobTableModel::ElapsedColumn).data().toString(), QString());
        QCOMPARE(w.model()->index(2, JobTableModel::StartedColumn).data().toString(), QString());
        QVERIFY(!w.model()->index(0, JobTableModel::StartedColumn).data().toString().isEmpty());

        QFile(go).open(QIODevice::WriteOnly);
        for (int i = 0; i < 3; ++i) {
            const Job *job = w.scheduler().jobAt(i);
            QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
            QCOMPARE(job->exitCode(), i);
            QCOMPARE(job->stdoutText(), QStringLiteral("%1\n").arg(i));
        }
        QCOMPARE(w.scheduler().batchStats(batch).succeeded, 1);
        QCOMPARE(w.scheduler().batchStats(batch).failed, 2);
        runBatch(w, QStringLiteral("true"), &checkedAtOpen, false);
        QVERIFY(checkedAtOpen); // as the person left it
        QCOMPARE(w.scheduler().count(), 6); // the window's own, this time
        QCOMPARE(w.scheduler().jobAt(5)->remote(), nullptr);
        runBatch(w, QStringLiteral("true"), &checkedAtOpen, true);
        QVERIFY(!checkedAtOpen); // the window's, as the person left it last
    }

    void aLaunchWaitingForAWindowsRowRunsInTheWindow()
    {
        // "#1" is the window's row; the engine would read it as its own job 1. The form's
        // default (the background) gives way, and the status bar says why.
        MainWindow w;
        w.show();
        JobSpec first;
        first.useShell = true;
        first.shellCommand = QStringLiteral("true");
        Job *one = w.launch(first);
        auto *table = w.findChild<QTableView *>(QStringLiteral("jobTable"));
        table->selectRow(windowtest::rowOfSeq(w, one->seq()));
        bool checkedAtOpen = false;
        windowtest::whenDialogOpens<LaunchDialog>([&checkedAtOpen](LaunchDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))
                    ->setText(QStringLiteral("echo after"));
            checkedAtOpen = d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))
                                    ->isChecked();
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QAction *runAfter = w.findChild<QAction *>(QStringLiteral("actionRunAfter"));
        QTRY_VERIFY_WITH_TIMEOUT(runAfter->isEnabled(), kDeadlineMs); // the selection seen
        runAfter->trigger();
        QVERIFY(checkedAtOpen);
        QCOMPARE(w.statusBar()->currentMessage(),
                 QStringLiteral("Runs in this window, not in the background: it waits for jobs of "
                                "this window (Run after…)"));
        QCOMPARE(w.scheduler().count(), 2);
        Job *after = w.scheduler().jobAt(1);
        QCOMPARE(after->remote(), nullptr); // the window's own
        QTRY_COMPARE_WITH_TIMEOUT(after->stdoutText(), QStringLiteral("after\n"), kDeadlineMs);
        QVERIFY(!QFile::exists(m_home->socketPath())); // no engine was started for it
    }

    void batchActionsAndKillAllReachTheEngineJobs()
    {
        MainWindow w;
        w.show();
        bool checkedAtOpen = false;
        runBatch(w, QStringLiteral("sleep 60"), &checkedAtOpen);
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 3, kDeadlineMs);
        const int batch = w.scheduler().jobAt(0)->batchId();
        const auto engineStates = [this] {
            return QStringList{m_home->stateOf(1), m_home->stateOf(2), m_home->stateOf(3)};
        };
        const QStringList started{"running", "running", "queued"};
        QTRY_COMPARE_WITH_TIMEOUT(engineStates(), started, kDeadlineMs);
        w.scheduler().pauseBatch(batch);
        QTRY_COMPARE_WITH_TIMEOUT(engineStates(), QStringList({"paused", "paused", "queued"}),
                                  kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(
                w.statusSummary()->countsText(),
                QStringLiteral("Running 0 · Paused 2 · Queued 1 · Finished 0 · Failed 0"),
                kDeadlineMs);
        w.scheduler().resumeBatch(batch);
        QTRY_COMPARE_WITH_TIMEOUT(engineStates(), started, kDeadlineMs);
        w.scheduler().killBatch(batch);
        QTRY_COMPARE_WITH_TIMEOUT(engineStates(),
                                  QStringList({"killed", "killed", "cancelled"}), kDeadlineMs);
        for (int i = 0; i < 3; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(isTerminal(w.scheduler().jobAt(i)->state()), kDeadlineMs);
        // The queued one never ran: cancelled there, cancelled here (not "Failed to start").
        QCOMPARE(w.scheduler().jobAt(2)->state(), JobState::Cancelled);
        QCOMPARE(w.model()->index(2, JobTableModel::StateColumn).data().toString(),
                 JobTableModel::stateText(JobState::Cancelled, false));

        // Kill all asks, counting the engine's job, and ends it.
        launchInBackground(w, QStringLiteral("sleep 60"));
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(4), QStringLiteral("running"), kDeadlineMs);
        QString asked;
        windowtest::whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
            asked = box->text();
            box->button(QMessageBox::Yes)->click();
        });
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().mirroredCount(), 1, kDeadlineMs); // its row
        QVERIFY(w.scheduler().isIdle()); // nothing of the window's own: only the engine's job
        QAction *killAll = w.findChild<QAction *>(QStringLiteral("actionKillAll"));
        QTRY_VERIFY_WITH_TIMEOUT(killAll->isEnabled(), kDeadlineMs);
        killAll->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(4), QStringLiteral("killed"), kDeadlineMs);
        QVERIFY2(asked.startsWith(QLatin1String("Kill 1 running job")), qPrintable(asked));
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_MAIN(TestWindowEngineRun)
#include "tst_windowenginerun.moc"
