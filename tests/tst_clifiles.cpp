// Issue 17, "procdeck-cli under pressure": the reproductions of the run logs and of what goes in
// (points 7 and 10-14): joblog -1, paths checked first, bytes, run folders, ranges, CSV cells,
// UTF-32, batch files and --timeout-action mark, against the real procdeck-cli.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include "clitest.h"
#include "testutil.h"

namespace {
using namespace clitest;
const QString &kCli = cliPath();

/// bash running procdeck-cli with `rest` (its arguments, then perhaps "| reader") under strace,
/// which holds each mkdir(2) 0.3 s on its way back, the spill writer's among them (it makes sure
/// of the job's folder, then opens the file). LeakSanitizer does not run under ptrace.
QString withSlowMkdir(const QString &rest)
{
    return QStringLiteral("ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace"
                          " -f -o /dev/null --seccomp-bpf -e trace=mkdir,mkdirat"
                          " -e inject=mkdir,mkdirat:delay_exit=300000 \"$CLI\" ")
        + rest;
}

bool canTrace()
{
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    return !strace.isEmpty() && QProcess::execute(strace, {"-o", "/dev/null", "true"}) == 0;
}
} // namespace

class TestCliFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
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
    void spillFileMadeLateIsWhereTheExportSays();
    void streamedExportRowComesAfterItsFiles();
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

void TestCliFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8()); // keep runs out of $HOME
    qputenv("LC_ALL", "C");
}

void TestCliFiles::timedOutJobIsMinusOneInJobLog()
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

void TestCliFiles::pathsAreCheckedBeforeTheFirstJob_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("export in a missing folder") << "--export" << "/nonexistent/x.jsonl" << "No such file or directory";
    QTest::newRow("joblog in a missing folder") << "--joblog" << "/nonexistent/x.joblog" << "No such file or directory";
    QTest::newRow("export is a folder") << "--export" << "/" << "";
}

void TestCliFiles::pathsAreCheckedBeforeTheFirstJob()
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

void TestCliFiles::exportToStdout_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("-") << "-";
    QTest::newRow("/dev/stdout") << "/dev/stdout";
}

void TestCliFiles::exportToStdout()
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

void TestCliFiles::fullDiskIsNamed()
{
    const Result r = runCli({"--quiet", "--export", "/dev/full", "--shell", "echo hi"});
    QCOMPARE(r.exitCode, 255);
    QCOMPARE(r.err, QByteArray("procdeck-cli: cannot write '/dev/full': No space left on device\n"));
}

void TestCliFiles::argvBytesPassThrough()
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

void TestCliFiles::runFolderWithoutHistoryRowIsRemoved()
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

void TestCliFiles::reusedOutputDirKeepsEachRunsFiles()
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

void TestCliFiles::spillFileMadeLateIsWhereTheExportSays()
{
    // reusedOutputDirKeepsEachRunsFiles' flake, made certain: the spill writer was held between
    // its mkdir and its open, procdeck-cli removed its run folder as empty meanwhile, the file
    // was never made, and the export named it all the same.
    if (!canTrace())
        QSKIP("strace is not installed, or may not trace here");
    const QString x = path(QStringLiteral("late.jsonl"));
    const Result r = runBash(withSlowMkdir(
            QStringLiteral("--quiet --no-history --output-dir '%1' --export '%2' --shell 'echo late'")
                    .arg(path(QStringLiteral("late")), x)));
    QCOMPARE(r.exitCode, 0);
    const QString file = readJsonLines(x).value(0).value("stdout_file").toString();
    QVERIFY2(file.startsWith(path(QStringLiteral("late/"))), qPrintable(file));
    QCOMPARE(readFile(file), QByteArray("late\n"));
}

void TestCliFiles::streamedExportRowComesAfterItsFiles()
{
    // A reader of --export - opens the file a row names as the row comes: with the spill writer
    // held at its mkdir, the row came before the file was there.
    if (!canTrace())
        QSKIP("strace is not installed, or may not trace here");
    const Result r = runBash(withSlowMkdir(
            QStringLiteral("--quiet --no-history --output-dir '%1' --export - --shell 'echo streamed'"
                           " | { IFS= read -r row; f=${row#*'\"stdout_file\":\"'};"
                           " cat \"${f%%'\"'*}\"; cat >/dev/null; }")
                    .arg(path(QStringLiteral("streamed")))));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("streamed\n"));
}

void TestCliFiles::hugeRangeIsRefused_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("says");
    QTest::newRow("the whole of int64") << "-9223372036854775808..9223372036854775807" << "too large";
    QTest::newRow("backwards") << "9223372036854775807..-9223372036854775808" << "too large";
    QTest::newRow("past int64") << "1..99999999999999999999" << "99999999999999999999 is out of range";
}

void TestCliFiles::hugeRangeIsRefused()
{
    QFETCH(QString, range);
    QFETCH(QString, says);
    const Result r = runCli({"--template", "echo {}", "--range", range});
    QCOMPARE(r.exitCode, 255);
    QVERIFY(oneLine(r.err));
    QVERIFY2(r.err.contains(says.toUtf8()), r.err);
}

void TestCliFiles::csvCellsFitPythonsLimit()
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

void TestCliFiles::utf32NeverWritesLoneSurrogates()
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

void TestCliFiles::batchFileNullsAndNulsAreRefused_data()
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

void TestCliFiles::batchFileNullsAndNulsAreRefused()
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

void TestCliFiles::markedTimeoutIsSaid()
{
    const QString x = path(QStringLiteral("mark.jsonl"));
    const Result r = runCli({"--quiet", "--timeout", "0.3", "--timeout-action", "mark", "--export", x, "--shell", "sleep 1"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("job 1 (sleep 1): Exited with code 0, after its timeout of 0.3 s had expired."), r.err);
    const QList<QJsonObject> rows = readJsonLines(x);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows[0].value("timed_out").toBool());
    QVERIFY2(rows[0].value("notes").toString().contains(QLatin1String("ran past its 0.3 s timeout")),
             qPrintable(rows[0].value("notes").toString()));
}

QTEST_GUILESS_MAIN(TestCliFiles)
#include "tst_clifiles.moc"
