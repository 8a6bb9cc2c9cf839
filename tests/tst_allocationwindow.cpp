// The window's "Slurm cluster — one allocation for the batch" (issue 28.2), against the one-node
// cluster (8 CPUs) of the ctest fixture services_slurm_start: the Batch form's salloc arguments,
// the strip that shows the allocation (or why Slurm makes it wait), every job a step of the one
// allocation, and the allocation given back when the batch ends, when the request is cancelled
// and when the window goes.
#include "remotetest.h"
#include "windowtest.h"

#include "batchallocations.h"

#include "core/scheduling/allocationrun.h"

#include <QSet>

class TestAllocationWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void formAsksForSallocArguments();
    void batchRunsAsStepsOfOneAllocation();
    void waitingSaysWhyAndCancelWithdraws();
    void windowGoingGivesItBack();

private:
    QByteArray queue() const { return squeue({QStringLiteral("--format=%i %j %T")}); }
    QByteArray held() const { return remotetest::slurmHeld(m_conf); }
    QByteArray squeue(const QStringList &args) const { return remotetest::squeue(m_conf, args); }
    /// Opens the Batch form, fills it and runs `command` over 1..`count` in an allocation.
    static void runBatch(MainWindow *w, const QString &command, int count, const QString &salloc)
    {
        whenDialogOpens<BatchDialog>([&](BatchDialog *d) {
            d->setTemplate(command);
            d->setRange(QStringLiteral("1..%1").arg(count));
            d->setMaxParallel(count);
            chooseAllocation(d, salloc);
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        w->findChild<QAction *>(QStringLiteral("actionNewBatch"))->trigger();
    }
    static void chooseAllocation(BatchDialog *d, const QString &salloc)
    {
        auto *combo = d->findChild<QComboBox *>(QStringLiteral("runOnCombo"));
        combo->setCurrentIndex(
                combo->findText(QStringLiteral("Slurm cluster — one allocation for the batch")));
        d->findChild<QLineEdit *>(QStringLiteral("sallocEdit"))->setText(salloc);
    }
    static NoticeBar *strip(const MainWindow &w)
    {
        return w.findChild<NoticeBar *>(QStringLiteral("allocationNotice"));
    }

    QTemporaryDir m_home;
    QString m_conf;
    QString m_held; ///< an allocation of the whole node, given back in cleanup()
};

void TestAllocationWindow::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("slurm", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    m_conf = dir + QStringLiteral("/slurm.conf");
    qputenv("SLURM_CONF", m_conf.toLocal8Bit());
    qunsetenv("SLURM_JOB_ID");
    setUpHome(m_home);
    Preferences prefs; // steps of one CPU each
    prefs.slurmArgs = QStringLiteral("--ntasks=1 --cpus-per-task=1");
    prefs.save(*MainWindow::settings());
}

void TestAllocationWindow::cleanup()
{
    // The node's holder goes; then nothing is left of this test when the next one starts.
    if (const QString id = std::exchange(m_held, {}); !id.isEmpty())
        remotetest::run(QStringLiteral("scancel"), {id}, m_conf);
    QVERIFY2(remotetest::settles([&] { return queue().isEmpty(); }), queue().constData());
}

void TestAllocationWindow::formAsksForSallocArguments()
{
    BatchDialog d(JobSpec{}, 2);
    Preferences prefs;
    d.setRunOnPreferences(prefs);
    d.setTemplate(QStringLiteral("echo {}"));
    d.setRange(QStringLiteral("1..2"));
    auto *salloc = d.findChild<QLineEdit *>(QStringLiteral("sallocEdit"));
    auto *sallocLabel = d.findChild<QLabel *>(QStringLiteral("sallocLabel"));
    QVERIFY(salloc->isHidden() && sallocLabel->isHidden()); // only for that choice
    chooseAllocation(&d, QString());
    QVERIFY(!salloc->isHidden() && !sallocLabel->isHidden());
    QCOMPARE(d.problem(), QStringLiteral("Run on: give salloc's arguments for the allocation, "
                                         "such as -n 8 --time=30"));
    salloc->setText(QStringLiteral("-n 2 --comment='open"));
    QVERIFY2(d.problem().startsWith(QStringLiteral("salloc arguments: unterminated single quote")),
             qPrintable(d.problem()));
    salloc->setText(QStringLiteral("-n 2 --time=5"));
    QCOMPARE(d.problem(), QString());
    QCOMPARE(d.findChild<QLabel *>(QStringLiteral("runOnDetail"))->text(),
             QStringLiteral("its jobs as srun steps"));
    QCOMPARE(d.runOnWhere(), RunOn::Where::SlurmCluster);
    QCOMPARE(d.runOn().slurmAllocate, (QStringList{"-n", "2", "--time=5"}));
    // Remembered with the form, arguments and all.
    d.saveForm(*MainWindow::settings());
    BatchDialog again(JobSpec{}, 2);
    again.restoreForm(*MainWindow::settings());
    QCOMPARE(again.runOn().slurmAllocate, (QStringList{"-n", "2", "--time=5"}));
    QVERIFY(!again.findChild<QLineEdit *>(QStringLiteral("sallocEdit"))->isHidden());
}

void TestAllocationWindow::batchRunsAsStepsOfOneAllocation()
{
    Translation english("en"); // its plural forms, as the window installs them
    MainWindow w;
    w.show();
    runBatch(&w, QStringLiteral("sleep 2; echo {}"), 4, QStringLiteral("-n 4 --time=5"));
    // Held back until Slurm grants the allocation; the strip says what is happening.
    QCOMPARE(w.scheduler().count(), 0);
    QVERIFY(strip(w)->isVisible());
    QCOMPARE(strip(w)->text(), QStringLiteral("Asking Slurm for an allocation for the batch"));
    static const QRegularExpression shown(QStringLiteral(
            "^Slurm allocation ([0-9]+) on procdeck-node \\(1 node\\), [45]:[0-5][0-9] left$"));
    QRegularExpressionMatch m;
    QTRY_VERIFY_WITH_TIMEOUT((m = shown.match(strip(w)->text())).hasMatch(), kDeadlineMs);
    const QString allocation = m.captured(1);
    QCOMPARE(w.allocations()->runs().size(), 1);
    QCOMPARE(w.allocations()->runs().at(0)->jobId(), allocation);
    QCOMPARE(w.scheduler().count(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().isIdle(), kDeadlineMs);
    QElapsedTimer sinceEnd;
    sinceEnd.start();
    QSet<QString> steps;
    for (int i = 0; i < 4; ++i) {
        const JobRecord r = w.scheduler().jobAt(i)->record();
        QCOMPARE(r.state, JobState::Finished);
        QCOMPARE(r.executor, QStringLiteral("slurm"));
        QCOMPARE(r.host, QStringLiteral("procdeck-node"));
        QVERIFY2(r.slurmJobId.startsWith(allocation + QLatin1Char('.')), qPrintable(r.slurmJobId));
        steps << r.slurmJobId;
        QCOMPARE(w.scheduler().jobAt(i)->stdoutText(), QStringLiteral("%1\n").arg(i + 1));
    }
    QCOMPARE(steps.size(), 4); // a step each
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
    qInfo("the allocation left the queue %lld ms after the batch ended", sinceEnd.elapsed());
    QTRY_VERIFY_WITH_TIMEOUT(strip(w)->isHidden(), kDeadlineMs);
    QCOMPARE(w.statusBar()->currentMessage(),
             QStringLiteral("Slurm allocation %1 given back").arg(allocation));
    // Run again: on the cluster, as a Slurm job of its own (the allocation is gone).
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(rowOfSeq(w, 1));
    w.findChild<QAction *>(QStringLiteral("actionRunAgain"))->trigger();
    QCOMPARE(w.scheduler().count(), 5);
    const Job *again = w.scheduler().jobAt(4);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(again->state()), kDeadlineMs);
    QCOMPARE(again->state(), JobState::Finished);
    QCOMPARE(again->record().executor, QStringLiteral("slurm"));
    QVERIFY2(!again->record().slurmJobId.isEmpty() && !again->record().slurmJobId.contains('.'),
             qPrintable(again->record().slurmJobId));
}

void TestAllocationWindow::waitingSaysWhyAndCancelWithdraws()
{
    Translation english("en"); // its plural forms, as the window installs them
    // The node's 8 CPUs are held: an allocation of 2 waits, and the strip says why; Cancel
    // withdraws the request, and no job of the batch is ever added.
    QString salloc;
    m_held = remotetest::holdTheNode(m_conf, &salloc);
    QVERIFY2(!m_held.isEmpty(), qPrintable(salloc));
    MainWindow w;
    w.show();
    runBatch(&w, QStringLiteral("echo {}"), 2, QStringLiteral("-n 2"));
    static const QRegularExpression why(
            QStringLiteral("^Waiting for Slurm \\((Resources|Priority)\\): the batch's 2 jobs "
                           "start once it grants the allocation$"));
    QTRY_VERIFY_WITH_TIMEOUT(why.match(strip(w)->text()).hasMatch(), kDeadlineMs);
    QCOMPARE(strip(w)->button()->text(), QStringLiteral("Cancel"));
    strip(w)->button()->click();
    QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("--format=%i")}).trimmed(),
                              m_held.toLatin1(), 5000); // withdrawn: only the node's holder
    QTRY_VERIFY_WITH_TIMEOUT(strip(w)->isHidden(), kDeadlineMs);
    QCOMPARE(w.scheduler().count(), 0);
}

void TestAllocationWindow::windowGoingGivesItBack()
{
    QString allocation;
    {
        MainWindow w;
        w.show();
        runBatch(&w, QStringLiteral("sleep 60.5 {}"), 2, QStringLiteral("-n 2"));
        QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().runningCount() == 2, kDeadlineMs);
        allocation = w.allocations()->runs().at(0)->jobId();
        QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("--steps"), QStringLiteral("--format=%i")})
                                          .count(allocation.toLatin1() + '.'),
                                  2, kDeadlineMs);
        QCOMPARE(strip(w)->button()->text(), QStringLiteral("End the batch"));
    } // the window goes with its batch running
    QVERIFY2(remotetest::settles([&] { return held().isEmpty(); }),
             held().constData()); // given back
}

QTEST_MAIN(TestAllocationWindow)
#include "tst_allocationwindow.moc"
