// Quitting the window while jobs run: the question, the countdown, signals.
#include "windowtest.h"

class TestWindowQuit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void closingWithJobsRunningAsks();
    void quitCountsDownAndKillNowEnds();
    void quitLetsAPausedJobCleanUp();
    void sigtermQuitsAndLeavesNothing();
    void sigtermLetsAJobCleanUp();
    void secondSigtermKillsAtOnce();

private:
    QTemporaryDir m_home;
};

void TestWindowQuit::initTestCase()
{
    setUpHome(m_home);
}

void TestWindowQuit::closingWithJobsRunningAsks()
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

void TestWindowQuit::quitCountsDownAndKillNowEnds()
{
    MainWindow w;
    w.show();
    const QString deafNow = m_home.filePath(QStringLiteral("deaf-now"));
    JobSpec deaf = testutil::shell(
        QStringLiteral("trap '' TERM; touch \"%1\"; sleep 300").arg(deafNow));
    deaf.graceSeconds = 60;
    Job *job = w.launch(deaf);
    // The SIGTERM must find the trap set (a started shell may not have run it yet).
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(deafNow), kDeadlineMs);
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

void TestWindowQuit::quitLetsAPausedJobCleanUp()
{
    // Issue 22.3: a paused job gets its SIGTERM (and SIGCONT) on quitting, as Del would give it,
    // not a SIGKILL at once; its TERM trap runs.
    MainWindow w;
    w.show();
    const QString ready = m_home.filePath(QStringLiteral("paused-ready"));
    const QString bye = m_home.filePath(QStringLiteral("paused-bye"));
    JobSpec spec = testutil::shell(
        QStringLiteral("trap 'touch \"%1\"; exit 0' TERM; touch \"%2\"; "
                       "while :; do sleep 0.2; done")
            .arg(bye, ready));
    spec.graceSeconds = 30;
    Job *job = w.launch(spec);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kDeadlineMs); // the trap is set
    QVERIFY(w.scheduler().pause(job));
    QCOMPARE(job->state(), JobState::Paused);
    whenDialogOpens<QMessageBox>([](QMessageBox *box) {
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click(); // "Stop jobs and quit"
    });
    QVERIFY(!w.close());
    QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kDeadlineMs);
    QVERIFY2(QFile::exists(bye), "the paused job's TERM trap did not run");
    QVERIFY(isTerminal(job->state()));
    QCOMPARE(job->signal(), 0); // it ended by its own exit 0, not by a signal
    QTRY_VERIFY_WITH_TIMEOUT(testutil::groupGone(job->pid()), kDeadlineMs);
}

void TestWindowQuit::sigtermQuitsAndLeavesNothing()
{
    // Two sleeps that would outlive any test.
    QProcess gui;
    const QString mark = m_home.filePath(QStringLiteral("gui-started"));
    const int a = uniqueSeconds();
    startGui(&gui, {"--in-window", "-j", "2", "--template", QStringLiteral("touch '%1'.{}; sleep {}").arg(mark), "--values",
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

void TestWindowQuit::sigtermLetsAJobCleanUp()
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
    startGui(&gui, {"--in-window", "--grace", "2", "--shell", line});
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

void TestWindowQuit::secondSigtermKillsAtOnce()
{
    // A job that shrugs SIGTERM off (it notes it and goes on), with a grace of two minutes.
    QProcess gui;
    const QString started = m_home.filePath(QStringLiteral("deaf-started"));
    const QString gotTerm = m_home.filePath(QStringLiteral("deaf-got-term"));
    startGui(&gui, {"--in-window", "--grace", "120", "--shell",
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

QTEST_MAIN(TestWindowQuit)
#include "tst_windowquit.moc"
