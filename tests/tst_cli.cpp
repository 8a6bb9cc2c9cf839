#include "core/process/processgroup.h"
#include "core/export/runlog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include "clitest.h"
#include "testutil.h"

namespace {
using clitest::kDeadlineMs;
using clitest::readJsonLines;

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &args, const QString &cwd = QString())
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(QStringLiteral(PROCDECK_CLI_PATH), args);
    const clitest::Result r = clitest::finish(p);
    return {r.exitCode, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitStatusCountsFailures_data();
    void exitStatusCountsFailures();
    void moreThanHundredFailuresIs101();
    void printsEachJobWholeInOrderOfEnding();
    void exportHasEveryField();
    void timeoutScenario();
    void cp949OutputInExport();
    void badInputMessages_data();
    void badInputMessages();
    void nothingToRunIsSaidOnATerminal();
    void missingProgramIsAFailedJob();
    void sigtermKillsGroupsAndStillExports();
    void jobLogAndResumeFailed();
    void resumeSkipsWhatRan();
    void gnuParallelResumesFromOurJobLog();
    void batchFiles();
    void commandsFileAndFormat();

private:
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8()); // keep runs out of $HOME
}

void TestCli::exitStatusCountsFailures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::newRow("all good") << QStringList{"--quiet", "--template", "exit 0", "--range", "1..3"} << 0;
    QTest::newRow("two of three fail") << QStringList{"--quiet", "-j", "1", "--template", "exit {}", "--values", "0,1,2"} << 2;
    QTest::newRow("argv job") << QStringList{"--quiet", "--", "sh", "-c", "exit 5"} << 1;
    QTest::newRow("crash counts") << QStringList{"--quiet", "--shell", "kill -KILL $$", "--shell", "true"} << 1;
}

void TestCli::exitStatusCountsFailures()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    const CliResult r = runCli(args);
    QCOMPARE(r.exitCode, status);
}

void TestCli::moreThanHundredFailuresIs101()
{
    const CliResult r = runCli({"--quiet", "-j", "16", "--template", "exit 1", "--range", "1..101"});
    QCOMPARE(r.exitCode, 101);
}

