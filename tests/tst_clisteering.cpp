// Issue 13's "Done when", against the real procdeck-cli: SIGTSTP pauses every job tree and then
// procdeck-cli itself, SIGCONT resumes; --retries; dependencies in batch files. (--halt against
// GNU parallel itself: tst_parallelcompat.)
#include "clitest.h"
#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace clitest;
using testutil::describeProcesses;
using testutil::isHeld;
using testutil::processState;

namespace {

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The living processes of `root`'s jobs (children, theirs, …), found through their parents.
QList<pid_t> jobProcessesOf(pid_t root)
{
    QList<procdeck::proctable::ProcessInfo> all;
    procdeck::proctable::forEachProcess(
        [](const procdeck::proctable::ProcessInfo &info, void *raw) {
            if (info.alive())
                static_cast<QList<procdeck::proctable::ProcessInfo> *>(raw)->append(info);
        },
        &all);
    QList<pid_t> found{root};
    for (qsizetype i = 0; i < found.size(); ++i)
        for (const auto &info : std::as_const(all))
            if (info.ppid == found[i])
                found << info.pid;
    found.removeFirst();
    // Its jobs' processes only (they carry a job marker): not its guardian, which never stops.
    static const char kMarker[] = "PROCDECK_JOB=";
    found.removeIf([](pid_t pid) {
        return !procdeck::proctable::environHas(pid, kMarker, sizeof kMarker - 1, false);
    });
    return found;
}
} // namespace

class TestCliSteering : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void ctrlZPausesTheTreesThenItself();
    void retries_data();
    void retries();
    void afterSuccessOfAFailedJob();
    void refusedBeforeAnythingRuns_data();
    void refusedBeforeAnythingRuns();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

void TestCliSteering::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8()); // keep runs out of $HOME
    qputenv("LC_ALL", "C");
}

QString TestCliSteering::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestCliSteering::ctrlZPausesTheTreesThenItself()
{
    // The issue's loop: a grandchild (sh -c under sh -c, behind & wait) writing the time.
    const QString work = m_dir.filePath(QStringLiteral("ctrlz"));
    QVERIFY(QDir().mkpath(work));
    const QString file = QDir(work).filePath(QStringLiteral("f"));
    const QString exportPath = QDir(work).filePath(QStringLiteral("run.jsonl"));
    QProcess cli;
    cli.setWorkingDirectory(work);
    cli.start(cliPath(), {QStringLiteral("--no-history"), QStringLiteral("--timeout"), QStringLiteral("4"),
                          QStringLiteral("--export"), exportPath, QStringLiteral("--shell"),
                          QStringLiteral("sh -c 'while :; do date +%s%N > f; sleep 0.1; done' & wait")});
    QVERIFY(cli.waitForStarted(kDeadlineMs));
    const qint64 pid = cli.processId();
    QTRY_VERIFY_WITH_TIMEOUT(!contents(file).isEmpty(), kDeadlineMs);
    const QByteArray first = contents(file);
    QTRY_VERIFY_WITH_TIMEOUT(contents(file) != first && !contents(file).isEmpty(), kDeadlineMs); // it runs

    QElapsedTimer paused;
    paused.start();
    ::kill(pid_t(pid), SIGTSTP);
    QTRY_COMPARE_WITH_TIMEOUT(processState(pid), 'T', kDeadlineMs); // procdeck-cli stopped itself…
    // …after the trees: every process below it is held now, the grandchild included.
    const QList<pid_t> tree = jobProcessesOf(pid_t(pid));
    QVERIFY2(tree.size() >= 2, qPrintable(describeProcesses(tree))); // sh and the grandchild sh
    for (const pid_t p : tree)
        QVERIFY2(isHeld(p), qPrintable(describeProcesses(tree)));
    const QByteArray frozen = contents(file);
    // Seen held, it stays paused 1.5 s: the figure paused_s must reach (a duration measured, not
    // a wait for something to happen). Held, the tree writes nothing meanwhile.
    QElapsedTimer held;
    held.start();
    QTRY_VERIFY_WITH_TIMEOUT(held.elapsed() >= 1500, kDeadlineMs);
    QCOMPARE(contents(file), frozen);
    QCOMPARE(processState(pid), 'T');

    const qint64 heldFor = held.elapsed(); // the job's pause began before, and ends after
    ::kill(pid_t(pid), SIGCONT);
    const qint64 pausedFor = paused.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(contents(file) != frozen && !contents(file).isEmpty(), kDeadlineMs); // resumed
    const Result r = finish(cli);
    QCOMPARE(r.exitCode, 1); // it timed out: one failed job
    QVERIFY2(r.err.contains("SIGTSTP"), r.err.constData());
    const QList<QJsonObject> rows = readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(QLatin1String("state")).toString(), QStringLiteral("timed_out"));
    const double pausedS = row.value(QLatin1String("paused_s")).toDouble();
    const double durationS = row.value(QLatin1String("duration_s")).toDouble();
    QVERIFY2(pausedS >= double(heldFor) / 1000.0 && pausedS <= double(pausedFor) / 1000.0 + 0.5,
             qPrintable(QStringLiteral("paused_s %1, seen held %2 ms, paused for %3 ms")
                            .arg(pausedS).arg(heldFor).arg(pausedFor)));
    QVERIFY2(durationS - pausedS >= 4.0, qPrintable(QStringLiteral("duration_s %1, paused_s %2").arg(durationS).arg(pausedS)));
}

