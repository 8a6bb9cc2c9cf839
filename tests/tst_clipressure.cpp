// Issue 17, "procdeck-cli under pressure": each reproduction of the CLI and export side, run
// against the real procdeck-cli (signals, pipes, full devices, file-size limits, bytes).
#include "core/runlog.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

#include "clitest.h"
#include "testutil.h"

namespace {
using clitest::finish;
using clitest::kDeadlineMs;
using clitest::readJsonLines;
using clitest::Result;
const QString kCli = QStringLiteral(PROCDECK_CLI_PATH);

Result runCli(const QStringList &args)
{
    QProcess p;
    p.start(kCli, args);
    return finish(p);
}

/// Runs a bash script with $CLI set: for pipes, ulimits and bytes that are not UTF-8.
Result runBash(const QString &script)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CLI"), kCli);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    return finish(p);
}

QList<QList<QByteArray>> readJobLogFields(const QString &path)
{
    QList<QList<QByteArray>> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) // the header first
        if (!lines[i].isEmpty())
            rows << lines[i].split('\t');
    return rows;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool oneLine(const QByteArray &err)
{
    return err.count('\n') == 1 && err.startsWith("procdeck-cli: ");
}
} // namespace

class TestCliPressure : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // 1
    void brokenPipeStopsPrintingNotRunning();
    void otherSignalsDoNotEndIt_data();
    void otherSignalsDoNotEndIt();
    void sigquitStopsLikeSigterm();
    // 2
    void slowReaderHoldsUpNoTimeoutAndNoSignal();
    void sigintWhileReaderIsStuck();
    // 4
    void exportStaysSmallUnderAddressSpaceLimit();
    void endedJobsKeepNoTail();
    // 5
    void outputThatCouldNotBeKeptIsSaid();
    void unwritableOutputDirIsRefusedBeforeAnyJob();
    void fullStdoutIsAnErrorLikeCat();
    // 6
    void jobLogRowsSurviveSigkill();
    // 7
    void timedOutJobIsMinusOneInJobLog();
    // 10
    void pathsAreCheckedBeforeTheFirstJob_data();
    void pathsAreCheckedBeforeTheFirstJob();
    void exportToStdout_data();
    void exportToStdout();
    void fullDiskIsNamed();
    // 11
    void argvBytesPassThrough();
    // 12
    void runFolderWithoutHistoryRowIsRemoved();
    void reusedOutputDirKeepsEachRunsFiles();
    // 13
    void hugeRangeIsRefused_data();
    void hugeRangeIsRefused();
    // 14
    void csvCellsFitPythonsLimit();
    void utf32NeverWritesLoneSurrogates();
    void batchFileNullsAndNulsAreRefused_data();
    void batchFileNullsAndNulsAreRefused();
    void markedTimeoutIsSaid();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestCliPressure::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8()); // keep runs out of $HOME
    qputenv("LC_ALL", "C");
}

void TestCliPressure::brokenPipeStopsPrintingNotRunning()
{
    const QString x = path(QStringLiteral("pipe.jsonl"));
    const Result r = runBash(QStringLiteral("\"$CLI\" -j4 --export '%1' --shell 'yes | head -c 100000' --shell 'sleep 1; echo one'"
                                            " --shell 'sleep 1.2 & sleep 1.3; wait' | head -c 10 >/dev/null;"
                                            " echo \"${PIPESTATUS[0]}\"")
                                 .arg(x));
    QCOMPARE(r.out, QByteArray("0\n")); // not 141: every job ran to its end
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 3);
    for (const QJsonObject &row : rows)
        QCOMPARE(row.value("state").toString(), QStringLiteral("finished"));
    QVERIFY(rows[2].value("duration_s").toDouble() >= 1.2);
}

void TestCliPressure::otherSignalsDoNotEndIt_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGUSR1") << int(SIGUSR1);
    QTest::newRow("SIGUSR2") << int(SIGUSR2);
    QTest::newRow("SIGALRM") << int(SIGALRM);
    QTest::newRow("SIGPIPE") << int(SIGPIPE);
    QTest::newRow("SIGRTMIN+3") << int(SIGRTMIN + 3);
}

void TestCliPressure::otherSignalsDoNotEndIt()
{
    QFETCH(int, sig);
    const QString x = path(QStringLiteral("sig%1.jsonl").arg(sig));
    const QString mark = path(QStringLiteral("sig%1.mark").arg(sig));
    QProcess p;
    p.start(kCli, {"--export", x, "--shell", QStringLiteral("touch '%1'; sleep 1; echo slept").arg(mark)});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), kDeadlineMs);
    ::kill(pid_t(p.processId()), sig);
    const Result r = finish(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("slept\n"));
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("finished"));
}