void TestCli::printsEachJobWholeInOrderOfEnding()
{
    // Job 1 prints in two halves around a pause; job 2 prints meanwhile. Output is never interleaved.
    const CliResult r = runCli({"-j", "2", "--shell", "printf 'a1 '; sleep 0.5; printf 'a2\\n'",
                                "--shell", "printf 'b\\n'; echo e >&2"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("b\na1 a2\n"));
    QCOMPARE(r.err, QStringLiteral("e\n"));
}

void TestCli::exportHasEveryField()
{
    const QString path = m_dir.filePath(QStringLiteral("fields.jsonl"));
    const CliResult r = runCli({"--quiet", "-j", "1", "--export", path, "--shell", "echo hi; echo bye >&2",
                                "--shell", "exit 4"});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> rows = readJsonLines(path);
    QCOMPARE(rows.size(), 2);
    for (const char *key : {"seq", "command", "state", "exit_code", "signal", "timed_out", "started", "finished",
                            "duration_s", "stdout", "stderr", "stdout_bytes", "stderr_bytes", "encoding", "cwd", "error"})
        QVERIFY2(rows[0].contains(QLatin1String(key)), key);
    const QJsonObject &a = rows[0];
    QCOMPARE(a.value("seq").toInt(), 1);
    QCOMPARE(a.value("command").toString(), QStringLiteral("echo hi; echo bye >&2"));
    QCOMPARE(a.value("state").toString(), QStringLiteral("finished"));
    QCOMPARE(a.value("exit_code").toInt(), 0);
    QVERIFY(a.value("signal").isNull());
    QCOMPARE(a.value("timed_out").toBool(), false);
    QCOMPARE(a.value("stdout").toString(), QStringLiteral("hi\n"));
    QCOMPARE(a.value("stderr").toString(), QStringLiteral("bye\n"));
    QCOMPARE(a.value("stdout_bytes").toInt(), 3);
    QCOMPARE(a.value("stderr_bytes").toInt(), 4);
    QCOMPARE(a.value("encoding").toString(), QStringLiteral("UTF-8"));
    QVERIFY(a.value("error").isNull());
    const QDateTime started = QDateTime::fromString(a.value("started").toString(), Qt::ISODateWithMs);
    const QDateTime finished = QDateTime::fromString(a.value("finished").toString(), Qt::ISODateWithMs);
    QVERIFY(started.isValid() && finished.isValid());
    QCOMPARE(started.timeSpec(), Qt::UTC);
    QVERIFY(a.value("started").toString().endsWith(QLatin1Char('Z')));
    QVERIFY(a.value("duration_s").toDouble() >= 0);
    QVERIFY(a.value("duration_s").toDouble() <= started.msecsTo(finished) / 1000.0 + 0.05);
    QCOMPARE(rows[1].value("seq").toInt(), 2);
    QCOMPARE(rows[1].value("state").toString(), QStringLiteral("failed"));
    QCOMPARE(rows[1].value("exit_code").toInt(), 4);
}

void TestCli::timeoutScenario()
{
    const QString path = m_dir.filePath(QStringLiteral("timeout.jsonl"));
    QElapsedTimer clock;
    clock.start();
    const CliResult r = runCli({"--timeout", "1", "--grace", "1", "--export", path, "--shell", "sleep 317 & sleep 318; wait"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    // The end told in order (EndReason): "Timed out: SIGTERM at 1 s…".
    QVERIFY2(r.err.contains(QLatin1String("Timed out: SIGTERM at 1 s")), qPrintable(r.err));
    const QList<QJsonObject> rows = readJsonLines(path);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("timed_out"));
    QCOMPARE(rows[0].value("timed_out").toBool(), true);
    QVERIFY(testutil::groupGone(rows[0].value("pid").toInteger()));
}

void TestCli::cp949OutputInExport()
{
    const QString path = m_dir.filePath(QStringLiteral("cp949.jsonl"));
    const CliResult r = runCli({"--quiet", "--encoding", "CP949", "--export", path, "--shell",
                                "printf '\\276'; sleep 0.3; printf '\\310\\263\\347'"});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = readJsonLines(path);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("stdout").toString(), QStringLiteral("안녕"));
    QCOMPARE(rows[0].value("stdout_bytes").toInt(), 4);
    QCOMPARE(rows[0].value("encoding").toString(), QStringLiteral("CP949"));
}

void TestCli::badInputMessages_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    QTest::newRow("range") << QStringList{"--template", "echo {}", "--range", "5..x"} << "'5..x'";
    QTest::newRow("cwd") << QStringList{"--cwd", "/procdeck/nope", "--shell", "true"} << "'/procdeck/nope'";
    QTest::newRow("encoding") << QStringList{"--encoding", "klingon-8", "--shell", "true"} << "'klingon-8'";
    QTest::newRow("empty template") << QStringList{"--template", "", "--values", "1"} << "empty template";
    QTest::newRow("timeout") << QStringList{"--timeout", "soon", "--shell", "true"} << "'soon'";
    QTest::newRow("action") << QStringList{"--timeout-action", "maybe", "--shell", "true"} << "'maybe'";
    QTest::newRow("env") << QStringList{"--env", "NOEQUALS", "--shell", "true"} << "'NOEQUALS'";
    QTest::newRow("jobs") << QStringList{"-j", "0", "--shell", "true"} << "'0'";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
    // The window's option (procdeck --in-window), in either form of the command line.
    const QString windows = QStringLiteral("--in-window is the window's (procdeck --in-window");
    QTest::newRow("--in-window, parallel's form")
            << QStringList{"--in-window", "-j2", "echo", ":::", "a"} << windows;
    QTest::newRow("--in-window, own form") << QStringList{"--in-window", "--shell", "true"}
                                           << windows;
}

void TestCli::badInputMessages()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const CliResult r = runCli(args);
    QCOMPARE(r.exitCode, 255);
    QVERIFY2(r.err.contains(named), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line
    QVERIFY(r.err.startsWith(QLatin1String("procdeck-cli: ")));
}

