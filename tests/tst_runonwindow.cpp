// The window's "Run on" (issue 16): the Launch and Batch forms send jobs to this computer, the
// ssh logins or the Slurm cluster kept in Preferences, batch by batch side by side, against the
// real sshd and one-node Slurm cluster the ctest fixtures start.
#include "remotetest.h"
#include "windowtest.h"

#include "preferencesdialog.h"
#include "steeringcontrols.h"

#include "core/remote/hostslots.h"

using namespace windowtest;

class TestRunOnWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // First: the history keys rows by this process's run id and the job's number, and every
    // window of this process numbers its jobs from 1; a later window's job 1 would update the
    // row of an earlier window's job 1 rather than add its own.
    void historyRunsAgainWhereTheJobRan();
    void preferencesSayWhatDoesNotRead();
    void sshHostsNeedLogins();
    void formsRunBatchesSideBySide();
    void batchFormRunsOnTheSlurmCluster();
    void refusedPauseIsSaidInTheStatusBar();

private:
    static void choose(QDialog *dialog, RunOn::Where where)
    {
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("runOnCombo"));
        combo->setCurrentIndex(combo->findData(int(where)));
        // The window's own runs there, which these tests are about (the engine's by default).
        dialog->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(false);
    }
    static void savePreferences(const Preferences &prefs)
    {
        prefs.save(*MainWindow::settings());
    }

    QTemporaryDir m_home;
    QString m_sshDir;
    QString m_slurmConf;
};

void TestRunOnWindow::initTestCase()
{
    QString why;
    m_sshDir = remotetest::serviceDir("sshd", &why);
    QVERIFY2(!m_sshDir.isEmpty(), qPrintable(why));
    const QString slurmDir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!slurmDir.isEmpty(), qPrintable(why));
    m_slurmConf = slurmDir + QStringLiteral("/slurm.conf");
    qputenv("SLURM_CONF", m_slurmConf.toLocal8Bit());
    setUpHome(m_home);
}

void TestRunOnWindow::preferencesSayWhatDoesNotRead()
{
    PreferencesDialog d(Preferences{}, NotifySettings{});
    auto *logins = d.findChild<QPlainTextEdit *>(QStringLiteral("sshLoginsEdit"));
    auto *slurmArgs = d.findChild<QLineEdit *>(QStringLiteral("slurmArgsEdit"));
    auto *problem = d.findChild<QLabel *>(QStringLiteral("problemLabel"));
    QPushButton *ok = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled()); // none is fine
    logins->setPlainText(QStringLiteral("# build machines\n4/ssh -p 2222 me@build1\n0/build2\n:"));
    QCOMPARE(problem->text(), QStringLiteral("SSH hosts, line 3: '0/build2': the number of slots before '/' must be at least 1"));
    QVERIFY(!ok->isEnabled());
    logins->setPlainText(QStringLiteral("4/ssh -p 2222 me@build1\nssh -p\n"));
    QCOMPARE(problem->text(), QStringLiteral("SSH hosts, line 2: 'ssh -p': the last word must be the host, not the option '-p'"));
    logins->setPlainText(QStringLiteral("4/ssh -p 2222 me@build1\n2/build2\n:"));
    QVERIFY(ok->isEnabled());
    slurmArgs->setText(QStringLiteral("-p short --comment='unclosed"));
    QVERIFY2(problem->text().startsWith(QStringLiteral("Slurm arguments: unterminated single quote")), qPrintable(problem->text()));
    QVERIFY(!ok->isEnabled());
    slurmArgs->setText(QStringLiteral("-p short --time=10"));
    QVERIFY(ok->isEnabled());
    const Preferences p = d.preferences();
    QCOMPARE(p.sshLogins, QStringLiteral("4/ssh -p 2222 me@build1\n2/build2\n:"));
    QCOMPARE(p.slurmArgs, QStringLiteral("-p short --time=10"));
    // Kept with the other preferences.
    savePreferences(p);
    QCOMPARE(Preferences::load(*MainWindow::settings()), p);
    RunOn runOn;
    QString error;
    QVERIFY(p.runOn(RunOn::Where::SshHosts, &runOn, &error));
    QCOMPARE(runOn.sshLogins.size(), 3);
    QCOMPARE(runOn.sshLogins.at(0).slotCount, 4);
    QVERIFY(runOn.sshLogins.at(2).isLocal());
    QVERIFY(p.runOn(RunOn::Where::SlurmCluster, &runOn, &error));
    QCOMPARE(runOn.slurmArgs, (QStringList{"-p", "short", "--time=10"}));
    // Run again from the history: where the job ran, as these Preferences say it now.
    QVERIFY(p.runAgainOn(QStringLiteral("ssh"), QStringLiteral("build1"), &runOn)); // me@build1 shows as build1
    QCOMPARE(runOn.where, RunOn::Where::SshHosts);
    QCOMPARE(runOn.sshLogins.size(), 1);
    QCOMPARE(runOn.sshLogins.at(0).text(), QStringLiteral("ssh -p 2222 me@build1"));
    QCOMPARE(runOn.sshLogins.at(0).slotCount, 4);
    QVERIFY(!p.runAgainOn(QStringLiteral("ssh"), QStringLiteral("build3"), &runOn));
    QVERIFY(p.runAgainOn(QStringLiteral("slurm"), QStringLiteral("node7"), &runOn));
    QCOMPARE(runOn.where, RunOn::Where::SlurmCluster);
    QCOMPARE(runOn.slurmArgs, (QStringList{"-p", "short", "--time=10"}));
    QVERIFY(p.runAgainOn(QStringLiteral("local"), QStringLiteral("here"), &runOn));
    QCOMPARE(runOn, RunOn{});
}

