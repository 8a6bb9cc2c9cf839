#include "core/history/history.h"
#include "core/history/historyretention.h"
#include "core/process/proctable.h"
#include "core/scheduling/scheduler.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;
}

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void recordsStartAndEnd();
    void killNineLeavesInterruptedJobs();
    void guardianEndedJobsKeepTheirTimes();
    void aReusedPidIsNotTheOwner();
    void corruptDatabaseIsMovedAside();
    void olderFileGainsNewColumns();
    void retentionDropsOldJobsAndTheirFiles();
    void cliListsEarlierRuns();
    void keepsWhatTheExportKeeps();

private:
    QTemporaryDir m_dir;
};

void TestHistory::recordsStartAndEnd()
{
    const QString path = m_dir.filePath(QStringLiteral("a.sqlite"));
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    Scheduler s;
    s.setOutputDir(m_dir.filePath(QStringLiteral("runs-a")));
    history.attach(&s);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(testutil::shell(QStringLiteral("echo first")));
    s.add(testutil::shell(QStringLiteral("exit 3")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(history.waitForWrites(kDeadlineMs));
    const QList<HistoryEntry> entries = history.recent(10);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].record.command, QStringLiteral("exit 3")); // newest first
    QCOMPARE(entries[0].stateKey, QStringLiteral("failed"));
    QCOMPARE(entries[0].record.exitCode, 3);
    QCOMPARE(entries[1].stateKey, QStringLiteral("finished"));
    QCOMPARE(entries[1].record.stdoutBytes, qint64(6));
    QCOMPARE(entries[1].spec, testutil::shell(QStringLiteral("echo first"))); // enough to run again
    QCOMPARE(entries[1].record.durationMs, s.jobAt(0)->record().durationMs);
    QCOMPARE(entries[0].record.cpuSeconds, s.jobAt(1)->record().cpuSeconds); // as the export writes it
    QCOMPARE(entries[0].record.peakRssKb, s.jobAt(1)->record().peakRssKb);
    QVERIFY(s.jobAt(1)->record().ioWriteBytes >= 0); // measured at its end, kept as measured
    QCOMPARE(entries[0].record.ioWriteBytes, s.jobAt(1)->record().ioWriteBytes);
    QCOMPARE(entries[0].record.ioReadBytes, s.jobAt(1)->record().ioReadBytes);
    QCOMPARE(history.recent(10, QStringLiteral("FIRST")).size(), 1);
    QVERIFY(history.keptOutputBytes() >= 6);
}

void TestHistory::killNineLeavesInterruptedJobs()
{
    QTemporaryDir data;
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), {"--shell", "exec sleep 300"});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    const QString path = data.filePath(QStringLiteral("procdeck/history.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), kDeadlineMs);
    qint64 sleepPid = 0;
    {
        History watcher; // the CLI is alive: its running job must not be marked
        QString error;
        QVERIFY(watcher.open(path, &error));
        QTRY_VERIFY_WITH_TIMEOUT(!watcher.recent(1).isEmpty() && watcher.recent(1).first().stateKey == QLatin1String("running"), kDeadlineMs);
        sleepPid = watcher.recent(1).first().record.pid;
    }
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    QVERIFY(sleepPid > 1);
    processgroup::signalGroup(pid_t(sleepPid), SIGKILL); // the orphan ProcDeck could not clean up
    History after;
    QString error;
    QVERIFY(after.open(path, &error));
    const QList<HistoryEntry> entries = after.recent(10);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].stateKey, History::interruptedKey());
    QCOMPARE(entries[0].record.command, QStringLiteral("exec sleep 300"));
    QVERIFY(entries[0].record.startedAt.isValid());
}

