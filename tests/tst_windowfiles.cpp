// The window and files: exports, batch files, the history.
#include "clitest.h"
#include "windowtest.h"

#include "core/parallel/batchfile.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

class TestWindowFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void historyStallShowsABanner();
    void exportsWhatTheTableShows();
    void historyRunsAgain();
    void brokenBatchFileIsRefusedWithWhere();
    void batchFileSetsLoadAndMemfree();
    void desktopOpensABatchFile();
    void commandLineExportAndJobLogAreWritten();
    void commandLineExportPathIsCheckedFirst();
    void commandLineRetriesLogTheLastTry();

private:
    QTemporaryDir m_home;
};

void TestWindowFiles::initTestCase()
{
    setUpHome(m_home);
}

void TestWindowFiles::historyStallShowsABanner()
{
    MainWindow w;
    w.show();
    QVERIFY(!w.historyBanner()->isVisible());
    // The engine's own signals, as History emits them after 5 s of failed writes and on recovery.
    emit w.history().writeStalled(QStringLiteral("database is locked"));
    QVERIFY(w.historyBanner()->isVisible());
    QVERIFY(w.historyBanner()->text().contains(QLatin1String("database is locked")));
    QVERIFY(!QApplication::activeModalWidget()); // a banner, not a dialog
    emit w.history().writeRecovered();
    QVERIFY(!w.historyBanner()->isVisible());
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("caught up")));
}

void TestWindowFiles::exportsWhatTheTableShows()
{
    MainWindow w;
    w.show();
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launch(testutil::shell(QStringLiteral("echo one")));
    w.launch(testutil::shell(QStringLiteral("exit 2")));
    QVERIFY(idle.wait(kDeadlineMs));
    w.model()->flushPendingChanges();
    const QString all = m_home.filePath(QStringLiteral("window.csv"));
    QSignalSpy written(&w, &MainWindow::exported);
    w.exportTo(all, false);
    // Written off the GUI thread: the file comes while this thread turns no event loop.
    const QDeadlineTimer deadline(kDeadlineMs);
    while (!QFile::exists(all) && !deadline.hasExpired())
        QThread::msleep(5);
    QVERIFY(QFile::exists(all));
    QVERIFY(written.wait(kDeadlineMs));
    QCOMPARE(written.takeFirst(), (QVariantList{all, true, QString()}));
    QFile csv(all);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\r'); // rows end in CRLF; fields may hold \n
    QCOMPARE(lines.size(), 4); // header, two rows, final CRLF's tail
    // The elapsed figure shown is the exported duration to the millisecond.
    const QString shown = w.model()->index(1, JobTableModel::ElapsedColumn).data().toString();
    const QByteArray exported = lines[2].split(',')[10];
    QCOMPARE(shown, JobTableModel::formatElapsed(qint64(qRound(exported.toDouble() * 1000)), false));
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(1);
    const QString selected = m_home.filePath(QStringLiteral("selected.jsonl"));
    w.exportTo(selected, true);
    QVERIFY(written.wait(kDeadlineMs));
    QCOMPARE(written.takeFirst().at(1).toBool(), true);
    QFile jsonl(selected);
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const QByteArray text = jsonl.readAll();
    QCOMPARE(text.count('\n'), 1);
    QVERIFY(text.contains("\"command\":\"exit 2\""));
}

void TestWindowFiles::historyRunsAgain()
{
    // An earlier session: the real program, which records its job and is then asked to quit.
    const QString ran = m_home.filePath(QStringLiteral("earlier-ran"));
    QProcess earlier;
    startGui(&earlier, {"--in-window", "--shell", QStringLiteral("echo from-an-earlier-session; touch \"%1\"").arg(ran)});
    QVERIFY(earlier.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ran), kDeadlineMs);
    ::kill(pid_t(earlier.processId()), SIGTERM);
    QVERIFY(earlier.waitForFinished(kDeadlineMs));
    QCOMPARE(earlier.exitStatus(), QProcess::NormalExit);

    MainWindow w; // this process is "procdeck" too (initTestCase): the same history file
    w.show();
    HistoryDialog dialog(&w.history());
    connect(&dialog, &HistoryDialog::runAgain, &w, [&w](const JobSpec &spec) { w.launch(spec); });
    QVERIFY(!dialog.isLoaded()); // the history's thread reads; the answer comes by signal
    dialog.setSearch(QStringLiteral("EARLIER-SESSION"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), kDeadlineMs);
    QCOMPARE(dialog.rowCount(), 1);
    dialog.runAgainRow(0);
    QCOMPARE(w.scheduler().count(), 1);
    QCOMPARE(w.scheduler().jobAt(0)->spec().shellCommand, QStringLiteral("echo from-an-earlier-session; touch \"%1\"").arg(ran));
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(0)->state(), JobState::Finished, kDeadlineMs);
    dialog.setSearch(QStringLiteral("no-such-command-anywhere"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), kDeadlineMs);
    QCOMPARE(dialog.rowCount(), 0);
}

