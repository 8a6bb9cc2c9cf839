// The window's Send signal…, Priority… and the Processes tab on a job the user's engine runs
// (issue 25): asked of the engine, whose policy decides there, as for the window's own jobs; a
// refusal of the engine's is said to the person when it comes. A real procdeck-engine on a
// private socket.
#include "enginetest.h"
#include "nicetest.h"
#include "windowtest.h"

#include "treeactions.h"
#include "core/monitor/processsampler.h"
#include "core/process/jobpriority.h"
#include "core/process/jobsignals.h"

#include <QSignalSpy>
#include <QSpinBox>

#include <csignal>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using enginetest::Home;
using windowtest::kDeadlineMs;

namespace {

/// A job that says which signal it was sent, then ends with 3: its tree is the shell and a
/// short sleep, so the signal also ends the sleep and the shell's trap runs at once.
const QString kTrapsUsr1 = QStringLiteral(
        "trap 'echo got-usr1; exit 3' USR1; echo ready; while :; do sleep 0.05; done");

/// The window's one row, once the engine's job has `processes` in its group; null if not.
Job *runningWithProcesses(MainWindow &w, int processes)
{
    w.show();
    if (!QTest::qWaitFor([&w] { return w.scheduler().count() == 1; }, kDeadlineMs))
        return nullptr;
    Job *job = w.scheduler().jobAt(0);
    const auto ready = [job, processes] {
        return job->shownPid() > 0
                && nicetest::groupMembers(job->shownPid()).size() == processes;
    };
    return QTest::qWaitFor(ready, kDeadlineMs) ? job : nullptr;
}

/// Collects the refusals that come later, from the engine.
struct LaterRefusals
{
    QStringList said;
    std::function<void(const QString &)> take()
    {
        return [this](const QString &why) { said << why; };
    }
};

} // namespace

