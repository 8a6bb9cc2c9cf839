// Issue 26.3 and 26.4 in the window: Send signal… and Priority… on a real job's tree, the Nice
// field of the Launch and Batch forms.
#include "windowtest.h"

#include "nicetest.h"
#include "prioritydialog.h"
#include "processespanel.h"
#include "signaldialog.h"

#include "core/process/endreason.h"

#include <QLayout>
#include <QSpinBox>

#include <sys/resource.h>

using namespace windowtest;
using testutil::shell;

class TestWindowSignals : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpHome(m_home); }
    void sendSignalReachesTheTree();
    void aSignalToOneProcessLeavesTheRest();
    void priorityRenicesTheTreeOrSaysWhyNot();
    void formsCarryNice();
    void dialogsHaveNoGapAboveTheirButtons();

private:
    QTemporaryDir m_home;
};

void TestWindowSignals::aSignalToOneProcessLeavesTheRest()
{
    // The Processes view's Send Signal… reaches the one process chosen, not its job's tree.
    MainWindow w;
    w.show();
    Job *job = w.launch(shell(QStringLiteral("sleep 3161 & sleep 3162; wait")));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3161").size() == 1
                                     && testutil::processesNamed("sleep 3162").size() == 1,
                             kDeadlineMs);
    const pid_t first = testutil::processesNamed("sleep 3161").value(0);
    auto *panel = w.findChild<ProcessesPanel *>();
    QVERIFY(panel);
    w.selectJob(job->seq());
    QTRY_COMPARE_WITH_TIMEOUT(panel->job(), job, kDeadlineMs);
    QSignalSpy said(panel, &ProcessesPanel::message);
    panel->sendSignal(first, SIGTERM);
    QCOMPARE(said.value(0).value(0).toString(),
             QStringLiteral("SIGTERM sent to process %1").arg(first));
    QTRY_VERIFY_WITH_TIMEOUT(testutil::processesNamed("sleep 3161").isEmpty(), kDeadlineMs);
    QCOMPARE(testutil::processesNamed("sleep 3162").size(), 1); // the rest runs on
    QCOMPARE(job->state(), JobState::Running);
    panel->sendSignal(first, SIGTERM); // gone now: said, nothing else
    QCOMPARE(said.value(1).value(0).toString(),
             QStringLiteral("Signal not sent: process %1 has ended").arg(first));
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.scheduler().killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
}

void TestWindowSignals::sendSignalReachesTheTree()
{
    MainWindow w;
    w.show();
    const QString ready = m_home.filePath(QStringLiteral("ready"));
    Job *trapping = w.launch(shell(
            QStringLiteral("trap 'echo got' USR1; touch %1; while :; do sleep 0.1; done")
                    .arg(ready)));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kDeadlineMs); // its trap is set
    w.selectJob(trapping->seq());
    auto *send = w.findChild<QAction *>(QStringLiteral("actionSendSignal"));
    QVERIFY(send);
    QTRY_VERIFY_WITH_TIMEOUT(send->isEnabled(), kDeadlineMs);
    whenDialogOpens<SignalDialog>([](SignalDialog *d) {
        d->setSignal(SIGUSR1);
        d->accept();
    });
    send->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(trapping->stdoutText().contains(QStringLiteral("got\n")),
                             kDeadlineMs);
    QCOMPARE(trapping->state(), JobState::Running); // it went on

    // A sleep has no trap: USR1 ends it, and the window says who sent it.
    Job *sleeping = w.launch(shell(QStringLiteral("sleep 30")));
    QTRY_COMPARE_WITH_TIMEOUT(sleeping->state(), JobState::Running, kDeadlineMs);
    w.selectJob(sleeping->seq());
    QTRY_VERIFY_WITH_TIMEOUT(send->isEnabled(), kDeadlineMs); // its start enables it
    whenDialogOpens<SignalDialog>([](SignalDialog *d) {
        d->setSignal(SIGUSR1);
        d->accept();
    });
    send->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(sleeping->state()), kDeadlineMs);
    QCOMPARE(sleeping->state(), JobState::Killed);
    QCOMPARE(EndReason::summary(*sleeping),
             QStringLiteral("Killed: ended by SIGUSR1 — sent from ProcDeck."));
    w.quitNow();
}

