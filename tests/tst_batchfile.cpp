#include "core/parallel/batch.h"
#include "core/parallel/batchfile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace procdeck;

class TestBatchFile : public QObject
{
    Q_OBJECT

private slots:
    void brokenFilesAreRefusedWithWhereAndWhat_data();
    void brokenFilesAreRefusedWithWhereAndWhat();
    void unknownKeysAreWarnings();
    void goodFileExpandsWithOverrides();
    void saveAndLoadRoundTrip();
    void commandsFile();

private:
    QString write(const QByteArray &text);
    QTemporaryDir m_dir;
    int m_count = 0;
};

QString TestBatchFile::write(const QByteArray &text)
{
    const QString path = m_dir.filePath(QStringLiteral("batch-%1.json").arg(++m_count));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

void TestBatchFile::brokenFilesAreRefusedWithWhereAndWhat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << QByteArray("{\"name\": \"t\",\n \"jobs\": [{\"command\": \"sleep 1\"},\n  {\"comm") << ":3:";
    QTest::newRow("not json") << QByteArray("jobs:\n  - sleep 1\n") << ":1:";
    QTest::newRow("empty") << QByteArray("  \n") << "the file is empty";
    QTest::newRow("array") << QByteArray("[1, 2]") << "expected a JSON object";
    QTest::newRow("no jobs") << QByteArray("{\"name\": \"x\"}") << "no jobs";
    QTest::newRow("jobs not array") << QByteArray("{\"jobs\": {\"command\": \"x\"}}") << "jobs: expected an array";
    QTest::newRow("job without command") << QByteArray("{\"jobs\": [{\"label\": \"x\"}]}") << "jobs[0]: expected \"command\"";
    QTest::newRow("bad action") << QByteArray("{\"defaults\": {\"timeout_action\": \"maybe\"}, \"jobs\": [{\"command\": \"x\"}]}") << "defaults.timeout_action";
    QTest::newRow("bad timeout") << QByteArray("{\"jobs\": [{\"command\": \"x\", \"timeout_s\": \"soon\"}]}") << "jobs[0].timeout_s";
    QTest::newRow("bad encoding") << QByteArray("{\"defaults\": {\"encoding\": \"klingon\"}, \"jobs\": [{\"command\": \"x\"}]}") << "unknown encoding 'klingon'";
    QTest::newRow("bad range") << QByteArray("{\"template\": {\"command\": \"sleep {}\", \"range\": \"5..x\"}}") << "template.range";
    QTest::newRow("bad parallel") << QByteArray("{\"max_parallel\": 0, \"jobs\": [{\"command\": \"x\"}]}") << "max_parallel";
    QTest::newRow("bad load") << QByteArray("{\"load\": \"lots\", \"jobs\": [{\"command\": \"x\"}]}")
                              << "load: expected N, N%, +N or -N";
    QTest::newRow("bad memfree") << QByteArray("{\"memfree\": \"1Q\", \"jobs\": [{\"command\": \"x\"}]}")
                                 << "memfree: expected a size";
}

void TestBatchFile::brokenFilesAreRefusedWithWhereAndWhat()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString path = write(text);
    BatchFile file;
    QString error;
    QVERIFY(!BatchFile::load(path, &file, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error)); // names the file
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestBatchFile::unknownKeysAreWarnings()
{
    BatchFile file;
    QString error;
    QStringList warnings;
    QVERIFY(BatchFile::load(write("{\"colour\": 1, \"jobs\": [{\"command\": \"x\", \"mood\": 5}]}"), &file, &error, &warnings));
    QCOMPARE(warnings.size(), 2);
    QVERIFY(warnings[0].contains(QLatin1String("'colour'")));
    QVERIFY(warnings[1].contains(QLatin1String("jobs[0]")) && warnings[1].contains(QLatin1String("'mood'")));
}