void TestCliPressure::sigquitStopsLikeSigterm()
{
    const QString x = path(QStringLiteral("quit.jsonl"));
    const QString mark = path(QStringLiteral("quit.mark"));
    QProcess p;
    p.start(kCli, {"--export", x, "--shell", QStringLiteral("touch '%1'; sleep 300 & sleep 301; wait").arg(mark)});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), kDeadlineMs);
    ::kill(pid_t(p.processId()), SIGQUIT);
    const Result r = finish(p);
    QCOMPARE(r.exitCode, 1); // the killed job counts as failed; no core dump, no orphan
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("killed"));
    QVERIFY(testutil::groupGone(rows[0].value("pid").toInteger()));
}

void TestCliPressure::slowReaderHoldsUpNoTimeoutAndNoSignal()
{
    // procdeck-cli's stdout: a pipe that is never read (64 KiB fill it), and 3 MB to print.
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    const QString x = path(QStringLiteral("slow.jsonl"));
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(fds[1]));
    p.start(kCli, {"-j", "2", "--timeout", "1", "--export", x, "--shell", "head -c 3000000 /dev/zero", "--shell",
                   "sleep 30"});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QElapsedTimer clock;
    clock.start();
    // The timeout fires on time although the printing is stuck: the export is in place early.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(x), 20000);
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].value("state").toString(), QStringLiteral("timed_out"));
    QVERIFY2(rows[1].value("duration_s").toDouble() < 5, qPrintable(QString::number(rows[1].value("duration_s").toDouble())));
    // Still waiting for the reader; SIGINT ends it at once.
    QCOMPARE(p.state(), QProcess::Running);
    clock.restart();
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(p.exitCode(), 1);
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestCliPressure::sigintWhileReaderIsStuck()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    const QString x = path(QStringLiteral("stuck.jsonl"));
    const QString jl = path(QStringLiteral("stuck.joblog"));
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(fds[1]));
    p.start(kCli, {"-j", "2", "--export", x, "--joblog", jl, "--shell", "head -c 3000000 /dev/zero", "--shell", "sleep 300"});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QTRY_COMPARE_WITH_TIMEOUT(readJobLogFields(jl).size(), 1, kDeadlineMs); // its 3 MB are stuck in the printing
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(kDeadlineMs));
    QVERIFY2(clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(p.exitCode(), 1);
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].value("state").toString(), QStringLiteral("finished"));
    QCOMPARE(rows[1].value("state").toString(), QStringLiteral("killed"));
    QVERIFY(testutil::groupGone(rows[1].value("pid").toInteger()));
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestCliPressure::exportStaysSmallUnderAddressSpaceLimit()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's shadow memory needs more address space than any limit that means something here");
#endif
    // 8 jobs × 50 MB of NUL bytes with an export, in 150 MB of address space: each row is
    // written as its job ends, never the whole file in memory.
    const QString x = path(QStringLiteral("ulimit.jsonl"));
    const Result r = runBash(QStringLiteral("ulimit -v 150000; exec \"$CLI\" -j 8 --quiet --no-history --export '%1'"
                                            " --template 'head -c 50000000 /dev/zero # {}' --range 1..8")
                                 .arg(x));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QByteArray());
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 8);
    for (const QJsonObject &row : rows) {
        QCOMPARE(row.value("stdout_bytes").toInteger(), 50000000);
        QVERIFY(row.value("stdout_truncated").toBool());
    }
}

void TestCliPressure::endedJobsKeepNoTail()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's shadow memory needs more address space than any limit that means something here");
#endif
    // 300 jobs × 1.1 MB: 330 MB if each ended job kept its tail, in 200 MB of address space.
    const Result r = runBash(QStringLiteral("ulimit -v 200000; exec \"$CLI\" -j 8 --quiet --no-history"
                                            " --template 'head -c 1100000 /dev/urandom # {}' --range 1..300"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QByteArray());
}