void TestRunOnWindow::sshHostsNeedLogins()
{
    LaunchDialog d(JobSpec{}, {});
    d.findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("echo hi"));
    d.setRunOn(Preferences{}, RunOn::Where::SshHosts);
    // Remembered, but no host can take the job: not offered first (issue 22.10).
    QCOMPARE(d.problem(), QString());
    choose(&d, RunOn::Where::SshHosts); // chosen by hand: said, and Run waits
    QVERIFY(!d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY2(d.problem().startsWith(QStringLiteral("Run on: no SSH hosts yet: add them in Preferences")), qPrintable(d.problem()));
    // A program that is not here may be there: not looked for on this computer's PATH.
    Preferences prefs;
    prefs.sshLogins = QStringLiteral("2/build1");
    d.setRunOn(prefs, RunOn::Where::SshHosts);
    d.findChild<QCheckBox *>(QStringLiteral("shellCheck"))->setChecked(false);
    d.findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("procdeck-only-on-build1 --flag"));
    QCOMPARE(d.problem(), QString());
    QCOMPARE(d.findChild<QLabel *>(QStringLiteral("runOnDetail"))->text(), QStringLiteral("build1"));
    choose(&d, RunOn::Where::ThisComputer);
    QVERIFY(d.problem().contains(QLatin1String("PATH")));
}