void TestWindowFiles::brokenBatchFileIsRefusedWithWhere()
{
    MainWindow w;
    w.show();
    const QString path = m_home.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"jobs\": [\n    {\"command\": }\n  ]\n}\n");
    f.close();
    QString shown;
    whenDialogOpens<QMessageBox>([&shown](QMessageBox *box) {
        shown = box->text();
        box->accept();
    });
    QVERIFY(!w.openBatchFile(path));
    QVERIFY2(shown.contains(path + QStringLiteral(":3:")), qPrintable(shown));
    QCOMPARE(w.scheduler().count(), 0);
    // A good one, saved from the window, runs again from the file.
    w.launch(testutil::shell(QStringLiteral("echo saved")));
    const QString saved = m_home.filePath(QStringLiteral("saved.json"));
    QVERIFY(w.saveBatchFile(saved));
    QVERIFY(w.openBatchFile(saved));
    QCOMPARE(w.scheduler().count(), 2);
    QCOMPARE(w.scheduler().jobAt(1)->spec().shellCommand, QStringLiteral("echo saved"));
}

void TestWindowFiles::batchFileSetsLoadAndMemfree()
{
    // File → Open batch file reads the file's GNU parallel limits as procdeck-cli --batch does:
    // the same reader, and a job held by them says why.
    const QString path = m_home.filePath(QStringLiteral("limits.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"load": "+100", "memfree": "100000G", "memsuspend": 1048576,
               "jobs": [{"command": "true"}]})");
    f.close();
    BatchFile file;
    QString error;
    QVERIFY2(BatchFile::load(path, &file, &error), qPrintable(error));
    QCOMPARE(file.resources.memFree, 100000LL << 30); // parallel's G: 1024³
    MainWindow w;
    w.show();
    w.scheduler().setResourceLimits(ResourceLimits{0, 0, 4096}); // the window's own, replaced
    QVERIFY(w.openBatchFile(path));
    QCOMPARE(w.scheduler().resources().limits(), file.resources);
    QCOMPARE(w.scheduler().resources().limits().maxLoad, QThread::idealThreadCount() + 100.0);
    QCOMPARE(w.scheduler().count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(w.scheduler().resources().holdReason().contains("(--memfree + --memsuspend)"),
                             kDeadlineMs);
    QCOMPARE(w.scheduler().jobAt(0)->state(), JobState::Queued); // 100000 GiB are never free
    w.scheduler().setResourceLimits(ResourceLimits{});
    QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().jobAt(0)->state(), JobState::Finished, kDeadlineMs);
}

void TestWindowFiles::desktopOpensABatchFile()
{
    // The desktop entry's Exec=procdeck %F: a .json file is a batch file to run, not a command
    // in GNU parallel's form (which would have run "jobs.json" with values from stdin).
    const QString ran = m_home.filePath(QStringLiteral("desktop-ran"));
    const QString path = m_home.filePath(QStringLiteral("jobs.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("jobs"),
                                       QJsonArray{QJsonObject{{QStringLiteral("command"), QStringLiteral("touch '%1'").arg(ran)}}}}})
                .toJson());
    f.close();
    QProcess gui;
    startGui(&gui, {path});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ran), kDeadlineMs);
    QCOMPARE(gui.state(), QProcess::Running); // the window stays open
    ::kill(pid_t(gui.processId()), SIGTERM);
    QVERIFY(gui.waitForFinished(kDeadlineMs));
}