void TestCliPressure::outputThatCouldNotBeKeptIsSaid()
{
    // The output folder takes 200 KiB a file; the job prints 1 MB.
    const QString dir = path(QStringLiteral("small-disk"));
    const QString jl = path(QStringLiteral("small-disk.joblog"));
    const Result r = runBash(QStringLiteral("ulimit -f 200; exec \"$CLI\" --quiet --output-dir '%1' --joblog '%2'"
                                            " --export - --shell 'head -c 1000000 /dev/zero'")
                                 .arg(dir, jl));
    QCOMPARE(r.exitCode, 255);
    QVERIFY2(r.err.contains("job 1 (head -c 1000000 /dev/zero): its stdout could not all be kept: File too large"), r.err);
    QCOMPARE(readJobLogFields(jl).size(), 1); // the job itself ran and is logged
    // The export (on stdout, which the limit does not reach) names no file that lacks bytes.
    const QJsonObject row = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(row.value("stdout_bytes").toInteger(), 1000000);
    QVERIFY(row.value("stdout_file").isNull());
    QVERIFY(!row.value("notes").toString().isEmpty());
}

void TestCliPressure::unwritableOutputDirIsRefusedBeforeAnyJob()
{
    const QString file = path(QStringLiteral("a-file"));
    QVERIFY(QFile(file).open(QIODevice::WriteOnly));
    const QString mark = path(QStringLiteral("outdir.mark"));
    const Result r = runCli({"--output-dir", file + QStringLiteral("/sub"), "--shell", QStringLiteral("touch '%1'").arg(mark)});
    QCOMPARE(r.exitCode, 255);
    QVERIFY(oneLine(r.err));
    QVERIFY2(r.err.contains("--output-dir: cannot create '" + (file + QStringLiteral("/sub")).toUtf8() + "': Not a directory"), r.err);
    QVERIFY(!QFile::exists(mark));
}

void TestCliPressure::fullStdoutIsAnErrorLikeCat()
{
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(kCli, {"--shell", "head -c 1000000 /dev/zero"});
    const Result r = finish(p);
    QCOMPARE(r.exitCode, 255);
    QCOMPARE(r.err, QByteArray("procdeck-cli: standard output: No space left on device\n"));
}

void TestCliPressure::jobLogRowsSurviveSigkill()
{
    const QString jl = path(QStringLiteral("killed.joblog"));
    const QString pidFile = path(QStringLiteral("killed.pid"));
    const QString again = path(QStringLiteral("killed.again"));
    // Job 4 waits (the first time); 1–3 end at once.
    const QString job = QStringLiteral("if [ {} = 4 ] && [ ! -e '%1' ]; then echo $$ > '%2'; exec sleep 300; fi; echo {}")
                            .arg(again, pidFile);
    QProcess p;
    p.start(kCli, {"-j", "4", "--quiet", "--joblog", jl, "--template", job, "--range", "1..4"});
    QVERIFY(p.waitForStarted(kDeadlineMs));
    QTRY_COMPARE_WITH_TIMEOUT(readJobLogFields(jl).size(), 3, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(!readFile(pidFile).trimmed().isEmpty(), kDeadlineMs);
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(kDeadlineMs));
    ::kill(-pid_t(readFile(pidFile).trimmed().toInt()), SIGKILL); // what a guardian would do
    QCOMPARE(readJobLogFields(jl).size(), 3);
    // --resume runs only job 4.
    QVERIFY(QFile(again).open(QIODevice::WriteOnly));
    const Result r = runCli({"--joblog", jl, "--resume", "--template", job, "--range", "1..4"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("4\n"));
    const QList<QList<QByteArray>> rows = readJobLogFields(jl);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[3][0], QByteArray("4"));
}

void TestCliPressure::timedOutJobIsMinusOneInJobLog()
{
    const QString jl = path(QStringLiteral("timeout.joblog"));
    const QString done = path(QStringLiteral("timeout.done"));
    const QString ran = path(QStringLiteral("timeout.ran"));
    // The shell exits 0 on SIGTERM: GNU parallel still writes Exitval -1.
    const QString job = QStringLiteral("touch '%1'; [ -e '%2' ] && exit 0; trap 'exit 0' TERM; sleep 30 & wait # {}").arg(ran, done);
    Result r = runCli({"--quiet", "--timeout", "1", "--joblog", jl, "--template", job, "--values", "x"});
    QCOMPARE(r.exitCode, 1);
    QList<QList<QByteArray>> rows = readJobLogFields(jl);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][6], QByteArray("-1"));
    // --resume-failed runs it again.
    QVERIFY(QFile::remove(ran));
    QVERIFY(QFile(done).open(QIODevice::WriteOnly));
    r = runCli({"--quiet", "--timeout", "1", "--joblog", jl, "--resume-failed", "--template", job, "--values", "x"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(ran));
    rows = readJobLogFields(jl);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1][6], QByteArray("0"));
}