void TestRunOnWindow::formsRunBatchesSideBySide()
{
    // Preferences name the fixture's login with 2 slots; a job from the Launch form goes there
    // while a batch from the Batch form runs here, at once; each form remembers its choice.
    Preferences prefs;
    prefs.sshLogins = QStringLiteral("2/ssh -F %1/ssh_config procdeck-a").arg(m_sshDir);
    savePreferences(prefs);
    MainWindow w;
    w.show();
    whenDialogOpens<BatchDialog>([](BatchDialog *d) {
        d->setTemplate(QStringLiteral("sleep 2; echo here-{}"));
        d->setRange(QStringLiteral("1..2"));
        d->setMaxParallel(2);
        choose(d, RunOn::Where::ThisComputer);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewBatch"))->trigger();
    whenDialogOpens<LaunchDialog>([](LaunchDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("sleep 2; echo there"));
        choose(d, RunOn::Where::SshHosts);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
    QCOMPARE(w.scheduler().count(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().runningCount() == 3, kDeadlineMs); // side by side
    QCOMPARE(w.scheduler().hostSlots().count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(w.statusSummary()->hostsText().contains(QLatin1String("procdeck-a 1/2")), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
    for (int i = 0; i < 3; ++i) {
        const JobRecord r = w.scheduler().jobAt(i)->record();
        QCOMPARE(r.state, JobState::Finished);
        QCOMPARE(r.executor, i < 2 ? QStringLiteral("local") : QStringLiteral("ssh"));
        QCOMPARE(w.model()->index(i, JobTableModel::HostColumn).data().toString(), r.host);
    }
    QCOMPARE(w.scheduler().jobAt(2)->record().host, QStringLiteral("procdeck-a"));
    QCOMPARE(w.scheduler().jobAt(2)->stdoutText(), QStringLiteral("there\n"));

    // The history keeps where each job ran, and its window shows the host.
    QVERIFY(w.history().waitForWrites(kDeadlineMs));
    HistoryDialog history(&w.history());
    history.setSearch(QStringLiteral("echo there"));
    QTRY_VERIFY_WITH_TIMEOUT(history.isLoaded(), kDeadlineMs);
    QCOMPARE(history.rowCount(), 1);
    const QAbstractItemModel *rows = history.findChild<QTableView *>(QStringLiteral("table"))->model();
    int hostColumn = -1;
    for (int c = 0; c < rows->columnCount(); ++c)
        if (rows->headerData(c, Qt::Horizontal).toString() == QLatin1String("Host"))
            hostColumn = c;
    QVERIFY(hostColumn >= 0);
    QCOMPARE(rows->index(0, hostColumn).data().toString(), QStringLiteral("procdeck-a"));
    QCOMPARE(rows->index(0, hostColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("ssh"));

    // Run again goes where the job ran.
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(rowOfSeq(w, w.scheduler().jobAt(2)->seq()));
    w.findChild<QAction *>(QStringLiteral("actionRunAgain"))->trigger();
    QCOMPARE(w.scheduler().count(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(w.scheduler().jobAt(3)->state()), kDeadlineMs);
    QCOMPARE(w.scheduler().jobAt(3)->record().executor, QStringLiteral("ssh"));

    // Each form opens with the choice it was last given.
    RunOn::Where launchChoice = RunOn::Where::ThisComputer;
    whenDialogOpens<LaunchDialog>([&launchChoice](LaunchDialog *d) {
        launchChoice = d->runOnWhere();
        d->reject();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
    QCOMPARE(launchChoice, RunOn::Where::SshHosts);
    BatchDialog batch(JobSpec{}, 2);
    batch.restoreForm(*MainWindow::settings());
    QCOMPARE(batch.runOnWhere(), RunOn::Where::ThisComputer);
}

void TestRunOnWindow::batchFormRunsOnTheSlurmCluster()
{
    Preferences prefs;
    prefs.slurmArgs = QStringLiteral("--ntasks=1 --cpus-per-task=1");
    savePreferences(prefs);
    MainWindow w;
    w.show();
    whenDialogOpens<BatchDialog>([](BatchDialog *d) {
        d->setTemplate(QStringLiteral("exit {}"));
        d->setRange(QStringLiteral("0..1"));
        choose(d, RunOn::Where::SlurmCluster);
        QCOMPARE(d->findChild<QLabel *>(QStringLiteral("runOnDetail"))->text(), QStringLiteral("srun --ntasks=1 --cpus-per-task=1"));
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewBatch"))->trigger();
    QCOMPARE(w.scheduler().count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
    for (int i = 0; i < 2; ++i) {
        const JobRecord r = w.scheduler().jobAt(i)->record();
        QCOMPARE(r.executor, QStringLiteral("slurm"));
        QCOMPARE(r.exitCode, i);
        QCOMPARE(r.host, QStringLiteral("procdeck-node"));
        QVERIFY(!r.slurmJobId.isEmpty());
    }
    BatchDialog again(JobSpec{}, 2);
    again.restoreForm(*MainWindow::settings());
    QCOMPARE(again.runOnWhere(), RunOn::Where::SlurmCluster);
}

void TestRunOnWindow::refusedPauseIsSaidInTheStatusBar()
{
    // Slurm holds the job pending (--begin in an hour): scontrol will not suspend it. The job
    // runs on, and the status bar says what scontrol answered.
    Preferences prefs;
    prefs.slurmArgs = QStringLiteral("--begin=now+3600");
    savePreferences(prefs);
    MainWindow w;
    w.show();
    whenDialogOpens<LaunchDialog>([](LaunchDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(QStringLiteral("true"));
        choose(d, RunOn::Where::SlurmCluster);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
    QCOMPARE(w.scheduler().count(), 1);
    Job *job = w.scheduler().jobAt(0);
    QTRY_VERIFY_WITH_TIMEOUT(job->pendingOnCluster() && !job->record().slurmJobId.isEmpty(), kDeadlineMs);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(rowOfSeq(w, job->seq()));
    QTRY_VERIFY_WITH_TIMEOUT(w.steering()->pauseAction()->isEnabled(), kDeadlineMs);
    w.steering()->pauseAction()->trigger();
    const QString id = job->record().slurmJobId;
    QTRY_COMPARE_WITH_TIMEOUT(w.statusBar()->currentMessage(),
                              QStringLiteral("Job %1 runs on: scontrol suspend %2: Job is pending execution for job %2").arg(job->seq()).arg(id),
                              kDeadlineMs);
    QCOMPARE(job->state(), JobState::Running);
    w.scheduler().kill(job);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
}

void TestRunOnWindow::historyRunsAgainWhereTheJobRan()
{
    // A job ran on procdeck-b, the second of two logins. Run again in the History room sends it
    // to procdeck-b alone (before: to this computer). Once Preferences no longer name procdeck-b,
    // it is not run, and the dialog and the status bar say why.
    const QString a = QStringLiteral("2/ssh -F %1/ssh_config procdeck-a").arg(m_sshDir);
    const QString b = QStringLiteral("1/ssh -F %1/ssh_config procdeck-b").arg(m_sshDir);
    const QString command = QStringLiteral("echo ran-on-b-%1").arg(uniqueSeconds());
    Preferences prefs;
    prefs.sshLogins = a + QLatin1Char('\n') + b;
    savePreferences(prefs);
    // Run again on the newest row of `command` in the window's History room; what its line says then.
    const auto runAgainFromHistory = [&command](MainWindow *w) {
        QString said;
        whenDialogOpens<HistoryDialog>([&command, &said](HistoryDialog *d) {
            d->setSearch(command);
            if (QTest::qWaitFor([d] { return d->isLoaded() && d->rowCount() > 0; }, kDeadlineMs)) {
                d->runAgainRow(0);
                said = d->findChild<QLabel *>(QStringLiteral("infoLabel"))->text();
            }
            d->accept();
        });
        w->findChild<QAction *>(QStringLiteral("actionHistory"))->trigger();
        return said;
    };
    {
        MainWindow w;
        w.show();
        RunOn onB;
        onB.where = RunOn::Where::SshHosts;
        QString error;
        QVERIFY2(SshLogin::parseList(b, &onB.sshLogins, &error), qPrintable(error));
        JobSpec spec;
        spec.useShell = true;
        spec.shellCommand = command;
        const Job *first = w.scheduler().add(spec, onB);
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(first->state()), kDeadlineMs);
        QCOMPARE(first->record().host, QStringLiteral("procdeck-b"));
        QVERIFY(w.history().waitForWrites(kDeadlineMs));

        const QString said = runAgainFromHistory(&w);
        QVERIFY2(said.endsWith(QLatin1String("kept output takes …")) || said.contains(QLatin1String(" shown")), qPrintable(said));
        QCOMPARE(w.scheduler().count(), 2);
        const Job *again = w.scheduler().jobAt(1);
        QCOMPARE(again->spec().shellCommand, command);
        QCOMPARE(w.scheduler().runOnOf(again).sshLogins, onB.sshLogins); // that login alone
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(again->state()), kDeadlineMs);
        QCOMPARE(again->state(), JobState::Finished);
        QCOMPARE(again->record().executor, QStringLiteral("ssh"));
        QCOMPARE(again->record().host, QStringLiteral("procdeck-b"));
        QCOMPARE(again->stdoutText(), command.mid(5) + QLatin1Char('\n'));
        QVERIFY(w.history().waitForWrites(kDeadlineMs));
    }
    prefs.sshLogins = a;
    savePreferences(prefs);
    MainWindow w;
    w.show();
    const QString expected = QStringLiteral("Not run again: it ran on procdeck-b, which is no longer among the SSH hosts in "
                                            "Preferences. Add it there to run it there again.");
    QCOMPARE(runAgainFromHistory(&w), expected);
    QCOMPARE(w.statusBar()->currentMessage(), expected);
    QCOMPARE(w.scheduler().count(), 0);
}

QTEST_MAIN(TestRunOnWindow)
#include "tst_runonwindow.moc"