void TestCli::nothingToRunIsSaidOnATerminal()
{
    // Without a command, parallel's way is to run the lines of standard input (issue 27.1); a
    // terminal there is a person who forgot the command: they are told what to give.
    QProcess onATerminal; // script(1) gives it a pseudo-terminal as its standard input
    onATerminal.start(QStringLiteral("script"),
                      {QStringLiteral("-qec"), QStringLiteral(PROCDECK_CLI_PATH), QStringLiteral("/dev/null")});
    onATerminal.closeWriteChannel();
    const clitest::Result told = clitest::finish(onATerminal);
    QCOMPARE(told.exitCode, 255);
    QVERIFY2(told.out.contains("nothing to run: give -- PROGRAM, --shell or --template, or commands "
                               "on standard input"),
             told.out.constData());
    QProcess emptyInput; // parallel runs nothing and says nothing, and so does ProcDeck
    emptyInput.start(QStringLiteral(PROCDECK_CLI_PATH), {QStringLiteral("-j2")});
    emptyInput.closeWriteChannel();
    const clitest::Result quiet = clitest::finish(emptyInput);
    QCOMPARE(quiet.exitCode, 0);
    QCOMPARE(quiet.out + quiet.err, QByteArray());
}

void TestCli::missingProgramIsAFailedJob()
{
    const CliResult r = runCli({"--", "procdeck-no-such-program", "x"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("'procdeck-no-such-program'")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("No such file or directory")), qPrintable(r.err));
}

void TestCli::sigtermKillsGroupsAndStillExports()
{
    const QString path = m_dir.filePath(QStringLiteral("sigterm.jsonl"));
    const QString mark = m_dir.filePath(QStringLiteral("started.mark"));
    QProcess p;
    // -j 2: both run at once; SIGTERM only once the second has ended and been printed (a
    // queued job it cancels would count as a second failure).
    p.start(QStringLiteral(PROCDECK_CLI_PATH),
            {"-j", "2", "--export", path, "--shell",
             QStringLiteral("echo started; sleep 300 & touch '%1'; sleep 300; wait").arg(mark),
             "--shell", "echo second-ended"});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += p.readAllStandardOutput()).contains("second-ended")
                                     && QFile::exists(mark),
                             kDeadlineMs);
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(kDeadlineMs));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1); // the killed job counts as failed
    const QList<QJsonObject> rows = readJsonLines(path);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("killed"));
    QCOMPARE(rows[0].value("stdout").toString(), QStringLiteral("started\n"));
    QCOMPARE(rows[1].value("state").toString(), QStringLiteral("finished"));
    QVERIFY(testutil::groupGone(rows[0].value("pid").toInteger()));
}

void TestCli::jobLogAndResumeFailed()
{
    const QString jl = m_dir.filePath(QStringLiteral("resume-failed.joblog"));
    CliResult r = runCli({"--quiet", "-j", "1", "--joblog", jl, "--template", "exit {}", "--values", "0,1,2"});
    QCOMPARE(r.exitCode, 2);
    QFile file(jl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines[0], QByteArray("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand"));
    QCOMPARE(lines.size(), 5); // header, three rows, and the final newline's empty tail
    for (int i = 0; i < 3; ++i) {
        const QList<QByteArray> f = lines[i + 1].split('\t');
        QCOMPARE(f.size(), 9);
        QCOMPARE(f[0].toInt(), i + 1);   // Seq
        QCOMPARE(f[1], QByteArray(":")); // Host
        QVERIFY(f[2].toDouble() > 1.6e9); // Starttime: epoch seconds
        QCOMPARE(f[6].toInt(), i);       // Exitval
        QCOMPARE(f[7].toInt(), 0);       // Signal
        QCOMPARE(f[8], QStringLiteral("exit %1").arg(i).toUtf8());
    }
    file.close();
    // Now the failed ones pass: only jobs 2 and 3 run again, under their own numbers.
    const QString mark = m_dir.filePath(QStringLiteral("ran-"));
    r = runCli({"--quiet", "--joblog", jl, "--resume-failed", "--template", QStringLiteral("touch '%1'{#}; exit 0").arg(mark),
                "--values", "0,1,2"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!QFile::exists(mark + QStringLiteral("1")));
    QVERIFY(QFile::exists(mark + QStringLiteral("2")));
    QVERIFY(QFile::exists(mark + QStringLiteral("3")));
    QList<procdeck::runlog::JobLogRow> rows;
    QString error;
    QVERIFY2(procdeck::runlog::readJobLog(jl, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), 5); // the earlier rows kept, the reruns appended as they ended (as GNU parallel's)
    QCOMPARE(QSet<int>({rows[3].seq, rows[4].seq}), QSet<int>({2, 3}));
    QVERIFY(rows[3].succeeded() && rows[4].succeeded());
    // Everything has succeeded now: nothing left to run.
    r = runCli({"--quiet", "--joblog", jl, "--resume-failed", "--template", "exit 9", "--values", "0,1,2"});
    QCOMPARE(r.exitCode, 0);
}

void TestCli::resumeSkipsWhatRan()
{
    const QString jl = m_dir.filePath(QStringLiteral("resume.joblog"));
    QVERIFY(runCli({"--quiet", "--joblog", jl, "--template", "exit {}", "--values", "0,1"}).exitCode == 1);
    // --resume skips jobs 1 and 2 whatever their outcome, and runs the new job 3.
    const CliResult r = runCli({"--quiet", "--joblog", jl, "--resume", "--template", "exit {}", "--values", "0,1,5"});
    QCOMPARE(r.exitCode, 1); // only job 3 ran, and failed
    QList<procdeck::runlog::JobLogRow> rows;
    QString error;
    QVERIFY(procdeck::runlog::readJobLog(jl, &rows, &error));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[2].seq, 3);
    QCOMPARE(rows[2].exitValue, 5);
    QCOMPARE(runCli({"--resume", "--shell", "true"}).exitCode, 255); // needs --joblog
}