void TestCliPressure::pathsAreCheckedBeforeTheFirstJob_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("export in a missing folder") << "--export" << "/nonexistent/x.jsonl" << "No such file or directory";
    QTest::newRow("joblog in a missing folder") << "--joblog" << "/nonexistent/x.joblog" << "No such file or directory";
    QTest::newRow("export is a folder") << "--export" << "/" << "";
}

void TestCliPressure::pathsAreCheckedBeforeTheFirstJob()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    const QString mark = path(QStringLiteral("early.mark"));
    QElapsedTimer clock;
    clock.start();
    const Result r = runCli({option, value, "--shell", QStringLiteral("touch '%1'; sleep 5").arg(mark)});
    QCOMPARE(r.exitCode, 255);
    QVERIFY(clock.elapsed() < 4000);
    QVERIFY(!QFile::exists(mark));
    QVERIFY(oneLine(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("%1: cannot write '%2': %3").arg(option, value, reason).toUtf8()), r.err);
}

void TestCliPressure::exportToStdout_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("-") << "-";
    QTest::newRow("/dev/stdout") << "/dev/stdout";
}

void TestCliPressure::exportToStdout()
{
    QFETCH(QString, target);
    const Result r = runCli({"--export", target, "--shell", "echo printed"});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QByteArray("printed"));
    const QJsonObject row = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(row.value("stdout").toString(), QStringLiteral("printed\n"));
}

void TestCliPressure::fullDiskIsNamed()
{
    const Result r = runCli({"--quiet", "--export", "/dev/full", "--shell", "echo hi"});
    QCOMPARE(r.exitCode, 255);
    QCOMPARE(r.err, QByteArray("procdeck-cli: cannot write '/dev/full': No space left on device\n"));
}

void TestCliPressure::argvBytesPassThrough()
{
    const QString values = path(QStringLiteral("latin1.values"));
    QFile v(values);
    QVERIFY(v.open(QIODevice::WriteOnly));
    v.write("caf\xe9\n");
    v.close();
    const QString jl = path(QStringLiteral("bytes.joblog"));
    const Result r = runBash(QStringLiteral("\"$CLI\" -- printf '%s|' $'caf\\xe9';"
                                            " \"$CLI\" --shell $'printf \"%s|\" caf\\xe9';"
                                            " \"$CLI\" --joblog '%1' --template \"printf '%s|' {}\" --values-file '%2'")
                                 .arg(jl, values));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("caf\xe9|caf\xe9|caf\xe9|"));
    const QList<QList<QByteArray>> rows = readJobLogFields(jl);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][8], QByteArray("printf '%s|' 'caf\xe9'")); // the command's own bytes
}