void TestCliSteering::retries_data()
{
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("state");
    QTest::newRow("--retries 3") << 3 << 0 << 3 << "finished";
    QTest::newRow("--retries 2") << 2 << 1 << 2 << "failed";
}

void TestCliSteering::retries()
{
    QFETCH(int, retries);
    QFETCH(int, exitCode);
    QFETCH(int, attempts);
    QFETCH(QString, state);
    const QString work = m_dir.filePath(QStringLiteral("retries-%1").arg(retries));
    QVERIFY(QDir().mkpath(work));
    const QString exportPath = QDir(work).filePath(QStringLiteral("run.jsonl"));
    // Succeeds at its third try.
    const Result r = runCli({QStringLiteral("--no-history"), QStringLiteral("--retries"), QString::number(retries),
                             QStringLiteral("--retry-delay"), QStringLiteral("0.1"), QStringLiteral("--export"), exportPath,
                             QStringLiteral("--cwd"), work, QStringLiteral("--shell"),
                             QStringLiteral("n=$(cat n 2>/dev/null || echo 0); n=$((n+1)); echo $n > n; echo try $n; [ $n -ge 3 ]")});
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.out, QByteArray("try %1\n").replace("%1", QByteArray::number(attempts))); // the last try's output
    const QList<QJsonObject> rows = readJsonLines(exportPath);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(QLatin1String("attempts")).toInt(), attempts);
    QCOMPARE(rows.first().value(QLatin1String("seq")).toInt(), 1);
    QCOMPARE(rows.first().value(QLatin1String("state")).toString(), state);
}

void TestCliSteering::afterSuccessOfAFailedJob()
{
    const QString batch = write(QStringLiteral("deps.json"), R"({"jobs": [
        {"id": "a", "command": "echo a; exit 3"},
        {"id": "b", "command": "echo b", "after_success": ["a"]},
        {"id": "c", "command": "echo c", "after": ["a"]}]})");
    const QString exportPath = m_dir.filePath(QStringLiteral("deps.jsonl"));
    const QString csvPath = m_dir.filePath(QStringLiteral("deps.csv"));
    const Result r = runCli({QStringLiteral("--no-history"), QStringLiteral("--batch"), batch, QStringLiteral("--export"), exportPath});
    QCOMPARE(r.exitCode, 2); // a failed, b skipped (which counts as failed), c ran
    QVERIFY2(r.err.contains("job 2 (echo b): Skipped: it was to run only if job 'a' (#1) succeeded, and it failed."), r.err.constData());
    const QList<QJsonObject> rows = readJsonLines(exportPath);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[1].value(QLatin1String("state")).toString(), QStringLiteral("skipped"));
    QCOMPARE(rows[1].value(QLatin1String("id")).toString(), QStringLiteral("b"));
    QCOMPARE(rows[1].value(QLatin1String("after_success")).toArray(), QJsonArray{QStringLiteral("a")});
    QVERIFY(rows[1].value(QLatin1String("error")).toString().contains(QLatin1String("'a'")));
    QCOMPARE(rows[2].value(QLatin1String("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(rows[2].value(QLatin1String("after")).toArray(), QJsonArray{QStringLiteral("a")});
    QCOMPARE(r.out, QByteArray("a\nc\n"));

    // The CSV export has the same fields.
    const Result csv = runCli({QStringLiteral("--no-history"), QStringLiteral("--batch"), batch, QStringLiteral("--export"), csvPath});
    QCOMPARE(csv.exitCode, 2);
    const QByteArray header = contents(csvPath).split('\n').first();
    QVERIFY2(header.contains(",paused_s,attempts,id,after,after_success"), header.constData());
}

void TestCliSteering::refusedBeforeAnythingRuns_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("cycle") << QByteArray(R"({"jobs": [{"id": "a", "command": "touch ran", "after": ["b"]},
                                                     {"id": "b", "command": "touch ran", "after_success": ["a"]}]})")
                           << QByteArray("dependency cycle among job ids 'a', 'b': a → b → a");
    QTest::newRow("unknown") << QByteArray(R"({"jobs": [{"id": "a", "command": "touch ran"},
                                                       {"command": "touch ran", "after": ["a", "nope"]}]})")
                             << QByteArray("unknown job id(s) in \"after\"/\"after_success\": 'nope' (job 2)");
}

void TestCliSteering::refusedBeforeAnythingRuns()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, message);
    const QString work = m_dir.filePath(QStringLiteral("refused-%1").arg(QTest::currentDataTag()));
    QVERIFY(QDir().mkpath(work));
    const QString batch = write(QStringLiteral("refused-%1.json").arg(QTest::currentDataTag()), json);
    const Result r = runCli({QStringLiteral("--no-history"), QStringLiteral("--cwd"), work, QStringLiteral("--batch"), batch});
    QCOMPARE(r.exitCode, 255);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QVERIFY(!QFile::exists(QDir(work).filePath(QStringLiteral("ran")))); // nothing ran
}

QTEST_GUILESS_MAIN(TestCliSteering)
#include "tst_clisteering.moc"