class TestWindowEngineSteer : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void aSignalSentFromTheWindowReachesTheEnginesJob()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", kTrapsUsr1}).out, QByteArray("1\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        Job *job = w.scheduler().jobAt(0);
        QTRY_COMPARE_WITH_TIMEOUT(job->stdoutText(), QStringLiteral("ready\n"), kDeadlineMs);
        LaterRefusals later;
        QCOMPARE(TreeActions::sendSignal({job}, SIGUSR1, later.take()), QStringList());
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Failed, kDeadlineMs);
        QCOMPARE(job->exitCode(), 3);
        QCOMPARE(job->stdoutText(), QStringLiteral("ready\ngot-usr1\n"));
        QCOMPARE(m_home->stateOf(1), QStringLiteral("failed"));
        QCOMPARE(later.said, QStringList());
        // Ended: refused here, no request made.
        QCOMPARE(TreeActions::sendSignal({job}, SIGUSR1, later.take()),
                 QStringList{QStringLiteral("job 1 has ended")});
    }

    void theEnginesRefusalIsSaidWhenItComes()
    {
        // -j 1: the engine's job 2 waits there while its row is shown.
        QCOMPARE(m_home->cli({"--detach", "-j", "1", "--template", "sleep {}", "--values",
                              "60,61"}).out,
                 QByteArray("1\n2\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
        Job *queuedThere = w.scheduler().jobAt(1);
        QTRY_VERIFY_WITH_TIMEOUT(queuedThere->pendingOnCluster(), kDeadlineMs);
        LaterRefusals later;
        QVERIFY(isAlive(queuedThere->state())); // the row waits in the engine's queue
        QCOMPARE(TreeActions::sendSignal({queuedThere}, SIGUSR1, later.take()), QStringList());
        QCOMPARE(JobPriority::apply(queuedThere, {5}, later.take()), QString());
        QTRY_COMPARE_WITH_TIMEOUT(later.said.size(), 2, kDeadlineMs);
        QCOMPARE(later.said.at(0),
                 QStringLiteral("job 2 has not started: there is no process to signal"));
        QCOMPARE(later.said.at(1), QStringLiteral("Job 2 is not running: it has no "
                                                  "processes to give a priority."));
        // Out of range: refused here, as for the window's own jobs.
        QCOMPARE(JobPriority::apply(w.scheduler().jobAt(0), {25}, later.take()),
                 QStringLiteral("Niceness 25 is out of range: -20 (first) to 19 (last)."));
        QCOMPARE(m_home->stateOf(2), QStringLiteral("queued"));
    }

    void moveToTopReachesTheEnginesQueue()
    {
        // -j 1: jobs 2 and 3 wait in the engine's queue, their rows shown as waiting there.
        QCOMPARE(m_home->cli({"--detach", "-j", "1", "--template", "sleep {}", "--values",
                              "60,61,62"}).out,
                 QByteArray("1\n2\n3\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 3, kDeadlineMs);
        Job *third = w.scheduler().jobAt(2);
        QTRY_VERIFY_WITH_TIMEOUT(third->pendingOnCluster(), kDeadlineMs);
        auto *table = w.findChild<QTableView *>(QStringLiteral("jobTable"));
        table->selectRow(windowtest::rowOfSeq(w, third->seq()));
        QAction *top = w.findChild<QAction *>(QStringLiteral("actionMoveToTop"));
        QTRY_VERIFY_WITH_TIMEOUT(top->isEnabled(), kDeadlineMs);
        top->trigger();
        // Killed from the window (its requests reach the engine in the order made): the job
        // moved to the top starts next, the other still waits.
        w.scheduler().kill(w.scheduler().jobAt(0));
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(3), QStringLiteral("running"), kDeadlineMs);
        QCOMPARE(m_home->stateOf(2), QStringLiteral("queued"));
        QTRY_VERIFY_WITH_TIMEOUT(!third->pendingOnCluster(), kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(!top->isEnabled(), kDeadlineMs); // running there: not movable
        QCOMPARE(m_home->cli({"--kill", "2", "3"}).exitCode, 0);
    }

    void theToolbarsParallelIsTheEnginesForEveryWindow()
    {
        // -j 1: the engine runs one job at once; a window attaching shows that, not its own.
        QCOMPARE(m_home->cli({"--detach", "-j", "1", "--template", "sleep {}", "--values",
                              "60,61"}).out,
                 QByteArray("1\n2\n"));
        MainWindow first;
        MainWindow second;
        first.show();
        second.show();
        auto *firstSpin = first.findChild<QSpinBox *>(QStringLiteral("parallelSpin"));
        auto *secondSpin = second.findChild<QSpinBox *>(QStringLiteral("parallelSpin"));
        QTRY_COMPARE_WITH_TIMEOUT(second.scheduler().count(), 2, kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(firstSpin->value(), 1, kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(secondSpin->value(), 1, kDeadlineMs);
        // The values the template gave, in the Value column of jobs the window did not start.
        const QModelIndex value = second.findChild<QTableView *>(QStringLiteral("jobTable"))
                                          ->model()->index(windowtest::rowOfSeq(second, 2),
                                                           JobTableModel::ValueColumn);
        QTRY_COMPARE_WITH_TIMEOUT(value.data().toString(), QStringLiteral("61"), kDeadlineMs);

        firstSpin->setValue(2); // as a person types it: the engine's queued job starts
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(2), QStringLiteral("running"), kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(secondSpin->value(), 2, kDeadlineMs);
        QCOMPARE(second.scheduler().maxParallel(), 2); // its own jobs follow the same number
        QCOMPARE(m_home->cli({"--kill", "1", "2"}).exitCode, 0);
    }

    void aPriorityReachesEveryProcessOfTheEnginesJob()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "sh -c 'sleep 60; :'; :"}).out,
                 QByteArray("1\n"));
        MainWindow w;
        Job *job = runningWithProcesses(w, 3);
        QVERIFY(job);
        const pid_t group = pid_t(job->shownPid());
        LaterRefusals later;
        QCOMPARE(JobPriority::apply(job, {7, JobPriority::IoClass::Idle, 0}, later.take()),
                 QString());
        for (pid_t pid : nicetest::groupMembers(group)) {
            QTRY_COMPARE_WITH_TIMEOUT(::getpriority(PRIO_PROCESS, id_t(pid)), 7, kDeadlineMs);
            constexpr int kWhoProcess = 1;
            QCOMPARE(int(::syscall(SYS_ioprio_get, kWhoProcess, pid)) >> 13, 3); // idle class
        }
        QCOMPARE(JobPriority::currentNice(*job), 7); // what the dialog opens with
        QCOMPARE(later.said, QStringList());
        QCOMPARE(m_home->cli({"--kill", "1"}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    }

    void theProcessesTabListsAndSignalsTheEnginesProcesses()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "sleep 60 & sleep 61; wait"}).out,
                 QByteArray("1\n"));
        MainWindow w;
        Job *job = runningWithProcesses(w, 3);
        QVERIFY(job);
        QSignalSpy sampled(w.sampler(), &ProcessSampler::processesSampled);
        w.sampler()->setDetailJob(job->seq());
        ProcessRows rows;
        QTRY_VERIFY_WITH_TIMEOUT(
                !sampled.isEmpty()
                        && (rows = sampled.last().at(1).value<ProcessRows>()).size() == 3,
                kDeadlineMs);
        qint64 sleep61 = 0;
        for (const ProcessRow &row : std::as_const(rows))
            if (row.command.contains(QLatin1String("61")) && row.pid != job->shownPid())
                sleep61 = row.pid;
        QVERIFY(sleep61 > 0);
        // One process of it, from the Processes tab: that one ends, the job goes on.
        QCOMPARE(JobSignals::sendToProcess(job, sleep61, SIGTERM), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!enginetest::alive(sleep61), kDeadlineMs);
        QCOMPARE(job->state(), JobState::Running);
        QCOMPARE(m_home->cli({"--kill", "1"}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_MAIN(TestWindowEngineSteer)
#include "tst_windowenginesteer.moc"