void TestCli::gnuParallelResumesFromOurJobLog()
{
    if (QStandardPaths::findExecutable(QStringLiteral("parallel")).isEmpty())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    const QString jl = m_dir.filePath(QStringLiteral("for-parallel.joblog"));
    QCOMPARE(runCli({"--quiet", "-j", "1", "--joblog", jl, "--template", "exit {}", "--values", "0,1,2"}).exitCode, 2);
    QProcess parallel;
    parallel.start(QStringLiteral("parallel"), {"--will-cite", "--joblog", jl, "--resume-failed", "echo rerun {#}; exit {}", ":::", "0", "1", "2"});
    QVERIFY(parallel.waitForFinished(kDeadlineMs));
    const QString out = QString::fromUtf8(parallel.readAllStandardOutput());
    QCOMPARE(QStringList(out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)), (QStringList{"rerun 2", "rerun 3"}));
}

void TestCli::batchFiles()
{
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.json"));
    QFile t(truncated);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("{\"name\": \"t\",\n \"jobs\": [{\"command\": \"sleep 1\"},\n  {\"comm");
    t.close();
    CliResult r = runCli({"--batch", truncated});
    QCOMPARE(r.exitCode, 255);
    QVERIFY2(r.err.contains(truncated + QStringLiteral(":3:")), qPrintable(r.err));

    const QString good = m_dir.filePath(QStringLiteral("good.json"));
    QFile g(good);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(R"({"max_parallel": 3, "jobs": [{"command": "sleep 0.5; echo a"}, {"command": "sleep 0.5"}, {"program": "sleep", "args": ["0.5"]}]})");
    g.close();
    const QString path = m_dir.filePath(QStringLiteral("batch.jsonl"));
    r = runCli({"--batch", good, "--export", path});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = readJsonLines(path);
    QCOMPARE(rows.size(), 3);
    QString latestStart;
    QString earliestEnd;
    for (const QJsonObject &row : rows) {
        latestStart = qMax(latestStart, row.value("started").toString());
        earliestEnd = earliestEnd.isEmpty() ? row.value("finished").toString() : qMin(earliestEnd, row.value("finished").toString());
    }
    QVERIFY2(latestStart < earliestEnd, "the batch file's jobs ran in parallel");
}

void TestCli::commandsFileAndFormat()
{
    const QString commands = m_dir.filePath(QStringLiteral("commands.txt"));
    QFile c(commands);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write("echo one\n\necho two\n");
    c.close();
    const QString path = m_dir.filePath(QStringLiteral("report-without-extension"));
    CliResult r = runCli({"--quiet", "--commands-file", commands, "--export", path, "--format", "csv"});
    QCOMPARE(r.exitCode, 0);
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("seq,command,"));
    QCOMPARE(runCli({"--shell", "true", "--export", path, "--format", "xml"}).exitCode, 255);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