void TestWindowSignals::priorityRenicesTheTreeOrSaysWhyNot()
{
    MainWindow w;
    w.show();
    Job *job = w.launch(shell(QStringLiteral("sh -c 'sleep 30; :'; :")));
    QTRY_COMPARE_WITH_TIMEOUT(nicetest::groupMembers(job->pid()).size(), 3, kDeadlineMs);
    w.selectJob(job->seq());
    auto *priority = w.findChild<QAction *>(QStringLiteral("actionPriority"));
    QVERIFY(priority);
    QTRY_VERIFY_WITH_TIMEOUT(priority->isEnabled(), kDeadlineMs);
    whenDialogOpens<PriorityDialog>([](PriorityDialog *d) {
        d->findChild<QSpinBox *>(QStringLiteral("niceSpin"))->setValue(9);
        d->accept();
    });
    priority->trigger();
    for (pid_t pid : nicetest::groupMembers(job->pid())) // sh, its sh, and the sleep
        QCOMPARE(::getpriority(PRIO_PROCESS, id_t(pid)), 9);
    QCOMPARE(job->record().nice, 9);

    // Lower than it is, with a person's rights: refused, the reason said where they look.
    const nicetest::WithoutSysNice person;
    QVERIFY(person.ok);
    whenDialogOpens<PriorityDialog>([](PriorityDialog *d) {
        d->findChild<QSpinBox *>(QStringLiteral("niceSpin"))->setValue(-3);
        d->accept();
    });
    QString said;
    whenDialogOpens<QMessageBox>([&said](QMessageBox *box) {
        said = box->text();
        box->accept();
    });
    priority->trigger();
    QVERIFY2(said.startsWith(QStringLiteral(
                     "Job %1 keeps its priority: niceness -3 was refused — Permission denied.")
                                     .arg(job->seq())),
             qPrintable(said));
    QCOMPARE(::getpriority(PRIO_PROCESS, id_t(job->pid())), 9);
    w.quitNow();
}

void TestWindowSignals::formsCarryNice()
{
    JobSpec defaults;
    defaults.nice = 4;
    LaunchDialog launch(defaults, {});
    auto *niceSpin = launch.findChild<QSpinBox *>(QStringLiteral("niceSpin"));
    QCOMPARE(niceSpin->value(), 4);
    niceSpin->setValue(12);
    QCOMPARE(launch.spec().nice, 12);
    BatchDialog batch(defaults, 2);
    batch.findChild<QSpinBox *>(QStringLiteral("niceSpin"))->setValue(7);
    const QList<JobSpec> specs = batch.specs();
    QVERIFY(!specs.isEmpty());
    for (const JobSpec &spec : specs)
        QCOMPARE(spec.nice, 7);
}

namespace {

/// What a dialog shows last above its buttons fits its text, and the buttons follow it at the
/// layout's spacing: no empty band between them (issue 25's walk-through).
void verifyButtonsFollow(QDialog *dialog, QLabel *last)
{
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    // A text set a moment ago is laid out at the next turn of the event loop.
    QTRY_COMPARE(last->height(), last->heightForWidth(last->width()));
    const int spacing = dialog->layout()->spacing();
    QCOMPARE(buttons->geometry().top() - last->geometry().bottom() - 1, spacing);
    const QMargins margins = dialog->layout()->contentsMargins();
    QCOMPARE(dialog->height() - buttons->geometry().bottom() - 1, margins.bottom());
}

} // namespace

void TestWindowSignals::dialogsHaveNoGapAboveTheirButtons()
{
    SignalDialog signal(QStringLiteral("job 3"));
    verifyButtonsFollow(&signal, signal.findChild<QLabel *>(QStringLiteral("meaningLabel")));
    if (QTest::currentTestFailed())
        return;
    // A longer meaning takes another line: the dialog grows to hold it, still without a gap.
    signal.setSignal(SIGUSR1);
    verifyButtonsFollow(&signal, signal.findChild<QLabel *>(QStringLiteral("meaningLabel")));
    if (QTest::currentTestFailed())
        return;
    PriorityDialog priority(QStringLiteral("job 3"), 0);
    verifyButtonsFollow(&priority, priority.findChild<QLabel *>(QStringLiteral("scopeLabel")));
}

QTEST_MAIN(TestWindowSignals)
#include "tst_windowsignals.moc"