void TestWindowFiles::commandLineExportAndJobLogAreWritten()
{
    // procdeck --export F --joblog J with three jobs: both written once the jobs have ended, as
    // procdeck-cli writes them, and the window stays open.
    QTemporaryDir dir;
    const QString exportPath = dir.filePath(QStringLiteral("run.jsonl"));
    const QString jobLogPath = dir.filePath(QStringLiteral("run.joblog"));
    QProcess gui;
    // The window's own jobs (the engine's: tst_windowcommandengine).
    startGui(&gui, {QStringLiteral("--in-window"), QStringLiteral("--export"), exportPath, QStringLiteral("--joblog"), jobLogPath, QStringLiteral("--template"),
                    QStringLiteral("echo {}"), QStringLiteral("--range"), QStringLiteral("1..3")});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"), kDeadlineMs);
    QVERIFY2(said.contains(exportPath.toUtf8()) && said.contains(jobLogPath.toUtf8()), said.constData());

    QFile exported(exportPath);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = exported.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject row = QJsonDocument::fromJson(rows[i]).object();
        QCOMPARE(row.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(row.value(QLatin1String("stdout")).toString(), QStringLiteral("%1\n").arg(i + 1));
    }
    QFile jobLog(jobLogPath);
    QVERIFY(jobLog.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = jobLog.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // GNU parallel's header and a row per job
    QVERIFY(lines[0].startsWith("Seq\tHost"));
    for (int i = 1; i < 4; ++i)
        QCOMPARE(lines[i].split('\t').value(6), QByteArray("0")); // Exitval

    QCOMPARE(gui.state(), QProcess::Running);
    QVERIFY(!gui.waitForFinished(1000)); // written, and still open a second later
    gui.terminate(); // nothing runs: SIGTERM closes it at once
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
}

void TestWindowFiles::commandLineExportPathIsCheckedFirst()
{
    MainWindow w;
    RunRequest request;
    request.jobs << testutil::shell(QStringLiteral("true"));
    request.exportPath = m_home.filePath(QStringLiteral("no-such-folder/run.jsonl"));
    QString error;
    QVERIFY(!w.run(request, &error));
    QVERIFY2(error.startsWith(QLatin1String("--export: ")), qPrintable(error));
    QCOMPARE(w.scheduler().count(), 0); // nothing started
}

void TestWindowFiles::commandLineRetriesLogTheLastTry()
{
    // procdeck --retries 3 --joblog J 'exit 1' ::: a: one row, the job's last of three tries,
    // written once that try has ended: the rows procdeck-cli and GNU parallel write.
    const QString parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    if (parallel.isEmpty())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QTemporaryDir dir;
    const auto args = [&dir](const QString &name) {
        return QStringList{QStringLiteral("--retries"), QStringLiteral("3"),
                           QStringLiteral("--joblog"), dir.filePath(name),
                           QStringLiteral("exit 1"), QStringLiteral(":::"), QStringLiteral("a")};
    };
    QProcess gui;
    const QString exportPath = dir.filePath(QStringLiteral("window.jsonl"));
    startGui(&gui, QStringList{QStringLiteral("--export"), exportPath}
                           + args(QStringLiteral("window.joblog")));
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"),
                             kDeadlineMs);
    gui.terminate();
    QVERIFY(gui.waitForFinished(kDeadlineMs));

    QCOMPARE(clitest::runCli(args(QStringLiteral("cli.joblog"))).exitCode, 1);
    QProcess gnu;
    gnu.start(parallel, QStringList{QStringLiteral("--will-cite")}
                            + args(QStringLiteral("parallel.joblog")));
    QVERIFY(gnu.waitForFinished(kDeadlineMs));
    QCOMPARE(gnu.exitCode(), 1);

    const QList<QJsonObject> exported = clitest::readJsonLines(exportPath);
    QCOMPARE(exported.size(), 1);
    QCOMPARE(exported[0].value(QLatin1String("attempts")).toInt(), 3);
    QCOMPARE(exported[0].value(QLatin1String("exit_code")).toInt(), 1);
    for (const char *name : {"window.joblog", "cli.joblog", "parallel.joblog"}) {
        const auto rows = clitest::readJobLogFields(dir.filePath(QLatin1String(name)));
        QVERIFY2(rows.size() == 1, name);
        // Seq, Exitval, Signal, Command: the same in all three.
        const QList<QByteArray> row = rows[0];
        QCOMPARE(QList<QByteArray>({row.value(0), row.value(6), row.value(7), row.value(8)}),
                 QList<QByteArray>({"1", "1", "0", "exit 1 a"}));
    }
}

QTEST_MAIN(TestWindowFiles)
#include "tst_windowfiles.moc"
