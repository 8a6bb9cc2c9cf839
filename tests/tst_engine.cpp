// procdeck-cli as a client of a real procdeck-engine (issue 25): detach, status, follow, wait,
// kill, pause, resume and stop round trips, each test on an engine of its own.
#include "enginetest.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using enginetest::Home;

namespace {

QStringList detach(const QStringList &shells)
{
    QStringList args{QStringLiteral("--detach")};
    for (const QString &line : shells)
        args << QStringLiteral("--shell") << line;
    return args;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void detachStatusFollowWait()
    {
        Home home;
        const clitest::Result handed = home.cli(detach(
                {QStringLiteral("echo out; echo err >&2; exit 3"), QStringLiteral("pwd")}));
        QCOMPARE(handed.err, QByteArray());
        QCOMPARE(handed.out, QByteArray("1\n2\n"));
        QCOMPARE(handed.exitCode, 0);

        const clitest::Result followed
                = home.cli({ QStringLiteral("--follow"), QStringLiteral("1") });
        QCOMPARE(followed.out, QByteArray("out\n"));
        QCOMPARE(followed.err, QByteArray("err\n"));
        QCOMPARE(followed.exitCode, 3);
        // The job ran in the launcher's folder, not the engine's.
        QCOMPARE(home.cli({QStringLiteral("--follow"), QStringLiteral("2")}).out,
                 QDir(home.path("run")).absolutePath().section(u'/', 0, -2).toUtf8() + '\n');

        const QString exportPath = home.path("state") + QStringLiteral("/ran.jsonl");
        const clitest::Result waited = home.cli({QStringLiteral("--wait"), QStringLiteral("1"),
                                                 QStringLiteral("2"), QStringLiteral("--export"),
                                                 exportPath});
        QCOMPARE(waited.err, QByteArray());
        QCOMPARE(waited.exitCode, 1); // GNU parallel's: one job did not succeed
        const QList<QJsonObject> rows = clitest::readJsonLines(exportPath);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).value(QStringLiteral("exit_code")).toInt(), 3);
        QCOMPARE(rows.at(0).value(QStringLiteral("stdout")).toString(), QStringLiteral("out\n"));