void TestCliPressure::runFolderWithoutHistoryRowIsRemoved()
{
    const QString data = path(QStringLiteral("nohistory-data"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data);
    p.setProcessEnvironment(env);
    p.start(kCli, {"--no-history", "--template", "echo {}", "--range", "1..20"});
    const Result r = finish(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 20); // printed from the run folder before it went
    const QDir runs(data + QStringLiteral("/procdeck/runs"));
    QCOMPARE(runs.entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCliPressure::reusedOutputDirKeepsEachRunsFiles()
{
    const QString dir = path(QStringLiteral("reused"));
    const QString first = path(QStringLiteral("reused-1.jsonl"));
    const QString second = path(QStringLiteral("reused-2.jsonl"));
    QCOMPARE(runCli({"--quiet", "--output-dir", dir, "--export", first, "--shell", "echo first"}).exitCode, 0);
    QCOMPARE(runCli({"--quiet", "--output-dir", dir, "--export", second, "--shell", "echo second"}).exitCode, 0);
    const QString a = readJsonLines(first).value(0).value("stdout_file").toString();
    const QString b = readJsonLines(second).value(0).value("stdout_file").toString();
    QVERIFY(a.startsWith(dir + QLatin1Char('/')));
    QVERIFY(b.startsWith(dir + QLatin1Char('/')));
    QVERIFY(a != b);
    QCOMPARE(readFile(a), QByteArray("first\n"));
    QCOMPARE(readFile(b), QByteArray("second\n"));
}

void TestCliPressure::hugeRangeIsRefused_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("says");
    QTest::newRow("the whole of int64") << "-9223372036854775808..9223372036854775807" << "too large";
    QTest::newRow("backwards") << "9223372036854775807..-9223372036854775808" << "too large";
    QTest::newRow("past int64") << "1..99999999999999999999" << "99999999999999999999 is out of range";
}

void TestCliPressure::hugeRangeIsRefused()
{
    QFETCH(QString, range);
    QFETCH(QString, says);
    const Result r = runCli({"--template", "echo {}", "--range", range});
    QCOMPARE(r.exitCode, 255);
    QVERIFY(oneLine(r.err));
    QVERIFY2(r.err.contains(says.toUtf8()), r.err);
}

void TestCliPressure::csvCellsFitPythonsLimit()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    const QString x = path(QStringLiteral("cells.csv"));
    QCOMPARE(runCli({"--quiet", "--export", x, "--shell", "head -c 300000 /dev/zero | tr '\\0' a; echo"}).exitCode, 0);
    QProcess p;
    p.start(python, {"-c", "import csv, sys\n"
                           "row = next(csv.DictReader(open(sys.argv[1], newline='')))\n"
                           "print(len(row['stdout']), row['stdout_truncated'], row['stdout_bytes'])\n"
                           "print(row['notes'])",
                     x});
    const Result r = finish(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("131072 true 300001\nstdout cut to the last 131072 characters in this CSV\n"));
}

void TestCliPressure::utf32NeverWritesLoneSurrogates()
{
    const QString x = path(QStringLiteral("utf32.jsonl"));
    // U+D800 as UTF-32, little- and big-endian, between two letters.
    QCOMPARE(runCli({"--quiet", "--encoding", "UTF-32", "--export", x, "--shell",
                     "printf 'A\\000\\000\\000\\000\\330\\000\\000\\000\\000\\330\\000B\\000\\000\\000'"})
                 .exitCode,
             0);
    const QByteArray bytes = readFile(x);
    QVERIFY(!bytes.isEmpty());
    QStringDecoder strict(QStringDecoder::Utf8);
    const QString text = strict.decode(bytes);
    QVERIFY2(!strict.hasError(), bytes);
    QVERIFY(!bytes.contains("\\ud800"));
    const QString out = QJsonDocument::fromJson(bytes).object().value("stdout").toString();
    for (const QChar c : out)
        QVERIFY(!c.isSurrogate());
}

void TestCliPressure::batchFileNullsAndNulsAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("says");
    QTest::newRow("null arg") << QByteArray(R"({"jobs": [{"program": "echo", "args": ["a", null]}]})")
                              << "jobs[0].args[1]: expected a string, not null";
    QTest::newRow("object arg") << QByteArray(R"({"jobs": [{"command": "true"}, {"program": "echo", "args": [{"x": 1}]}]})")
                                << "jobs[1].args[0]: expected a string, not an object";
    QTest::newRow("null env") << QByteArray(R"({"jobs": [{"command": "true", "env": {"HOME": null}}]})")
                              << "jobs[0].env.HOME: expected a string, not null";
    QTest::newRow("object in defaults' env") << QByteArray(R"({"defaults": {"env": {"X": {}}}, "jobs": [{"command": "true"}]})")
                                             << "defaults.env.X: expected a string, not an object";
    QTest::newRow("NUL in a command") << QByteArray(R"({"jobs": [{"command": "echo a\u0000; rm -rf b"}]})")
                                      << "jobs[0].command: holds a NUL character";
    QTest::newRow("null template value") << QByteArray(R"({"template": {"command": "echo {}", "values": [1, null]}})")
                                         << "template.values[1]: expected a string, not null";
}

void TestCliPressure::batchFileNullsAndNulsAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, says);
    const QString file = path(QStringLiteral("refused.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json);
    f.close();
    const Result r = runCli({"--batch", file});
    QCOMPARE(r.exitCode, 255);
    QVERIFY(oneLine(r.err));
    QVERIFY2(r.err.contains(says.toUtf8()), r.err);
}

void TestCliPressure::markedTimeoutIsSaid()
{
    const QString x = path(QStringLiteral("mark.jsonl"));
    const Result r = runCli({"--quiet", "--timeout", "0.3", "--timeout-action", "mark", "--export", x, "--shell", "sleep 1"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("job 1 (sleep 1) ran past its 0.3 s timeout (--timeout-action mark) and then succeeded"), r.err);
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows[0].value("timed_out").toBool());
    QVERIFY2(rows[0].value("notes").toString().contains(QLatin1String("ran past its 0.3 s timeout")),
             qPrintable(rows[0].value("notes").toString()));
}

QTEST_GUILESS_MAIN(TestCliPressure)
#include "tst_clipressure.moc"