void TestBatchFile::goodFileExpandsWithOverrides()
{
    BatchFile file;
    QString error;
    QVERIFY2(BatchFile::load(write(R"({"name": "demo", "max_parallel": 4, "load": 1.5,
        "memfree": "2G", "memsuspend": 1000,
        "defaults": {"timeout_s": 5, "timeout_action": "mark", "grace_s": 1, "encoding": "CP949",
                     "cwd": "/tmp", "env": {"A": "1"}, "shell": true},
        "jobs": [{"command": "echo one", "label": "first"},
                 {"program": "printf", "args": ["%s", "a b"], "timeout_s": 9, "env": ["B=2"]}],
        "template": {"command": "sleep {}", "values": ["1", "2"]}})"), &file, &error), qPrintable(error));
    QCOMPARE(file.name, QStringLiteral("demo"));
    QCOMPARE(file.maxParallel, 4);
    QCOMPARE(file.resources.maxLoad, 1.5); // GNU parallel's --load, --memfree, --memsuspend
    QCOMPARE(file.resources.memFree, 2LL << 30);
    QCOMPARE(file.resources.memSuspend, 1000);
    QList<JobSpec> jobs;
    QVERIFY(file.expand(&jobs, &error));
    QCOMPARE(jobs.size(), 4);
    QVERIFY(jobs[0].useShell);
    QCOMPARE(jobs[0].shellCommand, QStringLiteral("echo one"));
    QCOMPARE(jobs[0].label, QStringLiteral("first"));
    QCOMPARE(jobs[0].timeoutSeconds, 5.0);
    QCOMPARE(jobs[0].timeoutAction, TimeoutAction::Mark);
    QCOMPARE(jobs[0].encoding, QStringLiteral("CP949"));
    QCOMPARE(jobs[0].workingDirectory, QStringLiteral("/tmp"));
    QVERIFY(!jobs[1].useShell);
    QCOMPARE(jobs[1].program, QStringLiteral("printf"));
    QCOMPARE(jobs[1].arguments, (QStringList{"%s", "a b"}));
    QCOMPARE(jobs[1].timeoutSeconds, 9.0);
    QCOMPARE(jobs[1].environment, (QStringList{"A=1", "B=2"}));
    QCOMPARE(jobs[3].shellCommand, QStringLiteral("sleep 2"));
    QCOMPARE(jobs[3].graceSeconds, 1.0);
}

void TestBatchFile::saveAndLoadRoundTrip()
{
    BatchFile original;
    original.name = QStringLiteral("ten sleeps");
    original.maxParallel = 10;
    original.resources.maxLoad = 2.5;
    original.resources.memFree = 3LL << 30;
    original.defaults.useShell = true;
    original.defaults.timeoutSeconds = 3;
    original.defaults.environment = QStringList{QStringLiteral("X=1")};
    JobSpec job = original.defaults;
    job.shellCommand = QStringLiteral("echo 'quoted \"text\"'");
    job.label = QStringLiteral("q");
    original.jobs << job;
    original.templateCommand = QStringLiteral("sleep {}");
    original.templateRange = QStringLiteral("1..10");
    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QString error;
    QVERIFY2(original.save(path, &error), qPrintable(error));
    BatchFile loaded;
    QVERIFY2(BatchFile::load(path, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.name, original.name);
    QCOMPARE(loaded.maxParallel, original.maxParallel);
    QVERIFY(loaded.resources == original.resources);
    QCOMPARE(loaded.defaults, original.defaults);
    QCOMPARE(loaded.jobs, original.jobs);
    QList<JobSpec> a;
    QList<JobSpec> b;
    QVERIFY(original.expand(&a, &error) && loaded.expand(&b, &error));
    QCOMPARE(b, a);
    QCOMPARE(b.size(), 11);
}

void TestBatchFile::commandsFile()
{
    QList<JobSpec> jobs;
    QString error;
    QVERIFY(batch::readCommandsFile(write("echo a\n\n  \necho 'b c'\n"), JobSpec{}, &jobs, &error));
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[1].shellCommand, QStringLiteral("echo 'b c'"));
    QVERIFY(jobs[1].useShell);
    QVERIFY(!batch::readCommandsFile(m_dir.filePath(QStringLiteral("missing")), JobSpec{}, &jobs, &error));
    QVERIFY(error.contains(QLatin1String("missing")));
}

QTEST_GUILESS_MAIN(TestBatchFile)
#include "tst_batchfile.moc"