        const QJsonObject status = home.status();
        QVERIFY(status.value(QStringLiteral("engine_pid")).toInteger() > 0);
        QVERIFY(!status.value(QStringLiteral("started")).toString().isEmpty());
        const QJsonArray jobs = status.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs.at(0).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(jobs.at(1).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("finished"));
        const QList<QByteArray> lines = home.cli({QStringLiteral("--status")}).out.split('\n');
        QCOMPARE(lines.size(), 3); // two and the last newline
        QVERIFY2(lines.at(0).simplified().startsWith("1 failed "), lines.at(0));
        QVERIFY2(lines.at(0).endsWith(" 3  echo out; echo err >&2; exit 3"), lines.at(0));
    }

    void detachedJobsHaveTheLaunchersEnvironment()
    {
        Home home;
        QCOMPARE(home.cli(detach({"exit 0"})).exitCode, 0); // the engine, started without it
        home.setEnv("PROCDECK_TEST_WORD", "from the launcher");
        QCOMPARE(home.cli(detach({"echo \"$PROCDECK_TEST_WORD\""})).out, QByteArray("2\n"));
        QCOMPARE(home.cli({"--follow", "2"}).out, QByteArray("from the launcher\n"));
    }

    void detachRefusesWhatNobodyWouldWrite_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--export") << QStringList{"--export", "x.jsonl"};
        QTest::newRow("--joblog") << QStringList{"--joblog", "x.log"};
        QTest::newRow("--output-dir") << QStringList{"--output-dir", "out"};
        // Limits of the engine's one start loop, which every client's jobs share.
        QTest::newRow("--load") << QStringList{"--load", "2"};
        QTest::newRow("--memfree") << QStringList{"--memfree", "1G"};
        QTest::newRow("--memsuspend") << QStringList{"--memsuspend", "1G"};
        QTest::newRow("--delay") << QStringList{"--delay", "1"};
        // How remote jobs run, which a submit's run_on has no place for yet.
        QTest::newRow("--slurm-allocate") << QStringList{"--slurm-allocate", "-n 2"};
        QTest::newRow("--ssh-workers") << QStringList{"-S", "otherhost", "--ssh-workers"};
    }

    void detachRefusesWhatNobodyWouldWrite()
    {
        QFETCH(QStringList, args);
        Home home;
        const clitest::Result r = home.cli(QStringList{"--detach", "--shell", "true"} + args);
        QCOMPARE(r.exitCode, 255);
        QVERIFY2(r.err.startsWith("procdeck-cli: ") && r.err.count('\n') == 1, r.err);
        QCOMPARE(r.out, QByteArray());
        QVERIFY(!QFile::exists(home.socketPath())); // handed nothing, started nothing
    }

    void detachRefusesRemoteFiles()
    {
        // A job's files on an ssh login: a submit has no place for them yet (they were dropped,
        // and the job ran there without them).
        Home home;
        const clitest::Result r = home.cli(
                {"--detach", "-S", "otherhost", "--trc", "{}.out", "echo", ":::", "a"});
        QCOMPARE(r.exitCode, 255);
        QCOMPARE(r.err, QByteArray("procdeck-cli: --transfer, --return, --cleanup and --wd on ssh "
                                   "logins do not go to the engine yet; run without --detach\n"));
        QVERIFY(!QFile::exists(home.socketPath()));
    }

    void followExitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::newRow("success") << QStringList{"--shell", "exit 0"} << 0;
        QTest::newRow("exit code") << QStringList{"--shell", "exit 7"} << 7;
        QTest::newRow("a signal: 128 + its number")
                << QStringList{"--shell", "kill -USR1 $$"} << 128 + SIGUSR1;
        QTest::newRow("timed out: 124")
                << QStringList{"--timeout", "0.5", "--shell", "sleep 30"} << 124;
    }

    void followExitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        Home home;
        QCOMPARE(home.cli(QStringList{"--detach"} + args).out, QByteArray("1\n"));
        QCOMPARE(home.cli({"--follow", "1"}).exitCode, status);
    }

    void followStreamsAsItComes()
    {
        Home home;
        const QString go = home.path("state") + QStringLiteral("/go");
        home.cli(detach({QStringLiteral("echo first; while [ ! -e %1 ]; do sleep 0.05; done; "
                                         "echo second")
                                 .arg(go)}));
        QProcess follower;
        home.start(follower, {"--follow", "1"});
        // The first line arrives while the job still runs: not held until its end.
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += follower.readAllStandardOutput()) == "first\n", 20000);
        QFile(go).open(QIODevice::WriteOnly);
        const clitest::Result rest = clitest::finish(follower);
        QCOMPARE(rest.out, QByteArray("second\n"));
        QCOMPARE(rest.exitCode, 0);
    }

    void killPauseResume()
    {
        Home home;
        QCOMPARE(home.cli(detach({"sleep 60", "sleep 60"})).out, QByteArray("1\n2\n"));
        QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), 20000);
        QCOMPARE(home.cli({"--pause", "1"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("paused"), 20000);
        QCOMPARE(home.cli({"--resume", "1"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), 20000);

        // An unknown number: one line, 255, and nothing done to the others.
        const clitest::Result unknown = home.cli({"--kill", "2", "9"});
        QCOMPARE(unknown.err, QByteArray("procdeck-cli: no job 9\n"));
        QCOMPARE(unknown.exitCode, 255);
        QCOMPARE(home.stateOf(2), QStringLiteral("running"));

        QCOMPARE(home.cli({"--kill", "1", "2"}).exitCode, 0);
        QCOMPARE(home.cli({"--wait", "1", "2"}).exitCode, 2);
        QCOMPARE(home.stateOf(1), QStringLiteral("killed"));
    }

    void waitWithoutNumbersWaitsForWhatIsAliveNow()
    {
        Home home;
        const QString gate = home.path("state") + QStringLiteral("/gate");
        const QString held = QStringLiteral("while [ ! -e %1 ]; do sleep 0.05; done; ").arg(gate);
        home.cli(detach({"exit 1", held + "exit 0", held + "exit 5"}));
        QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("failed"), 20000);
        QProcess waiter;
        home.start(waiter, {"--wait"});
        QTRY_COMPARE_WITH_TIMEOUT(home.status().value("waits").toInt(), 1, 20000);
        QFile(gate).open(QIODevice::WriteOnly);
        // Job 1 had ended: only 2 and 3 are waited for, and one of them fails.
        QCOMPARE(clitest::finish(waiter).exitCode, 1);
    }

    void stopEngineEndsJobsGracefully()
    {
        Home home;
        const QString said = home.path("state") + QStringLiteral("/term");
        home.cli(detach({QStringLiteral("trap 'echo term > %1; exit 0' TERM; echo up; "
                                        "sleep 60 & wait")
                                 .arg(said)}));
        QProcess follower; // the job is up (its trap set) once its first line is out
        home.start(follower, {"--follow", "1"});
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += follower.readAllStandardOutput()) == "up\n", 20000);
        const qint64 pid = home.status().value(QStringLiteral("engine_pid")).toInteger();
        QCOMPARE(home.cli({"--stop-engine"}).exitCode, 0);
        QVERIFY(!enginetest::alive(pid)); // gone before --stop-engine said 0
        QFile term(said);
        QVERIFY(term.open(QIODevice::ReadOnly));
        QCOMPARE(term.readAll(), QByteArray("term\n")); // its TERM trap ran
        clitest::finish(follower);
        QCOMPARE(home.cli({"--stop-engine"}).exitCode, 0); // none runs: nothing to stop
        QCOMPARE(home.cli({"--status"}).out, QByteArray());
    }

    void statusIsAnsweredWhileAnExportIsWritten()
    {
        // The engine writes an export on a worker thread: a FIFO nobody reads yet holds the
        // writer, and another client's status is answered meanwhile, the wait still pending.
        // The FIFO stays one (as GNU parallel's --joblog /dev/stdout): the rows come through it.
        Home home;
        QCOMPARE(home.cli({"--detach", "--template", "echo {}", "--range", "1..100"}).exitCode,
                 0);
        QStringList waitFor{QStringLiteral("--wait")};
        for (int n = 1; n <= 100; ++n)
            waitFor << QString::number(n);
        QCOMPARE(home.cli(waitFor).exitCode, 0);
        const QByteArray fifo = QFile::encodeName(home.path("state") + QStringLiteral("/x.jsonl"));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        // Whatever fails below, a writer held in open() is let go: the engine can then stop.
        const auto release = qScopeGuard(
                [&fifo] { ::close(::open(fifo.constData(), O_RDONLY | O_NONBLOCK)); });
        QProcess exporter;
        home.start(exporter, waitFor + QStringList{"--export", QFile::decodeName(fifo)});
        QTRY_COMPARE_WITH_TIMEOUT(home.status().value("waits").toInt(), 1, 20000);

        QFile reader(QFile::decodeName(fifo));
        QVERIFY(reader.open(QIODevice::ReadOnly)); // the writer is let through
        const QList<QByteArray> rows = reader.readAll().split('\n');
        QCOMPARE(rows.size(), 101); // and the last newline
        QVERIFY2(rows.at(99).contains("\"stdout\":\"100\\n\""), rows.at(99));
        const clitest::Result waited = clitest::finish(exporter);
        QCOMPARE(waited.err, QByteArray());
        QCOMPARE(waited.exitCode, 0);
        QVERIFY(!QFileInfo(reader.fileName()).isFile());
        QCOMPARE(home.status().value("waits").toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
