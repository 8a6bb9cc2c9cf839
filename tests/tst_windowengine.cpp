// The window as a client of the user's engine (issue 25): its Background tab against a real
// procdeck-engine on a private socket, with procdeck-cli as the other client.
#include "enginetest.h"
#include "windowtest.h"

#include "backgroundpanel.h"
#include "batchfileactions.h"
#include "core/client/engineconnection.h"
#include "core/models/enginejobsmodel.h"
#include "engineoutputview.h"
#include "enginerestartoffer.h"
#include "noticebar.h"

#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QThreadPool>
#include <QTabWidget>

using enginetest::Home;
using windowtest::kDeadlineMs;
using enginetest::waitForFile;

namespace {

JobState stateOf(BackgroundPanel *panel, int number)
{
    const int row = panel->model()->rowOf(number);
    return row < 0 ? JobState::Queued : panel->model()->rowAt(row).state;
}

bool shows(BackgroundPanel *panel, int number, JobState state)
{
    return panel->model()->rowOf(number) >= 0 && stateOf(panel, number) == state;
}

} // namespace

class TestWindowEngine : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void theWindowShowsADetachedJobAndItsEnd()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QCOMPARE(m_home->cli({"--detach", "--shell", waitForFile(go) + QStringLiteral("; exit 5")})
                         .out,
                 QByteArray("1\n"));
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Running), kDeadlineMs);
        const qint64 pid = panel->connection()->enginePid();
        QVERIFY(pid > 0);
        QVERIFY2(panel->engineLabel()->text().startsWith(
                         QStringLiteral("Engine pid %1, running since ").arg(pid)),
                 qPrintable(panel->engineLabel()->text()));
        QVERIFY(panel->engineLabel()->isVisible());
        QFile(go).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Failed), kDeadlineMs);
        const QModelIndex exit = panel->model()->index(0, EngineJobsModel::ExitColumn);
        QCOMPARE(exit.data().toString(), QStringLiteral("5"));
    }

    void aWindowOpenedAgainMidBatchShowsEveryJobAndAllItsOutput()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QStringList args{"--detach", "-j", "2", "--shell", "seq 1 20000"};
        for (int i = 0; i < 4; ++i)
            args << "--shell" << waitForFile(go);
        QCOMPARE(m_home->cli(args).out, QByteArray("1\n2\n3\n4\n5\n"));
        {
            MainWindow first;
            first.show();
            QTRY_COMPARE_WITH_TIMEOUT(first.background()->model()->rowCount(), 5, kDeadlineMs);
        } // closed while its jobs run
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isListed(), kDeadlineMs);
        QCOMPARE(panel->model()->rowCount(), 5);
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Finished), kDeadlineMs);
        QCOMPARE(stateOf(panel, 2), JobState::Running);
        w.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentWidget(panel);
        panel->table()->selectRow(0);
        QCOMPARE(panel->outputView()->number(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(panel->outputView()->isComplete(), kDeadlineMs);
        // Followed to its end, as a terminal shows it.
        const QScrollBar *bar = panel->outputView()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        QString expected;
        for (int i = 1; i <= 20000; ++i)
            expected += QString::number(i) + u'\n';
        QCOMPARE(panel->outputView()->toPlainText(), expected);

        // Kill from the window: asked of the engine, said in the notice bar.
        panel->table()->selectRow(1);
        panel->steerSelected(QStringLiteral("kill"));
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 2, JobState::Killed), kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(panel->notices()->text(), QStringLiteral("Killed #2."),
                                  kDeadlineMs);
        QFile(go).open(QIODevice::WriteOnly);
        for (int n = 3; n <= 5; ++n)
            QTRY_VERIFY_WITH_TIMEOUT(shows(panel, n, JobState::Finished), kDeadlineMs);
    }

    void runInTheBackgroundStartsTheEngine()
    {
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        // None runs: the window started none of its own accord.
        auto *start = panel->findChild<QPushButton *>(QStringLiteral("startEngineButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!start->isHidden() && !panel->connection()->isOpening(),
                                 kDeadlineMs);
        QVERIFY(!QFile::exists(m_home->socketPath()));
        windowtest::whenDialogOpens<LaunchDialog>([](LaunchDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))
                    ->setText(QStringLiteral("echo from-the-window"));
            d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(true);
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Finished), 60000);
        // A row of the window's table that mirrors the engine's job, not one run here.
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        QCOMPARE(w.scheduler().jobAt(0)->remote()->engineJob(), 1);
        // The sources' words: no translation is installed here.
        QTRY_COMPARE_WITH_TIMEOUT(w.statusBar()->currentMessage(),
                                  QStringLiteral("1 job(s) sent to the background: #1"),
                                  kDeadlineMs);
        QCOMPARE(m_home->cli({"--follow", "1"}).out, QByteArray("from-the-window\n"));
    }

    void aBatchFileOpenedInTheBackgroundOutlivesTheWindow()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        const QString path = m_home->path("state") + QStringLiteral("/batch.json");
        QFile batch(path);
        QVERIFY(batch.open(QIODevice::WriteOnly));
        batch.write(QStringLiteral(R"({"max_parallel": 2, "jobs": [
            {"command": "echo one; %1"}, {"command": "echo two; %1; exit 3"},
            {"command": "echo three"}]})")
                            .arg(waitForFile(go))
                            .toUtf8());
        batch.close();
        auto w = std::make_unique<MainWindow>();
        w->show();
        BackgroundPanel *panel = w->background();
        auto *batchFiles = w->findChild<BatchFileActions *>();
        QVERIFY(batchFiles->open(path, BatchFileActions::Where::Engine)); // File → … background…
        // Rows of the window's table that mirror the engine's jobs.
        QTRY_COMPARE_WITH_TIMEOUT(w->scheduler().count(), 3, 60000);
        QCOMPARE(w->scheduler().jobAt(2)->remote()->engineJob(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Running)
                                         && shows(panel, 2, JobState::Running)
                                         && panel->model()->rowOf(3) >= 0,
                                 60000);
        QCOMPARE(stateOf(panel, 3), JobState::Queued); // the file's max_parallel: 2
        w.reset(); // the window closes; the jobs run on in the engine

        QFile(go).open(QIODevice::WriteOnly);
        const clitest::Result waited = m_home->cli({"--wait", "1", "2", "3"});
        QCOMPARE(waited.exitCode, 1); // GNU parallel's status: one of three failed
        QCOMPARE(m_home->cli({"--follow", "2"}).out, QByteArray("two\n"));
        QCOMPARE(m_home->cli({"--follow", "3"}).out, QByteArray("three\n"));
    }

    void quittingSaysTheBackgroundJobsRunOn()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QCOMPARE(m_home->cli({"--detach", "--shell", waitForFile(go)}).out, QByteArray("1\n"));
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Running), kDeadlineMs);
        Job *own = w.launch(testutil::shell(waitForFile(go)));
        QTRY_COMPARE_WITH_TIMEOUT(own->state(), JobState::Running, kDeadlineMs);
        QString asked;
        QMessageBox::Icon icon = QMessageBox::NoIcon;
        bool keepIsTheDefault = false;
        windowtest::whenDialogOpens<QMessageBox>([&](QMessageBox *box) {
            asked = box->text() + QLatin1Char('|') + box->informativeText();
            icon = box->icon();
            auto *keep = box->findChild<QPushButton *>(QStringLiteral("keepRunningButton"));
            keepIsTheDefault = box->defaultButton() == keep;
            // The default: the window's own job stops, the engine's (a row of the table since
            // the window adopted it) runs on.
            keep->click();
        });
        QVERIFY(!w.close());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 60000);
        // A short question, then what each answer does; the safe answer is no warning.
        const QString grace = QLocale().toString(own->spec().graceSeconds);
        QCOMPARE(asked, QStringLiteral("Keep 1 job(s) running in the background?|They go on "
                                       "running in the engine after the window closes; ProcDeck "
                                       "shows them again when it opens.\n\nThe window's own 1 "
                                       "job(s) stop either way: SIGTERM to each process tree, "
                                       "then SIGKILL after up to %1 s.")
                                .arg(grace));
        QCOMPARE(icon, QMessageBox::Question);
        QVERIFY(keepIsTheDefault);
        QVERIFY(isTerminal(own->state()));
        QCOMPARE(stateOf(panel, 1), JobState::Running); // the engine's runs on
        QFile(go).open(QIODevice::WriteOnly);
        QCOMPARE(m_home->cli({"--wait", "1"}).exitCode, 0);
    }

    void theEngineKilledIsSaidAtOnceAndTheRowsStay()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "sleep 60"}).out, QByteArray("1\n"));
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Running), kDeadlineMs);
        QVERIFY(!panel->banner()->isVisible());
        QVERIFY(::kill(pid_t(panel->connection()->enginePid()), SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->isVisible(), kDeadlineMs);
        QVERIFY2(panel->banner()->text().startsWith(QStringLiteral("The engine (pid ")),
                 qPrintable(panel->banner()->text()));
        QCOMPARE(panel->banner()->button()->text(), QStringLiteral("Start the engine again"));
        QCOMPARE(panel->model()->rowCount(), 1);
        QCOMPARE(stateOf(panel, 1), JobState::Running); // as last seen

        panel->banner()->button()->click(); // a new engine: its own numbers, none yet
        QTRY_VERIFY_WITH_TIMEOUT(panel->connection()->isAttached(), 60000);
        QVERIFY(!panel->banner()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isListed(), kDeadlineMs);
        QCOMPARE(panel->model()->rowCount(), 0);
    }

    void aNewerEngineIsOfferedAndRestartsOnceIdle()
    {
        // An upgrade while the engine runs: its program replaced by a newer file.
        const QString program = m_home->path("state") + QStringLiteral("/procdeck-engine");
        const QDir cliDir = QFileInfo(clitest::cliPath()).dir();
        QVERIFY(QFile::copy(cliDir.filePath(QStringLiteral("../engine/procdeck-engine")), program));
        m_home->setEnv(QStringLiteral("PROCDECK_ENGINE"), program);
        m_home->adopt();
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QCOMPARE(m_home->cli({"--detach", "--shell", waitForFile(go)}).out, QByteArray("1\n"));
        auto first = std::make_unique<MainWindow>();
        first->show();
        BackgroundPanel *panel = first->background();
        QTRY_VERIFY_WITH_TIMEOUT(shows(panel, 1, JobState::Running), kDeadlineMs);
        const qint64 oldPid = panel->connection()->enginePid();
        QCOMPARE(panel->connection()->enginePath(), program);
        QThreadPool::globalInstance()->waitForDone(); // the look at the program's file
        QCoreApplication::processEvents();
        QVERIFY(!panel->restartOffer()->bar()->isVisible()); // the same file: nothing to offer
        first.reset();

        QFile file(program);
        QVERIFY(file.open(QIODevice::ReadOnly)); // a running program cannot be opened to write
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60),
                                 QFileDevice::FileModificationTime));
        file.close();
        MainWindow w;
        w.show();
        MainWindow beside; // a second window, attached before the restart is asked in the first
        beside.show();
        panel = w.background();
        NoticeBar *bar = panel->restartOffer()->bar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(beside.background()->connection()->isAttached(), kDeadlineMs);
        QVERIFY2(bar->text().startsWith(QStringLiteral("A newer ProcDeck engine is installed")),
                 qPrintable(bar->text()));
        QCOMPARE(bar->button()->text(), QStringLiteral("Restart when idle"));
        bar->button()->click();
        const QString retiring = QStringLiteral("The engine (pid %1) takes no more jobs").arg(oldPid);
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().startsWith(retiring), kDeadlineMs);
        // Every window is told, not only the one that asked; one opened now is told on attaching.
        NoticeBar *besideBar = beside.background()->restartOffer()->bar();
        QTRY_VERIFY_WITH_TIMEOUT(besideBar->isVisible() && besideBar->text().startsWith(retiring),
                                 kDeadlineMs);
        MainWindow later;
        later.show();
        NoticeBar *laterBar = later.background()->restartOffer()->bar();
        QTRY_VERIFY_WITH_TIMEOUT(laterBar->isVisible() && laterBar->text().startsWith(retiring),
                                 kDeadlineMs);
        QVERIFY(!laterBar->button()->isVisible()); // nothing to ask: the restart is under way
        const clitest::Result refused = m_home->cli({"--detach", "--shell", "true"});
        QCOMPARE(refused.exitCode, 255);
        QVERIFY2(refused.err.contains("ends once its jobs have"), refused.err.constData());
        QCOMPARE(::kill(pid_t(oldPid), 0), 0); // its job still runs, and so does it

        QFile(go).open(QIODevice::WriteOnly); // the job ends: the engine with it, a new one starts
        QTRY_VERIFY_WITH_TIMEOUT(panel->connection()->isAttached()
                                         && panel->connection()->enginePid() != oldPid,
                                 60000);
        QVERIFY(!bar->isVisible());
        QVERIFY(!panel->banner()->isVisible()); // no "gone away": this end was asked for
        for (MainWindow *other : {&beside, &later}) { // nor in the others: one new engine for all
            BackgroundPanel *p = other->background();
            QTRY_VERIFY_WITH_TIMEOUT(p->connection()->isAttached()
                                             && p->connection()->enginePid()
                                                     == panel->connection()->enginePid(),
                                     60000);
            QVERIFY(!p->banner()->isVisible());
            QVERIFY(!p->restartOffer()->bar()->isVisible());
        }
        QVERIFY2(m_home->log().contains(QLatin1String("retired: its jobs have ended")),
                 qPrintable(m_home->log()));
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_MAIN(TestWindowEngine)
#include "tst_windowengine.moc"
