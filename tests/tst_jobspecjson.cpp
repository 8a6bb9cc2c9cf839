// A JobSpec's JSON has one home (core/jobspecjson): batch files and the history's spec column
// write and read it alike, and what both wrote before still reads.
#include "core/parallel/batchfile.h"
#include "core/history/historyrows.h"
#include "core/parallel/jobspecjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace procdeck;

namespace {

/// A spec with every field set to something other than its default.
JobSpec everyField(bool shell)
{
    JobSpec s;
    s.useShell = shell;
    if (shell) {
        s.shellCommand = QStringLiteral("printf '%s\\n' \"$A\" | cat -");
    } else {
        s.program = QStringLiteral("printf");
        s.arguments = QStringList{QStringLiteral("%s\\n"), QStringLiteral("a b"), QString(), QStringLiteral("한국어")};
    }
    s.workingDirectory = QStringLiteral("/tmp");
    s.environment = QStringList{QStringLiteral("Z=last"), QStringLiteral("A=1=2"), QStringLiteral("EMPTY=")};
    s.standardInput = QByteArray("text\nwith 한 line\n");
    s.standardInputFile = QStringLiteral("/etc/hostname");
    s.timeoutSeconds = 2.5;
    s.timeoutAction = TimeoutAction::Mark;
    s.graceSeconds = 0.25;
    s.encoding = QStringLiteral("CP949");
    s.label = QStringLiteral("the label");
    s.values = QStringList{QStringLiteral("a b"), QString(), QStringLiteral("한국어")};
    s.pty = true;
    s.retries = 3;
    s.retryDelaySeconds = 0.5;
    s.id = QStringLiteral("build");
    s.after = QStringList{QStringLiteral("fetch")};
    s.afterSuccess = QStringList{QStringLiteral("configure"), QStringLiteral("#3")};
    return s;
}

JobSpec readJob(const QJsonObject &o)
{
    JobSpec spec;
    jobspecjson::Problem problem;
    if (!jobspecjson::fromJson(o, &spec, &problem))
        qWarning("%s: %s", qPrintable(problem.key), qPrintable(problem.what));
    return spec;
}

} // namespace

class TestJobSpecJson : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldRoundTrips_data();
    void everyFieldRoundTrips();
    void everyFieldRoundTripsThroughTheHistory_data() { everyFieldRoundTrips_data(); }
    void everyFieldRoundTripsThroughTheHistory();
    void everyFieldRoundTripsThroughABatchFile_data() { everyFieldRoundTrips_data(); }
    void everyFieldRoundTripsThroughABatchFile();
    void bytesThatAreNotTextGoAsBase64();
    void shellAndPtyAreAlwaysWritten();
    void olderHistoryRowsStillRead_data();
    void olderHistoryRowsStillRead();
    void documentedBatchFileReads();
    void problemsSayWhere_data();
    void problemsSayWhere();

private:
    QTemporaryDir m_dir;
};

void TestJobSpecJson::everyFieldRoundTrips_data()
{
    QTest::addColumn<JobSpec>("spec");
    QTest::newRow("shell") << everyField(true);
    QTest::newRow("argv") << everyField(false);
    JobSpec plain;
    plain.program = QStringLiteral("true");
    QTest::newRow("defaults only") << plain;
    JobSpec binary = everyField(false);
    binary.standardInput = QByteArray("\xff\xfe\x00 not text \x80", 14);
    QTest::newRow("binary input") << binary;
}

void TestJobSpecJson::everyFieldRoundTrips()
{
    QFETCH(JobSpec, spec);
    const QByteArray text = QJsonDocument(jobspecjson::toJson(spec)).toJson();
    QCOMPARE(readJob(QJsonDocument::fromJson(text).object()), spec);
}

void TestJobSpecJson::everyFieldRoundTripsThroughTheHistory()
{
    QFETCH(JobSpec, spec);
    JobSpec expected = spec; // a job run again from the history waits for nothing
    expected.id.clear();
    expected.after.clear();
    expected.afterSuccess.clear();
    QCOMPARE(historyrows::specFromJson(historyrows::specToJson(spec)), expected);

    historyrows::Row row; // and through the journal of rows not yet written
    row.runId = QStringLiteral("run");
    row.record.seq = 1;
    row.spec = spec;
    historyrows::Row back;
    QVERIFY(historyrows::fromJournalLine(historyrows::toJournalLine(row), &back));
    QCOMPARE(back.spec, expected);
}