void TestHistory::guardianEndedJobsKeepTheirTimes()
{
    // Two jobs run, then stand paused (the CLI's Ctrl+Z), a third waits in the queue; ProcDeck is
    // killed and its guardian ends the two. Their rows must say how long they ran and stood.
    QTemporaryDir data;
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    cli.setProcessEnvironment(env);
    QElapsedTimer sinceStart;
    sinceStart.start();
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), {"-j", "2", "--shell", "exec sleep 301", "--shell",
                                                  "exec sleep 302", "--shell", "exec sleep 303"});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    const QString path = data.filePath(QStringLiteral("procdeck/history.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), kDeadlineMs);
    QList<qint64> pids;
    {
        History watcher; // the CLI is alive: nothing of it is marked
        QString error;
        QVERIFY(watcher.open(path, &error));
        const auto running = [&watcher](int i) {
            return watcher.recent(3).value(i).stateKey == QLatin1String("running");
        };
        QTRY_VERIFY_WITH_TIMEOUT(watcher.recent(3).size() == 3 && running(1) && running(2),
                                 kDeadlineMs);
        QCOMPARE(watcher.recent(3)[0].stateKey, QStringLiteral("queued"));
        pids = {watcher.recent(3)[1].record.pid, watcher.recent(3)[2].record.pid};
    }
    const qint64 seenRunningMs = sinceStart.elapsed();
    QTest::qWait(1500); // run time, the figure measured (not a wait for something to happen)
    ::kill(pid_t(cli.processId()), SIGTSTP); // pauses the jobs, then stops itself
    QTRY_COMPARE_WITH_TIMEOUT(testutil::processState(cli.processId()), 'T', kDeadlineMs);
    const qint64 seenPausedMs = sinceStart.elapsed();
    QTest::qWait(1000); // paused time, measured likewise
    const qint64 killedMs = sinceStart.elapsed();
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(kDeadlineMs));
    // The guardian writes its report once both trees are gone: a line for each.
    const auto reportLines = [&path] {
        QFile report(path + QStringLiteral(".guardian"));
        return report.open(QIODevice::ReadOnly) ? report.readAll().count('\n') : 0;
    };
    QTRY_COMPARE_WITH_TIMEOUT(reportLines(), 2, kDeadlineMs);
    const qint64 reportedMs = sinceStart.elapsed();
    for (const qint64 pid : pids)
        QVERIFY2(testutil::groupGone(pid), qPrintable(QString::number(pid)));

    History after;
    QString error;
    QVERIFY(after.open(path, &error));
    const QList<HistoryEntry> entries = after.recent(10);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].record.command, QStringLiteral("exec sleep 303"));
    QCOMPARE(entries[0].stateKey, QStringLiteral("cancelled"));
    QVERIFY2(entries[0].record.notes.contains(QLatin1String("interrupted")),
             qPrintable(entries[0].record.notes));
    QVERIFY(!entries[0].record.startedAt.isValid());
    for (int i = 1; i < 3; ++i) {
        const JobRecord &r = entries[i].record;
        QCOMPARE(entries[i].stateKey, History::interruptedKey());
        const qint64 ranAtLeast = killedMs - seenRunningMs;
        const qint64 pausedAtLeast = killedMs - seenPausedMs;
        const QString figures = QStringLiteral("ran %1 ms (at least %2), paused %3 ms (at least %4)")
                                    .arg(r.durationMs).arg(ranAtLeast)
                                    .arg(r.pausedMs).arg(pausedAtLeast);
        qInfo("job %d: %s", r.seq, qPrintable(figures));
        QVERIFY2(r.durationMs >= ranAtLeast && r.durationMs <= reportedMs, qPrintable(figures));
        QVERIFY2(r.pausedMs >= pausedAtLeast && r.pausedMs <= r.durationMs, qPrintable(figures));
        QVERIFY(r.finishedAt.isValid());
    }
}

void TestHistory::aReusedPidIsNotTheOwner()
{
    // Two earlier runs' rows name a living process as their owner: one with its start time (it
    // still runs: its job is left alone), one with another start time (a pid reused since that
    // ProcDeck died: its job was interrupted).
    const QString path = m_dir.filePath(QStringLiteral("reused.sqlite"));
    {
        History create;
        QString error;
        QVERIFY2(create.open(path, &error), qPrintable(error));
    }
    QProcess living;
    living.start(QStringLiteral("sleep"), {QStringLiteral("300")});
    QVERIFY(living.waitForStarted(kDeadlineMs));
    const qint64 pid = living.processId();
    proctable::ProcessInfo info;
    QVERIFY(proctable::readProcess(pid_t(pid), &info));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reused"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO jobs (run_id, owner_pid, owner_started, seq, command, "
                                         "state, queued, started, spec) VALUES (?, ?, ?, 1, ?, 'running', "
                                         "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '{}')")));
        for (const auto &[run, started] : {std::pair{"same", info.startTime}, {"reused", info.startTime + 1}}) {
            q.addBindValue(QString::fromLatin1(run));
            q.addBindValue(pid);
            q.addBindValue(qint64(started));
            q.addBindValue(QStringLiteral("echo %1").arg(QLatin1String(run)));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("reused"));
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    QHash<QString, QString> states;
    for (const HistoryEntry &e : history.recent(5))
        states.insert(e.record.command, e.stateKey);
    living.kill();
    living.waitForFinished(kDeadlineMs);
    QCOMPARE(states.value(QStringLiteral("echo same")), QStringLiteral("running"));
    QCOMPARE(states.value(QStringLiteral("echo reused")), History::interruptedKey());
}

