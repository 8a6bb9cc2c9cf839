// Every job of the user's engine is a row of the window's table (issue 25), whoever started it:
// procdeck-cli --detach while the window is open, a batch detached before the window opened
// (each of its jobs once, with its complete output), Run again asked of the engine, the engine's
// start and timeout shown as the engine's, rows that stop "working…" when the engine is killed
// -9, and two windows showing each other's launches, pauses and kills. A real procdeck-engine on
// a private socket.
#include "enginetest.h"
#include "windowtest.h"

#include "backgroundpanel.h"
#include "launchdialog.h"
#include "core/export/runlog.h"
#include "core/types/isotime.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QJsonObject>

#include <cmath>
#include <csignal>

using enginetest::Home;
using windowtest::kDeadlineMs;
using enginetest::waitForFile;

namespace {

int engineNumber(const Job *job)
{
    return job && job->remote() ? job->remote()->engineJob() : 0;
}

/// Job `n`'s record as `--status --json` gives it.
QJsonObject engineRecord(const Home &home, int n)
{
    for (const QJsonValue &job : home.status().value(QStringLiteral("jobs")).toArray()) {
        if (job.toObject().value(QStringLiteral("seq")).toInt() == n)
            return job.toObject();
    }
    return {};
}

} // namespace

class TestWindowEngineAdopt : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void aJobDetachedFromTheCommandLineAppearsWithItsOutputAndExitCode()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "true"}).out, QByteArray("1\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs); // the engine's job 1
        const QString go = m_home->path("state") + QStringLiteral("/go");
        const QString line = waitForFile(go) + QStringLiteral("; echo out; echo err >&2; exit 4");
        QCOMPARE(m_home->cli({"--detach", "--shell", line}).out, QByteArray("2\n"));
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
        Job *job = w.scheduler().jobAt(1);
        QCOMPARE(engineNumber(job), 2);
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, kDeadlineMs);
        // Its tree runs in the engine, on this machine: sampled here as the window's own are.
        QTRY_VERIFY_WITH_TIMEOUT(job->usage().rssKb > 0 && job->usage().processes >= 1,
                                 kDeadlineMs);
        QCOMPARE(job->shownPid(), engineRecord(*m_home, 2).value("pid").toInteger()); // PID cell
        QFile(go).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Failed, kDeadlineMs);
        QCOMPARE(job->exitCode(), 4);
        QCOMPARE(job->stdoutText(), QStringLiteral("out\n"));
        QCOMPARE(job->stderrText(), QStringLiteral("err\n"));
        QCOMPARE(w.scheduler().count(), 2);
        QVERIFY(w.scheduler().isIdle()); // the engine runs it, not the window
    }

    void aWindowOpenedAfterADetachedBatchShowsEachJobOnceWithItsOutput()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo early; echo e >&2; exit 3"}).out,
                 QByteArray("1\n"));
        QCOMPARE(m_home->cli({"--wait", "1"}).exitCode, 1);
        const QString line = QStringLiteral("echo start {}; ") + waitForFile(go)
                + QStringLiteral("; echo end {}; exit {}");
        QCOMPARE(m_home->cli({"--detach", "-j", "2", "--template", line, "--range", "0..2"}).out,
                 QByteArray("2\n3\n4\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engineRecord(*m_home, 3).value("stdout_bytes").toInt(), 8,
                                  kDeadlineMs); // "start 1\n": two of the batch wait mid-way

        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 4, kDeadlineMs);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(engineNumber(w.scheduler().jobAt(i)), i + 1);
        const int batch = w.scheduler().jobAt(1)->batchId();
        QVERIFY(batch > 0);
        QCOMPARE(w.scheduler().jobAt(0)->batchId(), 0);
        QCOMPARE(w.scheduler().jobAt(2)->batchId(), batch);
        QCOMPARE(w.scheduler().jobAt(3)->batchId(), batch);

        // Ended before the window opened: a row made as it ended, with its row (no start here,
        // no end to hear of later), the engine's start, run time and exit; its output once shown.
        Job *early = w.scheduler().jobAt(0);
        QCOMPARE(early->state(), JobState::Failed);
        QCOMPARE(early->exitCode(), 3);
        const QJsonObject record = engineRecord(*m_home, 1);
        const QDateTime started = isotime::parse(record.value("started").toString());
        QVERIFY(started.isValid());
        QCOMPARE(early->startedAt(), started);
        QCOMPARE(early->elapsedMs(), std::llround(record.value("duration_s").toDouble() * 1000));
        QCOMPARE(early->finishedAt(), started.addMSecs(early->elapsedMs()));
        QCOMPARE(w.scheduler().batchStats(0).failed, 1);
        QCOMPARE(early->stdoutText(), QString()); // asked only once shown
        // Its Output cell says what the engine counted ("early\n", "e\n"), not "0 bytes".
        JobTableModel model(&w.scheduler());
        const QModelIndex output = model.index(0, JobTableModel::OutputColumn);
        QCOMPARE(output.data().toString(), JobTableModel::formatOutputSize(8, 2));
        QCOMPARE(output.data(JobTableModel::SortRole).toLongLong(), 8);
        QCOMPARE(early->outputBytesThere(), 8);
        // Exported before the fetch: the engine's counts, and plainly that the text is not in.
        QJsonObject exported = runlog::toJson(ExportEntry::fromJob(*early, true));
        QCOMPARE(exported.value("stdout_bytes").toInt(), 6);
        QCOMPARE(exported.value("stderr_bytes").toInt(), 2);
        QCOMPARE(exported.value("stdout_lines").toInt(), 1);
        QCOMPARE(exported.value("stderr_lines").toInt(), 1);
        QCOMPARE(exported.value("stdout").toString(), QString());
        QVERIFY(exported.value("stdout_truncated").toBool());
        QVERIFY(exported.value("stderr_truncated").toBool());
        QCOMPARE(exported.value("notes").toString(),
                 QStringLiteral("its output (8 bytes) was not fetched from the engine: only its "
                                "counts are here"));
        w.selectJob(early->seq());
        QTRY_COMPARE_WITH_TIMEOUT(early->stdoutText(), QStringLiteral("early\n"), kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(early->outputBytesThere(), -1, kDeadlineMs); // fetched whole
        exported = runlog::toJson(ExportEntry::fromJob(*early, true));
        QCOMPARE(exported.value("stdout").toString(), QStringLiteral("early\n"));
        QCOMPARE(exported.value("stderr").toString(), QStringLiteral("e\n"));
        QCOMPARE(exported.value("stdout_bytes").toInt(), 6);
        QCOMPARE(exported.value("stderr_lines").toInt(), 1);
        QVERIFY(!exported.value("stdout_truncated").toBool());
        QVERIFY(!exported.value("stderr_truncated").toBool());
        QCOMPARE(exported.value("notes").toString(), QString());
        QCOMPARE(early->stderrText(), QStringLiteral("e\n"));
        QCOMPARE(output.data().toString(), JobTableModel::formatOutputSize(8, 2)); // its logs'
        QCOMPARE(output.data(JobTableModel::SortRole).toLongLong(), 8);
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(2)->stdoutText(),
                                  QStringLiteral("start 1\n"), kDeadlineMs);

        QFile(go).open(QIODevice::WriteOnly);
        for (int i = 0; i < 3; ++i) {
            const Job *job = w.scheduler().jobAt(i + 1);
            QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
            QCOMPARE(job->exitCode(), i);
            QCOMPARE(job->stdoutText(), QStringLiteral("start %1\nend %1\n").arg(i));
        }
        QCOMPARE(w.scheduler().count(), 4); // each once, however the window heard of it
        QCOMPARE(w.scheduler().batchStats(batch).succeeded, 1);
        QCOMPARE(w.scheduler().batchStats(batch).failed, 2);
    }

    void runAgainOnAMirroredRowIsANewEngineJob()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo again"}).out, QByteArray("1\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(w.scheduler().jobAt(0)->state()), kDeadlineMs);
        w.selectJob(w.scheduler().jobAt(0)->seq());
        QAction *again = w.findChild<QAction *>(QStringLiteral("actionRunAgain"));
        QTRY_VERIFY_WITH_TIMEOUT(again->isEnabled(), kDeadlineMs);
        again->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
        const Job *job = w.scheduler().jobAt(1);
        QCOMPARE(engineNumber(job), 2);
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
        QCOMPARE(job->stdoutText(), QStringLiteral("again\n"));
        QCOMPARE(m_home->stateOf(2), QStringLiteral("finished"));
        QCOMPARE(engineRecord(*m_home, 2).value("command").toString(), QStringLiteral("echo again"));
        QCOMPARE(w.scheduler().count(), 2);
    }

    void twoWindowsShowTheSameJobsAndEachOthersActions()
    {
        // Both opened while no engine ran: the second attaches to the one the first starts.
        MainWindow first;
        first.show();
        MainWindow second;
        second.show();
        // Launched in the first window, in the background: the engine's job 1 in both tables.
        const QString go = m_home->path("state") + QStringLiteral("/go");
        windowtest::whenDialogOpens<LaunchDialog>([&go](LaunchDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))
                    ->setText(waitForFile(go) + QStringLiteral("; echo seen"));
            d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"))->setChecked(true);
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        first.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
        for (MainWindow *w : {&first, &second}) {
            QTRY_COMPARE_WITH_TIMEOUT(w->scheduler().count(), 1, kDeadlineMs);
            QCOMPARE(engineNumber(w->scheduler().jobAt(0)), 1);
            QTRY_COMPARE_WITH_TIMEOUT(w->scheduler().jobAt(0)->state(), JobState::Running,
                                      kDeadlineMs);
        }
        // Paused from the second window: paused in the first; resumed there: running in both.
        second.selectJob(second.scheduler().jobAt(0)->seq());
        QAction *pause = second.findChild<QAction *>(QStringLiteral("actionPause"));
        QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), kDeadlineMs);
        pause->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(first.scheduler().jobAt(0)->state(), JobState::Paused,
                                  kDeadlineMs);
        QCOMPARE(m_home->stateOf(1), QStringLiteral("paused"));
        // A second launch, from the command line, and Kill in the first window: killed in both.
        QCOMPARE(m_home->cli({"--detach", "--shell", "sleep 600"}).out, QByteArray("2\n"));
        for (MainWindow *w : {&first, &second})
            QTRY_COMPARE_WITH_TIMEOUT(w->scheduler().count(), 2, kDeadlineMs);
        first.selectJob(first.scheduler().jobAt(1)->seq());
        QAction *kill = first.findChild<QAction *>(QStringLiteral("actionKill"));
        QTRY_VERIFY_WITH_TIMEOUT(kill->isEnabled(), kDeadlineMs);
        kill->trigger();
        for (MainWindow *w : {&first, &second})
            QTRY_COMPARE_WITH_TIMEOUT(w->scheduler().jobAt(1)->state(), JobState::Killed,
                                      kDeadlineMs);
        QCOMPARE(m_home->stateOf(2), QStringLiteral("killed"));
        QCOMPARE(m_home->cli({"--resume", "1"}).exitCode, 0);
        QFile(go).open(QIODevice::WriteOnly);
        for (MainWindow *w : {&first, &second}) {
            const Job *job = w->scheduler().jobAt(0);
            QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
            QCOMPARE(job->stdoutText(), QStringLiteral("seen\n"));
            QCOMPARE(w->scheduler().count(), 2); // each job once in each window
        }
    }

    void theEnginesStartAndTimeoutAreTheRowsOwn()
    {
        QCOMPARE(m_home->cli({"--detach", "--timeout", "1", "--shell", "sleep 30"}).out,
                 QByteArray("1\n"));
        QTRY_VERIFY_WITH_TIMEOUT(engineRecord(*m_home, 1).value("duration_s").toDouble() >= 0.3,
                                 kDeadlineMs);
        const QDateTime startedThere =
                isotime::parse(engineRecord(*m_home, 1).value("started").toString());
        QVERIFY(startedThere.isValid());
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        Job *job = w.scheduler().jobAt(0);
        QTRY_COMPARE_WITH_TIMEOUT(job->startedAt(), startedThere, kDeadlineMs);
        if (!isTerminal(job->state())) // counted from the engine's start, not the attach
            QVERIFY2(job->elapsedMs() >= 300, qPrintable(QString::number(job->elapsedMs())));
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::TimedOut, kDeadlineMs);
        QVERIFY(job->timedOut());
        QCOMPARE(m_home->stateOf(1), QStringLiteral("timed_out"));
        QCOMPARE(w.model()->index(0, JobTableModel::StateColumn).data().toString(),
                 JobTableModel::stateText(JobState::TimedOut, true));
        QVERIFY2(job->elapsedMs() >= 1000 && job->elapsedMs() < 10000,
                 qPrintable(QString::number(job->elapsedMs())));
    }

    void aRowQueuedThereShowsItRunningOnceItStartsThere()
    {
        // Job 2 waits in the engine's queue behind job 1, then runs there printing nothing:
        // nothing but its start tells the window, and its row must say so.
        const QString go = m_home->path("state") + QStringLiteral("/go");
        QCOMPARE(m_home->cli({"--detach", "-j", "1", "--template", waitForFile(go + "{}"),
                              "--values", "1,2"}).out,
                 QByteArray("1\n2\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
        const auto stateCell = [&w] {
            return w.model()->index(1, JobTableModel::StateColumn).data().toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateCell(), QStringLiteral("Queued in the engine"),
                                  kDeadlineMs);
        QTRY_VERIFY2_WITH_TIMEOUT(w.statusSummary()->countsText().startsWith(
                                          QStringLiteral("Running 1 · Queued 1")),
                                  qPrintable(w.statusSummary()->countsText()), kDeadlineMs);
        // Its row is told (every cell may change), then its elapsed ticks as a running row's.
        QSignalSpy changed(w.model(), &QAbstractItemModel::dataChanged);
        const auto touched = [&changed](int column) {
            return std::count_if(changed.cbegin(), changed.cend(), [column](const auto &args) {
                const QModelIndex from = args.at(0).toModelIndex();
                const QModelIndex to = args.at(1).toModelIndex();
                return from.row() <= 1 && to.row() >= 1 && from.column() <= column
                        && to.column() >= column;
            });
        };
        QFile(go + QLatin1Char('1')).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(m_home->stateOf(2), QStringLiteral("running"), kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(touched(JobTableModel::PidColumn) >= 1, kDeadlineMs);
        const qsizetype ticks = touched(JobTableModel::ElapsedColumn);
        QTRY_VERIFY_WITH_TIMEOUT(touched(JobTableModel::ElapsedColumn) >= ticks + 2, kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(stateCell(), JobTableModel::stateText(JobState::Running, false),
                                  kDeadlineMs);
        QTRY_VERIFY2_WITH_TIMEOUT(w.statusSummary()->countsText().startsWith(
                                          QStringLiteral("Running 1 · Queued 0 · Finished 1")),
                                  qPrintable(w.statusSummary()->countsText()), kDeadlineMs);
        const Job *second = w.scheduler().jobAt(1);
        QVERIFY(second->startedAt().isValid());
        // Sampled once it runs there (its group is read here, as the window's own jobs are).
        QTRY_VERIFY_WITH_TIMEOUT(second->usage().rssKb > 0, kDeadlineMs);
        QCOMPARE(second->stdoutText(), QString());
        QFile(go + QLatin1Char('2')).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(second->state(), JobState::Finished, kDeadlineMs);
    }

    void theEngineKilledLeavesRowsThatAreNotRunning()
    {
        QCOMPARE(m_home->cli({"--detach", "-j", "1", "--template", "sleep {}", "--values",
                              "60,61"}).out,
                 QByteArray("1\n2\n"));
        MainWindow w;
        w.show();
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 2, kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(0)->state(), JobState::Running,
                                  kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w.scheduler().jobAt(0)->pendingOnCluster(), kDeadlineMs);
        QVERIFY(w.scheduler().jobAt(1)->pendingOnCluster()); // queued in the engine
        NoticeBar *banner = w.background()->banner();
        QVERIFY(!banner->isVisible());
        const qint64 enginePid = m_home->status().value(QStringLiteral("engine_pid")).toInteger();
        QVERIFY(enginePid > 0);
        QCOMPARE(::kill(pid_t(enginePid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kDeadlineMs);
        for (int i = 0; i < 2; ++i) {
            const Job *job = w.scheduler().jobAt(i);
            QTRY_VERIFY_WITH_TIMEOUT(isTerminal(job->state()), kDeadlineMs);
            QVERIFY2(job->error().contains(QLatin1String("engine")), qPrintable(job->error()));
        }
        QCOMPARE(w.scheduler().mirroredCount(), 0);
        QCOMPARE(w.scheduler().count(), 2);
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_MAIN(TestWindowEngineAdopt)
#include "tst_windowengineadopt.moc"