void TestJobSpecJson::everyFieldRoundTripsThroughABatchFile()
{
    QFETCH(JobSpec, spec);
    BatchFile file;
    file.defaults = spec; // as the defaults' settings…
    file.defaults.useShell = true;
    JobSpec underDefaults = spec; // …and as a job that overrides some of them
    underDefaults.timeoutSeconds = 0;
    underDefaults.retries = 0;
    underDefaults.pty = false;
    underDefaults.environment << QStringLiteral("JOB_ONLY=yes");
    file.jobs = QList<JobSpec>{spec, underDefaults};
    const QString path = m_dir.filePath(QStringLiteral("%1.json").arg(QTest::currentDataTag()));
    QString error;
    QVERIFY2(file.save(path, &error), qPrintable(error));
    BatchFile loaded;
    QStringList warnings;
    QVERIFY2(BatchFile::load(path, &loaded, &error, &warnings), qPrintable(error));
    QCOMPARE(warnings, QStringList());
    QCOMPARE(loaded.jobs, file.jobs);
    JobSpec settings; // the defaults keep their settings (a command is a job's)
    jobspecjson::Problem problem;
    QVERIFY(jobspecjson::settingsFromJson(jobspecjson::settingsToJson(file.defaults), &settings, &problem));
    QCOMPARE(loaded.defaults, settings);
}

void TestJobSpecJson::bytesThatAreNotTextGoAsBase64()
{
    JobSpec spec;
    spec.program = QStringLiteral("wc");
    spec.standardInput = QByteArray("a\0b", 3);
    QJsonObject o = jobspecjson::toJson(spec);
    QCOMPARE(o.value(QLatin1String("input")).toString(), QStringLiteral("a\u0000b")); // NUL is text in JSON
    spec.standardInput = QByteArray("\xc3\x28", 2); // not UTF-8
    o = jobspecjson::toJson(spec);
    QVERIFY(!o.contains(QLatin1String("input")));
    QCOMPARE(o.value(QLatin1String("input_base64")).toString(), QStringLiteral("wyg="));
}

void TestJobSpecJson::shellAndPtyAreAlwaysWritten()
{
    const QJsonObject o = jobspecjson::settingsToJson(JobSpec{});
    QCOMPARE(o.value(QLatin1String("shell")), QJsonValue(false));
    QCOMPARE(o.value(QLatin1String("pty")), QJsonValue(false));
    QCOMPARE(o.value(QLatin1String("retries")), QJsonValue(0));
    QCOMPARE(o.value(QLatin1String("nice")), QJsonValue(0));
    JobSpec niced;
    niced.nice = 7; // --nice reaches the engine and the history through this JSON
    JobSpec back;
    jobspecjson::Problem problem;
    QVERIFY(jobspecjson::settingsFromJson(jobspecjson::settingsToJson(niced), &back, &problem));
    QCOMPARE(back.nice, 7);
    QVERIFY(o.contains(QLatin1String("timeout_s")) && o.contains(QLatin1String("grace_s")));
}

void TestJobSpecJson::olderHistoryRowsStillRead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<JobSpec>("expected");
    // What historyrows::specToJson wrote before the one home (every key, stdin as base64).
    JobSpec argvJob;
    argvJob.program = QStringLiteral("printf");
    argvJob.arguments = QStringList{QStringLiteral("%s"), QStringLiteral("a b")};
    argvJob.environment = QStringList{QStringLiteral("B=2"), QStringLiteral("A=1")};
    argvJob.standardInput = QByteArray("hi");
    argvJob.timeoutSeconds = 5;
    argvJob.timeoutAction = TimeoutAction::Mark;
    argvJob.graceSeconds = 1;
    argvJob.encoding = QStringLiteral("CP949");
    argvJob.label = QStringLiteral("l");
    argvJob.pty = true;
    argvJob.retries = 3;
    argvJob.retryDelaySeconds = 0.5;
    QTest::newRow("argv, pty, retries")
        << QByteArray(R"({"args":["%s","a b"],"command":"","cwd":"","encoding":"CP949","env":["B=2","A=1"],)"
                      R"("grace_s":1,"input_base64":"aGk=","label":"l","program":"printf","pty":true,"retries":3,)"
                      R"("retry_delay_s":0.5,"shell":false,"stdin_file":"","timeout_action":"mark","timeout_s":5})")
        << argvJob;
    JobSpec shellJob;
    shellJob.useShell = true;
    shellJob.shellCommand = QStringLiteral("echo first");
    shellJob.workingDirectory = QStringLiteral("/tmp");
    shellJob.standardInputFile = QStringLiteral("/etc/hostname");
    QTest::newRow("shell")
        << QByteArray(R"({"args":[],"command":"echo first","cwd":"/tmp","encoding":"UTF-8","env":[],"grace_s":2,)"
                      R"("input_base64":"","label":"","program":"","shell":true,"stdin_file":"/etc/hostname",)"
                      R"("timeout_action":"kill","timeout_s":0})")
        << shellJob;
    JobSpec textInput = shellJob; // rows from before stdin was kept as bytes: "input" as text
    textInput.standardInputFile.clear();
    textInput.standardInput = QByteArray("한 line\n");
    QTest::newRow("stdin as text")
        << QByteArray(R"({"args":[],"command":"echo first","cwd":"/tmp","encoding":"UTF-8","env":[],"grace_s":2,)"
                      R"("input":"한 line\n","label":"","program":"","shell":true,"timeout_action":"kill","timeout_s":0})")
        << textInput;
    QTest::newRow("empty spec of the oldest rows") << QByteArray("{}") << JobSpec{};
}