void TestHistory::corruptDatabaseIsMovedAside()
{
    const QString path = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
    QFile junk(path);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x'));
    junk.close();
    History history;
    QString error;
    QString notice;
    QVERIFY2(history.open(path, &error, &notice), qPrintable(error));
    QVERIFY2(notice.contains(QLatin1String(".corrupt-")), qPrintable(notice));
    const QStringList moved = QDir(m_dir.path()).entryList({QStringLiteral("corrupt.sqlite.corrupt-*")});
    QCOMPARE(moved.size(), 1);
    QVERIFY(notice.contains(moved.first()));
    QCOMPARE(QFileInfo(m_dir.filePath(moved.first())).size(), qint64(8192)); // kept as it was
    QVERIFY(history.isOpen());
    QVERIFY(history.recent(5).isEmpty());
}

void TestHistory::olderFileGainsNewColumns()
{
    // A history written before peak_rss_kb and cpu_s existed.
    const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-schema"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE jobs (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, owner_pid INTEGER NOT NULL, seq INTEGER NOT NULL, "
            "batch INTEGER NOT NULL DEFAULT 0, command TEXT NOT NULL, label TEXT, state TEXT NOT NULL, exit_code INTEGER, "
            "signal INTEGER, timed_out INTEGER NOT NULL DEFAULT 0, queued TEXT, started TEXT, finished TEXT, "
            "duration_ms INTEGER NOT NULL DEFAULT 0, pid INTEGER, stdout_bytes INTEGER NOT NULL DEFAULT 0, "
            "stderr_bytes INTEGER NOT NULL DEFAULT 0, encoding TEXT, cwd TEXT, error TEXT, notes TEXT, stdout_file TEXT, "
            "stderr_file TEXT, spec TEXT NOT NULL, UNIQUE (run_id, seq))")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO jobs (run_id, owner_pid, seq, command, state, queued, spec) "
                                      "VALUES ('old', 1, 1, 'echo old', 'finished', '2026-01-01T00:00:00.000Z', '{}')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old-schema"));
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    QCOMPARE(history.recent(5).size(), 1);
    QCOMPARE(history.recent(5).first().record.command, QStringLiteral("echo old"));
    Scheduler s;
    history.attach(&s);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.add(testutil::shell(QStringLiteral("echo new")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(history.waitForWrites(kDeadlineMs));
    const QList<HistoryEntry> entries = history.recent(5);
    QCOMPARE(entries.size(), 2); // new rows go in with the new columns
    // Issue 16's columns: where the job ran. An old row ran here, on a host nobody wrote down.
    QCOMPARE(entries[1].record.executor, QStringLiteral("local"));
    QCOMPARE(entries[1].record.host, QString());
    QCOMPARE(entries[1].record.ioWriteBytes, qint64(-1)); // issue 26's: not measured then
    QCOMPARE(entries[0].record.executor, QStringLiteral("local"));
    QCOMPARE(entries[0].record.host, QSysInfo::machineHostName());
    QCOMPARE(entries[0].record.slurmJobId, QString());
}

void TestHistory::retentionDropsOldJobsAndTheirFiles()
{
    const QString path = m_dir.filePath(QStringLiteral("retention.sqlite"));
    QList<QString> files;
    {
        History history;
        QString error;
        QVERIFY(history.open(path, &error));
        Scheduler s;
        s.setMaxParallel(1);
        s.setOutputDir(m_dir.filePath(QStringLiteral("runs-r")));
        history.attach(&s);
        QSignalSpy idle(&s, &Scheduler::idle);
        for (int i = 0; i < 3; ++i)
            s.add(testutil::shell(QStringLiteral("echo job %1").arg(i)));
        QVERIFY(idle.wait(kDeadlineMs));
        for (int i = 0; i < 3; ++i)
            files << s.jobAt(i)->record().stdoutPath;
    }
    for (const QString &f : files)
        QVERIFY(QFile::exists(f));
    qint64 freed = 0;
    QString error;
    QVERIFY2(HistoryRetention::apply(path, 0, 1, &freed, &error), qPrintable(error));
    QCOMPARE(freed, qint64(12)); // two "echo job N" outputs
    QVERIFY(!QFile::exists(files[0]));
    QVERIFY(!QFile::exists(files[1]));
    QVERIFY(QFile::exists(files[2]));
    History history;
    QVERIFY(history.open(path, &error));
    QCOMPARE(history.recent(10).size(), 1);
    QCOMPARE(history.recent(10).first().record.command, QStringLiteral("echo job 2"));
}

void TestHistory::cliListsEarlierRuns()
{
    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    QProcess run;
    run.setProcessEnvironment(env);
    run.start(QStringLiteral(PROCDECK_CLI_PATH), {"--shell", "echo history-marker"});
    QVERIFY(run.waitForFinished(kDeadlineMs));
    QCOMPARE(run.exitCode(), 0);
    QProcess list;
    list.setProcessEnvironment(env);
    list.start(QStringLiteral(PROCDECK_CLI_PATH), {"--history", "--limit", "5"});
    QVERIFY(list.waitForFinished(kDeadlineMs));
    QCOMPARE(list.exitCode(), 0);
    const QString out = QString::fromUtf8(list.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("echo history-marker")) && out.contains(QLatin1String("finished")), qPrintable(out));
    QVERIFY(QFile::exists(data.filePath(QStringLiteral("procdeck/history.sqlite"))));
    list.start(QStringLiteral(PROCDECK_CLI_PATH), {"--history", "--json"});
    QVERIFY(list.waitForFinished(kDeadlineMs));
    QVERIFY(list.readAllStandardOutput().contains("\"command\":\"echo history-marker\""));
}

void TestHistory::keepsWhatTheExportKeeps()
{
    // Issue 23.7: the try number and the time paused, as the record (and so the export) has
    // them; the history said 1 and 0.
    const QString path = m_dir.filePath(QStringLiteral("steering.sqlite"));
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    Scheduler s;
    s.setOutputDir(m_dir.filePath(QStringLiteral("runs-steering")));
    history.attach(&s);
    JobSpec retried = testutil::shell(QStringLiteral("exit 1"));
    retried.retries = 3; // tries in all, as GNU parallel counts them
    s.add(retried);
    Job *paused = s.add(testutil::shell(QStringLiteral("exec sleep 3143")));
    QTRY_COMPARE_WITH_TIMEOUT(paused->state(), JobState::Running, kDeadlineMs);
    QVERIFY(s.pause(paused));
    QCOMPARE(paused->state(), JobState::Paused);
    QTRY_VERIFY_WITH_TIMEOUT(paused->pausedMs() > 0, kDeadlineMs);
    QVERIFY(s.resume(paused));
    s.kill(paused);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(paused->state()), kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(s.count(), 4, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(isTerminal(s.jobAt(3)->state()), kDeadlineMs);
    const JobRecord lastTry = s.jobAt(3)->record();
    QCOMPARE(lastTry.attempts, 3);
    const qint64 pausedMs = paused->record().pausedMs;
    history.close();
    History reopened;
    QVERIFY2(reopened.open(path, &error), qPrintable(error));
    bool sawLastTry = false;
    bool sawPaused = false;
    for (const HistoryEntry &entry : reopened.recent(10)) {
        if (entry.record.seq == lastTry.seq) {
            QCOMPARE(entry.record.attempts, 3);
            sawLastTry = true;
        } else if (entry.record.seq == paused->seq()) {
            QCOMPARE(entry.record.pausedMs, pausedMs);
            sawPaused = true;
        }
    }
    QVERIFY(sawLastTry && sawPaused);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