void TestJobSpecJson::olderHistoryRowsStillRead()
{
    QFETCH(QByteArray, json);
    QFETCH(JobSpec, expected);
    QCOMPARE(historyrows::specFromJson(json), expected);
}

void TestJobSpecJson::documentedBatchFileReads()
{
    // README's "Batch files" example, word for word, and the steering section's.
    const QString path = m_dir.filePath(QStringLiteral("readme.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "ten sleeps", "max_parallel": 10,
 "defaults": {"timeout_s": 30, "timeout_action": "kill", "grace_s": 2, "encoding": "UTF-8",
              "cwd": "/tmp", "env": {"LANG": "C"}, "shell": true},
 "jobs": [{"command": "echo first", "label": "warm-up"},
          {"program": "printf", "args": ["%s\n", "a b"], "timeout_s": 5},
          {"id": "build", "command": "make", "retries": 2, "retry_delay_s": 1, "pty": true},
          {"id": "test", "command": "make check", "after_success": ["build"]},
          {"command": "make clean-tmp", "after": ["build", "test"], "shell": false}],
 "template": {"command": "sleep {}", "range": "1..10"}})");
    f.close();
    BatchFile file;
    QString error;
    QStringList warnings;
    QVERIFY2(BatchFile::load(path, &file, &error, &warnings), qPrintable(error));
    QCOMPARE(warnings, QStringList());
    QList<JobSpec> jobs;
    QVERIFY2(file.expand(&jobs, &error), qPrintable(error));
    QCOMPARE(jobs.size(), 15);
    JobSpec first;
    first.useShell = true;
    first.shellCommand = QStringLiteral("echo first");
    first.label = QStringLiteral("warm-up");
    first.timeoutSeconds = 30;
    first.workingDirectory = QStringLiteral("/tmp");
    first.environment = QStringList{QStringLiteral("LANG=C")};
    QCOMPARE(jobs[0], first);
    QVERIFY(!jobs[1].useShell);
    QCOMPARE(jobs[1].program, QStringLiteral("printf"));
    QCOMPARE(jobs[1].arguments, (QStringList{QStringLiteral("%s\n"), QStringLiteral("a b")}));
    QCOMPARE(jobs[1].timeoutSeconds, 5.0);
    QCOMPARE(jobs[2].retries, 2);
    QVERIFY(jobs[2].pty && !jobs[3].pty);
    QCOMPARE(jobs[3].afterSuccess, QStringList{QStringLiteral("build")});
    QVERIFY(!jobs[4].useShell);
    QCOMPARE(jobs[4].program, QStringLiteral("make"));
    QCOMPARE(jobs[4].arguments, QStringList{QStringLiteral("clean-tmp")});
    QCOMPARE(jobs[14].shellCommand, QStringLiteral("sleep 10"));
}

void TestJobSpecJson::problemsSayWhere_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("what");
    QTest::newRow("no command") << QByteArray(R"({"label": "x"})") << QString() << "expected \"command\"";
    QTest::newRow("empty command") << QByteArray(R"({"command": " "})") << QString() << "empty command";
    QTest::newRow("null argument") << QByteArray(R"({"program": "ls", "args": ["-l", null]})") << "args[1]" << "not null";
    QTest::newRow("env value") << QByteArray(R"({"command": "x", "env": {"A": [1]}})") << "env.A" << "not an array";
    QTest::newRow("NUL") << QByteArray(R"({"command": "echo \u0000"})") << "command" << "NUL";
    QTest::newRow("pty") << QByteArray(R"({"command": "x", "pty": "yes"})") << "pty" << "true or false";
    QTest::newRow("base64") << QByteArray(R"({"command": "x", "input_base64": "%%"})") << "input_base64" << "base64";
    QTest::newRow("values") << QByteArray(R"({"command": "x", "values": "a"})") << "values" << "array of strings";
    QTest::newRow("a value") << QByteArray(R"({"command": "x", "values": ["a", {}]})") << "values[1]" << "not an object";
    QTest::newRow("retries") << QByteArray(R"({"command": "x", "retries": -1})") << "retries" << "whole number";
}

void TestJobSpecJson::problemsSayWhere()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, what);
    JobSpec spec;
    jobspecjson::Problem problem;
    QVERIFY(!jobspecjson::fromJson(QJsonDocument::fromJson(json).object(), &spec, &problem));
    QCOMPARE(problem.key, key);
    QVERIFY2(problem.what.contains(what), qPrintable(problem.what));
}

QTEST_GUILESS_MAIN(TestJobSpecJson)
#include "tst_jobspecjson.moc"
